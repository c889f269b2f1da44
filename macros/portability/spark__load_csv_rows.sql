{#
    dbt-spark's seed loader for method `session` splices the values into
    its INSERT unescaped, so a seed value with a quote ("Côte d'Ivoire")
    breaks the statement. This one writes every value as an escaped string
    literal cast to the column's type (dbt calls it through
    adapter.dispatch('load_csv_rows'); the root project's version wins).
    Seeds here are small (hundreds of rows): one INSERT a seed.
#}
{% macro spark__load_csv_rows(model, agate_table) -%}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set types = [] -%}
    {%- for column_name in agate_table.column_names -%}
        {%- do types.append(column_override.get(column_name, adapter.convert_type(agate_table, loop.index0))) -%}
    {%- endfor -%}
    {%- set sql -%}
        insert into {{ this.render() }} values
        {%- for row in agate_table.rows %}
            (
            {%- for value in row -%}
                {%- if value is none -%}
                    cast(null as {{ types[loop.index0] }})
                {%- else -%}
                    cast('{{ value | string | replace("\\", "\\\\") | replace("'", "\\'") }}' as {{ types[loop.index0] }})
                {%- endif -%}
                {{- ", " if not loop.last -}}
            {%- endfor -%}
            ){{ "," if not loop.last }}
        {%- endfor %}
    {%- endset -%}
    {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
    {{ return(sql) }}
{%- endmacro %}
