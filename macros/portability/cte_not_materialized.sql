{#
    The hint that a CTE read more than once is inlined where it is read
    instead of computed once and held (DuckDB's `as not materialized`, which
    lets each reader push its filters down). Spark always inlines CTEs and
    has no such keyword: nothing there.
    Usage: raw_events as {{ smart_segments.cte_not_materialized() }} (...)
#}
{% macro cte_not_materialized() -%}
    {{ return(adapter.dispatch('cte_not_materialized', 'smart_segments')()) }}
{%- endmacro %}

{% macro default__cte_not_materialized() -%}
    not materialized
{%- endmacro %}

{% macro spark__cte_not_materialized() -%}
{%- endmacro %}
