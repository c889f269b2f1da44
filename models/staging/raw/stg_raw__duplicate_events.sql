{#
    Raw event rows whose event_id had already been received: retried
    deliveries. The copy received first is the one in stg_raw__events (or
    in quarantine, if it was bad).
#}

with

triaged_events as (

    select * from {{ ref('stg_raw__events_triaged') }}

),

duplicates as (

    select
        event_id,
        user_id,
        anonymous_id,
        raw_event_name,
        raw_properties,
        source_file,
        copy_number,
        source_row_number,
        device_event_at,
        received_at
    from triaged_events
    where row_status = 'duplicate'

)

select * from duplicates
