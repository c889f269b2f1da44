{#
    The partition columns of a Spark table, in order (none: an empty list),
    as the metastore holds them (DESCRIBE TABLE, "# Partition Information"):
    what delete_rows rewrites by, whatever the model's config says now.
#}
{% macro spark_partition_columns(relation) -%}
    {%- set partition_columns = [] -%}
    {%- set section = namespace(partitions=false) -%}
    {%- for row in run_query("describe table " ~ relation).rows -%}
        {%- set name = (row[0] or '') | trim -%}
        {%- if name == '# Partition Information' -%}
            {%- set section.partitions = true -%}
        {%- elif section.partitions and name and not name.startswith('#') -%}
            {%- do partition_columns.append(name) -%}
        {%- elif section.partitions and not name -%}
            {%- set section.partitions = false -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(partition_columns) }}
{%- endmacro %}
