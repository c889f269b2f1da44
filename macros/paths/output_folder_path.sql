{#
    A folder the build writes for consumers, absolute: the var `var_name`
    when set (relative paths resolve against the project directory), else a
    folder beside the warehouse named after it and `suffix`
    (data/smart_segments.duckdb -> data/smart_segments_<suffix>), so two
    warehouses never share one by default (on Spark:
    data/spark/smart_segments_<suffix>, see warehouse_path).
#}
{% macro output_folder_path(var_name, suffix) -%}
    {%- set configured = var(var_name, none) -%}
    {%- if configured is not none and configured | string | trim != '' -%}
        {{ return(smart_segments.project_path(configured | string | trim)) }}
    {%- endif -%}
    {%- set warehouse = smart_segments.warehouse_path() -%}
    {%- if warehouse is none -%}
        {{ exceptions.raise_compiler_error(
            "Set the " ~ var_name ~ " var: on target " ~ target.name
            ~ " there is no warehouse file to put the " ~ suffix ~ " folder beside") }}
    {%- endif -%}
    {%- set stem = modules.re.sub('\\.(duckdb|db)$', '', warehouse) -%}
    {{ return(stem ~ '_' ~ suffix) }}
{%- endmacro %}
