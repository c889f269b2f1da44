{#
    A raw timestamp (or date) column as a TIMESTAMP, null when it lies
    outside 0001-01-01 .. 9999-12-31. Producers can write any 64-bit value
    into a Parquet timestamp: DuckDB reads values near the ends of that
    range (and +-infinity), but casting, formatting or adding an interval
    to them fails the query, so nothing else may touch the raw value
    first. The bounds are compared on the raw microsecond count, which is
    always defined. Read `column is not null and safe_timestamp(column) is
    null` as "a value was sent but it is out of range".
#}
{% macro safe_timestamp(column) -%}
    {{ return(adapter.dispatch('safe_timestamp', 'smart_segments')(column)) }}
{%- endmacro %}

{% macro default__safe_timestamp(column) -%}
    case
        when epoch_us(cast({{ column }} as timestamp)) between -62135596800000000 and 253402300799999999
            then cast({{ column }} as timestamp)
    end
{%- endmacro %}

{% macro spark__safe_timestamp(column) -%}
    case
        when cast({{ column }} as timestamp) between timestamp'0001-01-01 00:00:00'
            and timestamp'9999-12-31 23:59:59.999999'
            then cast({{ column }} as timestamp)
    end
{%- endmacro %}
