{#
    Raw event rows that cannot be used, each with a machine-readable
    quarantine_reason and enough of the raw row to trace and replay it.
#}

with

triaged_events as (

    select * from {{ ref('stg_raw__events_triaged') }}

),

quarantined as (

    select
        event_id,
        quarantine_reason,
        user_id,
        anonymous_id,
        raw_event_name,
        platform,
        raw_country,
        raw_properties,
        source_file,
        source_row_number,
        device_event_at,
        received_at
    from triaged_events
    where row_status = 'quarantined'

)

select * from quarantined
