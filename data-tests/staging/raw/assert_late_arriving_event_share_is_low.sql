{{ config(severity='warn') }}

{#
    Guardrail (warn): the share of clean events received more than
    segments__late_event_days after their event time should stay at or
    below segments__max_late_event_share; above it, recent days are
    incomplete when the build runs and recent metrics undercount.
#}

with

events as (

    select * from {{ ref('stg_raw__events') }}

),

shares as (

    select
        count(*) as events,
        count(*) filter (
            where received_at > event_at + interval '{{ var("segments__late_event_days") }} days'
        ) as late_events
    from events

)

select
    events,
    late_events,
    cast(late_events as double) / events as late_event_share
from shares
where
    events > 0
    and cast(late_events as double) / events > {{ var('segments__max_late_event_share') }}
