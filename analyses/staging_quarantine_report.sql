{#
    Run by hand (dbt compile, then paste, or in the DuckDB CLI against the
    compiled SQL): how many raw rows each source lost to duplicates and to
    each quarantine reason, next to what was kept.
#}

with

event_rows as (

    select
        'events' as source_name,
        row_status,
        quarantine_reason
    from {{ ref('stg_raw__events_triaged') }}

),

profile_rows as (

    select
        'profiles' as source_name,
        row_status,
        quarantine_reason
    from {{ ref('stg_raw__profiles_triaged') }}

),

campaign_rows as (

    select
        'campaigns' as source_name,
        row_status,
        quarantine_reason
    from {{ ref('stg_raw__campaigns_triaged') }}

),

all_rows as (

    select * from event_rows
    union all
    select * from profile_rows
    union all
    select * from campaign_rows

),

report as (

    select
        source_name,
        row_status,
        coalesce(quarantine_reason, '') as quarantine_reason,
        count(*) as row_count
    from all_rows
    group by 1, 2, 3

)

select * from report
order by 1, 2, 3
