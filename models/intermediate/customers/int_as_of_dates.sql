{{
    config(
        pre_hook="{{ smart_segments.assert_as_of_dates_within_data(ref('stg_raw__events')) }}",
    )
}}

{#
    The dates this build computes metrics as of: as_of_date (the var, or
    the latest event date when unset), segments__as_of_offsets_days days
    before it, and, for a backfill, every date from
    segments__backfill_from_date to as_of_date. One row per date;
    is_current marks as_of_date itself, is_recorded the dates whose segment
    membership this build records in the history (as_of_date, and the
    backfill range), the only dates with segments and scores;
    propensity_role the dates propensity models train on (features at the
    date, labels in the segments__propensity_horizon_days after it: each
    recorded date r is fitted on r minus each training offset, so a history
    of N days trains on N + max offset - min offset + 1 consecutive dates)
    and the held-out date the current model is evaluated on; is_feature_only
    the training dates that are nothing else (their features only are
    computed: no segment, score or performance window ends there);
    is_provisional the
    dates whose cut-off (end of the date plus segments__as_of_grace_hours)
    had not passed when the build started.
#}

{#- the dates, checked once: macros/as_of/as_of_dates.sql -#}
{%- set build = smart_segments.as_of_dates() %}

with

events as (

    select * from {{ ref('stg_raw__events') }}

),

current_date_chosen as (

    -- the var when set, else the latest clean event date
    select
        coalesce(
            {{ "cast('" ~ build.as_of_date ~ "' as date)" if build.as_of_date is not none else "cast(null as date)" }},
            max(event_date)
        ) as as_of_date
    from events

),

days_before as (

    -- the analysis offsets, and 1 .. (as_of_date - backfill_from_date) for a
    -- backfill, whose dates are all recorded
    {% for offset in build.days_before -%}
        select
            {{ offset }} as days_before_current,
            {{ 'true' if offset <= build.backfill_days else 'false' }} as is_recorded
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

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
        distinct_days_before.days_before_current in (
            {{ (build.feature_only_days_before or [-1]) | join(', ') }}
        ) as is_feature_only,
        case
            when distinct_days_before.days_before_current in ({{ build.training_days_before | join(', ') }})
                then 'training'
            when distinct_days_before.days_before_current = {{ build.evaluation_offset }} then 'evaluation'
        end as propensity_role,
        {{ smart_segments.days_before('current_date_chosen.as_of_date', 'distinct_days_before.days_before_current') }}
            as as_of_date
    from current_date_chosen
    cross join distinct_days_before

),

flagged as (

    -- provisional: the date's cut-off (its end plus the grace hours) had not
    -- passed when this build started, so rows may still arrive for it
    select
        *,
        {{ smart_segments.is_provisional('as_of_date') }} as is_provisional
    from as_of_dates

)

select * from flagged
