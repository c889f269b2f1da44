{#
    The segments__backfill_from_date var, checked against as_of_date: none
    when not set, else the YYYY-MM-DD string. A backfill needs an explicit
    as_of_date on or after it (at most segments__max_backfill_days later),
    so the range is known when the SQL is compiled.
#}
{% macro backfill_from_date_var(as_of_date) -%}
    {%- set value = var('segments__backfill_from_date', none) -%}
    {%- if value is none or (value is string and value | trim == '') -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set text = value | string | trim -%}
    {%- if not smart_segments.is_calendar_date(text) -%}
        {{ exceptions.raise_compiler_error(
            "Invalid dbt var segments__backfill_from_date: '" ~ value
            ~ "' (not a calendar date in the form YYYY-MM-DD)") }}
    {%- endif -%}
    {%- if as_of_date is none -%}
        {{ exceptions.raise_compiler_error(
            "dbt var segments__backfill_from_date is " ~ text ~ " but as_of_date is not set: a backfill "
            ~ "records every date from segments__backfill_from_date to as_of_date, so set both.") }}
    {%- endif -%}
    {%- set days = (modules.datetime.date.fromisoformat(as_of_date)
        - modules.datetime.date.fromisoformat(text)).days -%}
    {%- if days < 0 -%}
        {{ exceptions.raise_compiler_error(
            "dbt var segments__backfill_from_date (" ~ text ~ ") is after as_of_date (" ~ as_of_date ~ ").") }}
    {%- endif -%}
    {%- if days > var('segments__max_backfill_days') -%}
        {{ exceptions.raise_compiler_error(
            "Backfill from " ~ text ~ " to " ~ as_of_date ~ " spans " ~ days ~ " days, more than "
            ~ "segments__max_backfill_days (" ~ var('segments__max_backfill_days') ~ ") in one build. "
            ~ "Use `make backfill FROM=... TO=...`, which splits the range into builds.") }}
    {%- endif -%}
    {{ return(text) }}
{%- endmacro %}
