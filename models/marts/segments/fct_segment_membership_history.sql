{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ smart_segments.segment_history_pre_hook() }}",
    )
}}

-- the pre-hook reads these too:
-- depends_on: {{ ref('int_as_of_dates') }}
-- depends_on: {{ ref('stg_raw__profile_versions') }}

{#
    Dynamic membership: one row per uninterrupted stretch of a user in a
    segment over the recorded as-of dates of fct_segment_membership. A
    stretch runs while the user is a member on consecutive recorded dates
    under one definition of the segment; valid_to is the first recorded
    date on which the user was no longer a member (or the segment's
    definition had changed), null while the stretch is current. Member on
    date d: valid_from <= d and (valid_to is null or d < valid_to).
    Daily runs and a backfill of the same dates give the same rows.

    Incremental: the pre-hook deletes every stretch of the (segment, user)
    pairs this build's recorded dates can touch - members on a log date
    from the recorded date before the build's first one to the recorded
    date after its last one, and pairs with a stretch overlapping that
    range - and of erased users; then the stretches of every pair of the
    log that has none left are recomputed from its whole log. Equal to a
    full rebuild from the same log (tested).
#}

with

memberships as (

    select membership_log.*
    from {{ ref('fct_segment_membership') }} as membership_log
    -- noqa: disable=LT02
    {%- if is_incremental() %}
    -- the pairs of the log left without stretches by the pre-hook
    where (membership_log.segment_name, membership_log.user_id) in (
        select
            pairs.segment_name,
            pairs.user_id
        from {{ ref('fct_segment_membership') }} as pairs
        except
        select
            stretches.segment_name,
            stretches.user_id
        from {{ this }} as stretches
    )
    {%- endif %}
    -- noqa: enable=LT02

),

recorded_dates as (

    select * from {{ ref('int_segment_recorded_dates') }}

),

numbered as (

    select
        memberships.segment_name,
        memberships.user_id,
        memberships.definition_hash,
        memberships.as_of_date,
        recorded_dates.date_number
    from memberships
    inner join recorded_dates
        on memberships.as_of_date = recorded_dates.as_of_date

),

stretch_starts as (

    select
        *,
        case
            when
                lag(date_number) over member_dates = date_number - 1
                and lag(definition_hash) over member_dates = definition_hash
                then 0
            else 1
        end as is_stretch_start
    from numbered
    window member_dates as (partition by segment_name, user_id order by date_number)

),

stretch_numbers as (

    select
        *,
        sum(is_stretch_start) over (
            partition by segment_name, user_id order by date_number rows between unbounded preceding and current row
        ) as stretch_number
    from stretch_starts

),

stretches as (

    select
        segment_name,
        user_id,
        stretch_number,
        definition_hash,
        count(*) as recorded_dates,
        max(date_number) as last_date_number,
        min(as_of_date) as valid_from,
        max(as_of_date) as last_member_date
    from stretch_numbers
    group by 1, 2, 3, 4

),

history as (

    select
        stretches.segment_name,
        stretches.user_id,
        stretches.definition_hash,
        cast(stretches.stretch_number as integer) as stretch_number,
        cast(stretches.recorded_dates as integer) as recorded_dates,
        next_dates.as_of_date is null as is_current,
        stretches.valid_from,
        next_dates.as_of_date as valid_to,
        stretches.last_member_date
    from stretches
    left join recorded_dates as next_dates
        on stretches.last_date_number + 1 = next_dates.date_number

)

select * from history
