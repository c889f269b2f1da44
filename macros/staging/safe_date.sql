{#
    A raw DATE column, null when it lies outside 0001-01-01 .. 9999-12-31
    (see safe_timestamp: date arithmetic on values near the ends of the
    representable range fails the query).
#}
{% macro safe_date(column) -%}
    {{ return(adapter.dispatch('safe_date', 'smart_segments')(column)) }}
{%- endmacro %}

{% macro default__safe_date(column) -%}
    case
        when {{ column }} between date '0001-01-01' and date '9999-12-31'
            then cast({{ column }} as date)
    end
{%- endmacro %}
