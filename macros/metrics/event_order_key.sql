{#
    A string that sorts events by time, then event_id: the tie-break that
    makes "latest" picks deterministic.
#}
{% macro event_order_key(time_column, id_column) -%}
    {{ return(adapter.dispatch('event_order_key', 'smart_segments')(time_column, id_column)) }}
{%- endmacro %}

{% macro default__event_order_key(time_column, id_column) -%}
    strftime({{ time_column }}, '%Y-%m-%d %H:%M:%S.%f') || '|' || {{ id_column }}
{%- endmacro %}

{% macro spark__event_order_key(time_column, id_column) -%}
    date_format({{ time_column }}, 'yyyy-MM-dd HH:mm:ss.SSSSSS') || '|' || {{ id_column }}
{%- endmacro %}
