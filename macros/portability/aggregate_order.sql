{#
    The ORDER BY inside an aggregate that makes a floating-point sum add its
    values in one order, so a rerun gives the same last bits at any thread
    count (DuckDB). Spark takes no ORDER BY in sum() or avg(): nothing
    there (a Spark build compares with DuckDB's to 1e-9 relative).
    Usage: avg(score {{ smart_segments.aggregate_order('score, user_id') }})
#}
{% macro aggregate_order(ordering) -%}
    {{ return(adapter.dispatch('aggregate_order', 'smart_segments')(ordering)) }}
{%- endmacro %}

{% macro default__aggregate_order(ordering) -%}
    order by {{ ordering }}
{%- endmacro %}

{% macro spark__aggregate_order(ordering) -%}
{%- endmacro %}
