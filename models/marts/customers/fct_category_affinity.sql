{#
    The co-purchase table: what customers buy next after each category,
    as of the current as_of_date (int_category_affinity_as_of at its latest
    date, which is D: every other as-of date of a build is before it), with
    the category recommended to recent_buyers flagged.
#}

with

affinity as (

    select * from {{ ref('int_category_affinity_as_of') }}

),

current_date_held as (

    select max(as_of_date) as as_of_date
    from affinity

),

final as (

    select
        affinity.as_of_date,
        affinity.from_category,
        affinity.to_category,
        affinity.transitions,
        affinity.transition_share,
        affinity.affinity_rank,
        affinity.affinity_rank = 1 as is_recommended
    from affinity
    inner join current_date_held
        on affinity.as_of_date = current_date_held.as_of_date

)

select * from final
