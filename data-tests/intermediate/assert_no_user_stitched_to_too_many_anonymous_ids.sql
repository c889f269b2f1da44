{{ config(severity='warn') }}

{#
    Guardrail (warn): a user stitched to more than
    segments__max_anonymous_ids_per_user anonymous ids is a sign of
    over-merging (an identify call with a constant id, a shared kiosk).
#}

select
    user_id,
    count(*) as anonymous_ids
from {{ ref('int_identity_map') }}
group by user_id
having count(*) > {{ var('segments__max_anonymous_ids_per_user') }}
