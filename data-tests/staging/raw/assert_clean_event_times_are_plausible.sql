{#
    No clean event lies more than segments__max_clock_skew_hours after its
    collector time or before segments__min_plausible_event_date.
#}

select
    event_id,
    event_at,
    received_at
from {{ ref('stg_raw__events') }}
where
    event_at > received_at + interval '{{ var("segments__max_clock_skew_hours") }} hours'
    or event_at < cast('{{ var("segments__min_plausible_event_date") }}' as timestamp)
