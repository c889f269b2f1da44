{#
    The dates this build computes metrics as of: as_of_date (the var, or
    the latest event date when unset), segments__as_of_offsets_days days
    before it, and, for a backfill, every date from
    segments__backfill_from_date to as_of_date. One row per date;
    is_current marks as_of_date itself, is_recorded the dates whose segment
    membership this build records in the history (as_of_date, and the
    backfill range).
#}

{%- set as_of_date = smart_segments.as_of_date_var() -%}
{%- set backfill_from_date = smart_segments.backfill_from_date_var(as_of_date) -%}
{%- set offsets = var('segments__as_of_offsets_days') -%}
{%- if offsets is string or offsets | length == 0 or 0 not in offsets -%}
    {{ exceptions.raise_compiler_error(
        "Invalid dbt var segments__as_of_offsets_days: " ~ offsets
        ~ " (a list of whole days before as_of_date that includes 0)") }}
{%- endif %}
{%- set backfill_days = 0 -%}
{%- if backfill_from_date is not none -%}
    {%- set backfill_days = (modules.datetime.date.fromisoformat(as_of_date)
        - modules.datetime.date.fromisoformat(backfill_from_date)).days -%}
{%- endif %}

with

events as (

    select * from {{ ref('stg_raw__events') }}

),

current_date_chosen as (

    -- the var when set, else the latest clean event date
    select
        coalesce(
            {{ "cast('" ~ as_of_date ~ "' as date)" if as_of_date is not none else "cast(null as date)" }},
            max(event_date)
        ) as as_of_date
    from events

),

days_before as (

    -- the analysis offsets, and 0 .. (as_of_date - backfill_from_date) for a backfill
    {% for offset in offsets | unique | sort -%}
        select
            {{ offset | int }} as days_before_current,
            {{ 'true' if offset == 0 else 'false' }} as is_recorded
        union all
    {% endfor -%}
    {% for offset in range(backfill_days + 1) if offset > 0 -%}
        select
            {{ offset }} as days_before_current,
            true as is_recorded
        union all
    {% endfor -%}
    select
        0 as days_before_current,
        true as is_recorded

),

distinct_days_before as (

    select
        days_before_current,
        max(case when is_recorded then 1 else 0 end) = 1 as is_recorded
    from days_before
    group by 1

),

as_of_dates as (

    select
        distinct_days_before.days_before_current,
        distinct_days_before.days_before_current = 0 as is_current,
        distinct_days_before.is_recorded,
        {{ smart_segments.days_before('current_date_chosen.as_of_date', 'distinct_days_before.days_before_current') }}
            as as_of_date
    from current_date_chosen
    cross join distinct_days_before

)

select * from as_of_dates
