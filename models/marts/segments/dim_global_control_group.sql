{#
    The global control group: every known user whose stable hash
    (is_global_control, salt 'global_control:') falls below
    segments__global_control_share. They are held out of every activation
    export, whatever their segments, so a broadcast's effect can be
    measured against users no campaign reached. One row per user.
#}

with

customers as (

    select * from {{ ref('dim_customers') }}

),

global_control as (

    select
        user_id,
        as_of_date
    from customers
    where {{ smart_segments.is_global_control('user_id') }}

)

select * from global_control
