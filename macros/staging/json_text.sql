{#
    The text of a top-level key of a JSON object held in a string column;
    null when the key is absent or JSON null.
#}
{% macro json_text(json_column, key) -%}
    {{ return(adapter.dispatch('json_text', 'smart_segments')(json_column, key)) }}
{%- endmacro %}

{% macro default__json_text(json_column, key) -%}
    json_extract_string({{ json_column }}, '$.{{ key }}')
{%- endmacro %}

{% macro spark__json_text(json_column, key) -%}
    get_json_object({{ json_column }}, '$.{{ key }}')
{%- endmacro %}
