{#
    int_campaign_impact_members holds one row per audience member of
    every campaign with a window (int_campaign_impact_audiences inner
    join int_campaign_windows), no more, no fewer: the rows kept from an
    earlier run and every batch of users written in this one (the model
    the first, its post-hook the others; macro user_write_batch_count).
    Returns each (campaign_id, user_id) on one side only, and which.
#}

with

expected as (

    select
        audiences.campaign_id,
        audiences.user_id
    from {{ ref('int_campaign_impact_audiences') }} as audiences
    inner join {{ ref('int_campaign_windows') }} as campaign_windows
        on audiences.campaign_id = campaign_windows.campaign_id

),

written as (

    select
        campaign_id,
        user_id
    from {{ ref('int_campaign_impact_members') }}

)

select
    coalesce(expected.campaign_id, written.campaign_id) as campaign_id,
    coalesce(expected.user_id, written.user_id) as user_id,
    case when written.user_id is null then 'not written' else 'not expected' end as problem
from expected
full outer join written
    on
        expected.campaign_id = written.campaign_id
        and expected.user_id = written.user_id
where expected.user_id is null or written.user_id is null
