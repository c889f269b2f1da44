{#
    The folder the activation exports go to, absolute: the
    activation_output_path var when set (relative paths resolve against
    the project directory), else a folder beside the warehouse named after
    it (data/smart_segments.duckdb -> data/smart_segments_activation), so
    two warehouses never share an export folder by default.
#}
{% macro activation_output_path() -%}
    {%- set configured = var('activation_output_path', none) -%}
    {%- if configured is not none and configured | string | trim != '' -%}
        {{ return(smart_segments.project_path(configured | string | trim)) }}
    {%- endif -%}
    {%- set warehouse = smart_segments.warehouse_path() -%}
    {%- if warehouse is none -%}
        {{ exceptions.raise_compiler_error(
            "Set the activation_output_path var: on target " ~ target.name
            ~ " there is no warehouse file to put the exports beside") }}
    {%- endif -%}
    {%- set stem = modules.re.sub('\\.(duckdb|db)$', '', warehouse) -%}
    {{ return(stem ~ '_activation') }}
{%- endmacro %}
