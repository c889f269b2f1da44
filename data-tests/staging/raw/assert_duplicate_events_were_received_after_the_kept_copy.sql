{#
    The copy of an event_id that is kept is the one received first: no
    duplicate may have been received before the kept copy (clean or
    quarantined) of its event_id.
#}

with

triaged_events as (

    select * from {{ ref('stg_raw__events_triaged') }}

),

kept_copies as (

    select
        event_id,
        received_at
    from triaged_events
    where copy_number = 1 and event_id is not null

),

duplicates as (

    select * from {{ ref('stg_raw__duplicate_events') }}

)

select
    duplicates.event_id,
    duplicates.received_at as duplicate_received_at,
    kept_copies.received_at as kept_received_at
from duplicates
left join kept_copies
    on duplicates.event_id = kept_copies.event_id
where
    kept_copies.event_id is null
    or duplicates.received_at < kept_copies.received_at
