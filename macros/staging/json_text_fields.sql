{#
    Parses a JSON object string once into a struct with one text field per
    key (null when the key is absent); read the fields as
    <alias>.<key>. One parse per row, however many keys.
#}
{% macro json_text_fields(json_column, keys) -%}
    {%- if keys is string or keys | length == 0 -%}
        {{ exceptions.raise_compiler_error("json_text_fields: keys must be a non-empty list, got " ~ keys) }}
    {%- endif -%}
    {{ return(adapter.dispatch('json_text_fields', 'smart_segments')(json_column, keys)) }}
{%- endmacro %}

{% macro default__json_text_fields(json_column, keys) -%}
    json_transform({{ json_column }}, '{ {%- for key in keys -%} "{{ key }}": "VARCHAR"{{ ", " if not loop.last }}{%- endfor -%} }')
{%- endmacro %}

{% macro spark__json_text_fields(json_column, keys) -%}
    from_json({{ json_column }}, '{%- for key in keys -%}`{{ key }}` string{{ ", " if not loop.last }}{%- endfor -%}')
{%- endmacro %}
