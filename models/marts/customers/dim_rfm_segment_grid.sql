{#
    The RFM grid: which of the 11 RFM segments each (r_score, fm_score) cell
    of the 5 x 5 grid belongs to (seed rfm_segment_grid), for tools that
    join dim_customers' scores to segment names or draw the grid.
#}

with

grid as (

    select * from {{ ref('rfm_segment_grid') }}

),

final as (

    select
        r_score,
        fm_score,
        rfm_segment
    from grid

)

select * from final
