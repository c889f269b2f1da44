{#
    How much segments overlap as of the current as_of_date: for every
    ordered pair of segments that share a member (a segment with itself
    included), the shared members and the Jaccard index
    |A and B| / |A or B|. One row per (segment_a, segment_b).
#}

with

members as (

    select * from {{ ref('int_segment_current_members') }}

),

sizes as (

    select
        segment_name,
        count(*) as members
    from members
    group by segment_name

),

shared as (

    select
        left_members.segment_name as segment_a,
        right_members.segment_name as segment_b,
        count(*) as shared_members
    from members as left_members
    inner join members as right_members
        on left_members.user_id = right_members.user_id
    group by left_members.segment_name, right_members.segment_name

)

select
    shared.segment_a,
    shared.segment_b,
    cast(shared.shared_members as bigint) as shared_members,
    cast(shared.shared_members as double)
    / (sizes_a.members + sizes_b.members - shared.shared_members) as jaccard_index
from shared
inner join sizes as sizes_a
    on shared.segment_a = sizes_a.segment_name
inner join sizes as sizes_b
    on shared.segment_b = sizes_b.segment_name
