{#
    The most overlapping pairs of distinct segments as of the current
    as_of_date, from fct_segment_overlap. Run: dbt compile --select
    segment_overlap_jaccard, then the SQL in target/compiled/.
#}

with

overlap as (

    select * from {{ ref('fct_segment_overlap') }}

)

select
    segment_a,
    segment_b,
    shared_members,
    jaccard_index
from overlap
where segment_a < segment_b
order by jaccard_index desc
