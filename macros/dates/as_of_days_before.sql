{#
    The days before as_of_date that int_as_of_dates holds, known when the
    project compiles: segments__as_of_offsets_days, the propensity training
    and evaluation offsets, and 1 .. (as_of_date - backfill_from_date) for a
    backfill. Sorted, each once. Models that aggregate per as-of date loop
    over it to aggregate one date at a time (see int_customer_activity_as_of).
#}
{% macro as_of_days_before() -%}
    {%- set as_of_date = smart_segments.as_of_date_var() -%}
    {%- set backfill_from_date = smart_segments.backfill_from_date_var(as_of_date) -%}
    {%- set offsets = var('segments__as_of_offsets_days')
        + var('segments__propensity_training_offsets_days')
        + [var('segments__propensity_evaluation_offset_days')] -%}
    {%- if backfill_from_date is not none -%}
        {%- set backfill_days = (modules.datetime.date.fromisoformat(as_of_date)
            - modules.datetime.date.fromisoformat(backfill_from_date)).days -%}
        {%- set offsets = offsets + range(1, backfill_days + 1) | list -%}
    {%- endif -%}
    {{ return(offsets | map('int') | unique | sort) }}
{%- endmacro %}
