{# A clean event belongs to a user or at least to a device. #}

select
    event_id,
    event_name
from {{ ref('stg_raw__events') }}
where user_id is null and anonymous_id is null
