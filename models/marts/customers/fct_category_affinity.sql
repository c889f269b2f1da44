{#
    The co-purchase table: what customers buy next after each category,
    as of the current as_of_date (int_category_affinity_as_of at D), with
    the category recommended to recent_buyers flagged.
#}

with

affinity as (

    select * from {{ ref('int_category_affinity_as_of') }}

),

as_of_dates as (

    select * from {{ ref('int_as_of_dates') }}
    where is_current

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
    inner join as_of_dates
        on affinity.as_of_date = as_of_dates.as_of_date

)

select * from final
