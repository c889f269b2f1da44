{#
    Aggregate: the texts joined with the separator, in sorted order (so a
    message that lists them reads the same on every run). DuckDB orders
    inside string_agg; Spark sorts the collected list.
    Usage: {{ smart_segments.sorted_string_agg("part_name || ' = ' || row_count", "', '") }}
#}
{% macro sorted_string_agg(expression, separator) -%}
    {{ return(adapter.dispatch('sorted_string_agg', 'smart_segments')(expression, separator)) }}
{%- endmacro %}

{% macro default__sorted_string_agg(expression, separator) -%}
    string_agg({{ expression }}, {{ separator }} order by {{ expression }})
{%- endmacro %}

{% macro spark__sorted_string_agg(expression, separator) -%}
    array_join(array_sort(collect_list({{ expression }})), {{ separator }})
{%- endmacro %}
