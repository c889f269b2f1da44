{#
    Aggregate: the value of `value` on the row with the greatest `order_by`
    (make order_by unique, e.g. time || id, for a deterministic pick).
    Dispatched: DuckDB arg_max, Spark/Trino max_by.
#}
{% macro max_by(value, order_by) -%}
    {{ return(adapter.dispatch('max_by', 'smart_segments')(value, order_by)) }}
{%- endmacro %}

{% macro default__max_by(value, order_by) -%}
    arg_max({{ value }}, {{ order_by }})
{%- endmacro %}

{% macro spark__max_by(value, order_by) -%}
    max_by({{ value }}, {{ order_by }})
{%- endmacro %}

{% macro trino__max_by(value, order_by) -%}
    max_by({{ value }}, {{ order_by }})
{%- endmacro %}
