{#
    Pre-hook of int_as_of_dates: an as_of_date (and a backfill's first
    date) must fall within the clean events' dates - on or after the first,
    on or before the last plus the clock-skew allowance
    (segments__max_clock_skew_hours, rounded up to whole days). A date
    outside them would give empty marts and empty exports (2020-01-01), or
    every user dormant (a typo such as 2027-01-01), while every test
    passes. One line names the var, the date and the data's range.
    Nothing to check when as_of_date is unset: the latest event date is used.
#}
{% macro assert_as_of_dates_within_data(events_relation) -%}
    {%- set build = smart_segments.as_of_dates() -%}
    {%- set as_of_date = build.as_of_date -%}
    {%- if not execute or as_of_date is none -%}
        {{ return('') }}
    {%- endif -%}
    {%- set backfill_from_date = build.backfill_from_date -%}
    {%- set range_row = run_query(
        "select min(event_date), max(event_date) from " ~ events_relation).rows[0] -%}
    {%- set first_date = range_row[0] -%}
    {%- set last_date = range_row[1] -%}
    {%- if first_date is none -%}
        {{ return('') }}
    {%- endif -%}
    {%- set allowance_days = (smart_segments.number_var('segments__max_clock_skew_hours') / 24) | round(0, 'ceil') | int -%}
    {%- set latest_allowed = last_date + modules.datetime.timedelta(days=allowance_days) -%}
    {%- set checks = [('as_of_date', as_of_date)] -%}
    {%- if backfill_from_date is not none -%}
        {%- do checks.append(('segments__backfill_from_date', backfill_from_date)) -%}
    {%- endif -%}
    {%- for name, text in checks -%}
        {%- set day = modules.datetime.date.fromisoformat(text) -%}
        {%- if day < first_date or day > latest_allowed -%}
            {{ exceptions.raise_compiler_error(
                "Invalid dbt var " ~ name ~ ": " ~ text ~ " is " ~ ("before the first" if day < first_date else "after the last")
                ~ " clean event date: the data covers " ~ first_date ~ " to " ~ last_date
                ~ (" (as-of dates up to " ~ latest_allowed ~ " allowed for clock skew)" if allowance_days > 0 else "")
                ~ ". Pass a date in that range, or leave as_of_date unset for the latest event date.") }}
        {%- endif -%}
    {%- endfor -%}
    {{ return('') }}
{%- endmacro %}
