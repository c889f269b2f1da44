{#
    The collector's received_at as a timestamp, null when it is missing,
    out of range (see safe_timestamp) or after the build started plus
    segments__max_clock_skew_hours: a collector cannot receive an event
    in the future, and one such value as the incremental watermark would
    hide every later row. Staging quarantines those rows as
    invalid_received_at.
#}
{% macro plausible_received_at(column) -%}
    {%- set skew_hours = smart_segments.number_var('segments__max_clock_skew_hours') -%}
    {%- set latest = run_started_at.replace(tzinfo=none) + modules.datetime.timedelta(hours=skew_hours) -%}
    case
        when {{ smart_segments.safe_timestamp(column) }} <= cast('{{ latest.strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp)
            then {{ smart_segments.safe_timestamp(column) }}
    end
{%- endmacro %}
