{#
    The RFM from/to matrix between the last two recorded as-of dates, with
    each cell as a share of the from-segment (row percentages), from
    fct_rfm_segment_transitions.
#}

with

transitions as (

    select * from {{ ref('fct_rfm_segment_transitions') }}

),

latest as (

    select max(as_of_date) as as_of_date from transitions

)

select
    transitions.previous_as_of_date,
    transitions.as_of_date,
    transitions.from_rfm_segment,
    transitions.to_rfm_segment,
    transitions.customers,
    cast(transitions.customers as double)
    / sum(transitions.customers) over (partition by transitions.from_rfm_segment) as share_of_from_segment
from transitions
inner join latest
    on transitions.as_of_date = latest.as_of_date
order by transitions.from_rfm_segment, transitions.to_rfm_segment
