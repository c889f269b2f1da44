{{
    config(
        materialized='incremental',
        partition_by=smart_segments.date_partitions('as_of_date'),
        incremental_strategy='append',
        full_refresh=false,
        on_schema_change='fail',
        pre_hook="{{ smart_segments.segment_membership_pre_hook() }}",
    )
}}

{#
    The membership log: who was in which segment at every recorded as-of
    date. Each build records its as_of_date (and, in a backfill, every date
    of the range): the rows of those dates are replaced, other dates are
    kept, so running a date again changes nothing and the dates can come in
    any order. A user whose erasure request falls on or before the current
    as_of_date, or before the latest date already recorded, is removed from
    every date (pre-hook) and never written again, so rerunning an earlier
    date cannot bring an erased user back. full_refresh is off: the log is
    the history, and `dbt build --full-refresh` must not wipe it (to start
    over, drop the table and `make backfill`).
#}

with

members as (

    select * from {{ ref('int_segment_members_as_of') }}

),

recorded_dates as (

    select * from {{ ref('int_as_of_dates') }}
    where is_recorded

),

profile_versions as (

    select * from {{ ref('stg_raw__profile_versions') }}

),

erased_users as (

    -- the log's cut-off: it never goes back (stored_rows_erasure_cutoff)
    {{ smart_segments.erased_user_ids(smart_segments.stored_rows_erasure_cutoff(), 'profile_versions') }}

),

recorded_members as (

    select
        members.as_of_date,
        members.segment_name,
        members.user_id,
        members.definition_hash,
        members.is_contactable,
        members.is_holdout
    from members
    inner join recorded_dates
        on members.as_of_date = recorded_dates.as_of_date
    left join erased_users
        on members.user_id = erased_users.user_id
    where erased_users.user_id is null

)

select * from recorded_members
