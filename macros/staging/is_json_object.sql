{#
    True when the string column holds a well-formed JSON object, false for
    malformed JSON or any other JSON value (array, number, string); null
    stays null.
#}
{% macro is_json_object(json_column) -%}
    {{ return(adapter.dispatch('is_json_object', 'smart_segments')(json_column)) }}
{%- endmacro %}

{% macro default__is_json_object(json_column) -%}
    (json_valid({{ json_column }}) and json_type({{ json_column }}) = 'OBJECT')
{%- endmacro %}

{% macro spark__is_json_object(json_column) -%}
    (from_json({{ json_column }}, 'map<string,string>') is not null)
{%- endmacro %}
