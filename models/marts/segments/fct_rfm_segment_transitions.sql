{#
    The RFM from/to matrix: for each pair of consecutive recorded as-of
    dates, how many customers moved from one RFM segment to another
    (staying put included). A customer without an RFM segment on one side
    (no order in the 365 days before that date, or not a known user yet)
    is counted as 'unscored'. Built from the rfm_* segments of the
    membership log. One row per (as_of_date, from_rfm_segment,
    to_rfm_segment) with at least one customer.
#}

with

memberships as (

    select * from {{ ref('fct_segment_membership') }}

),

recorded_dates as (

    select * from {{ ref('int_segment_recorded_dates') }}

),

rfm_members as (

    select
        as_of_date,
        user_id,
        substring(segment_name, 5) as rfm_segment
    from memberships
    where segment_name like 'rfm!_%' escape '!'

),

date_pairs as (

    select
        previous_as_of_date,
        as_of_date
    from recorded_dates
    where previous_as_of_date is not null

),

before_move as (

    select
        date_pairs.previous_as_of_date,
        date_pairs.as_of_date,
        rfm_members.user_id,
        rfm_members.rfm_segment
    from date_pairs
    inner join rfm_members
        on date_pairs.previous_as_of_date = rfm_members.as_of_date

),

after_move as (

    select
        date_pairs.previous_as_of_date,
        date_pairs.as_of_date,
        rfm_members.user_id,
        rfm_members.rfm_segment
    from date_pairs
    inner join rfm_members
        on date_pairs.as_of_date = rfm_members.as_of_date

),

moves as (

    select
        coalesce(before_move.previous_as_of_date, after_move.previous_as_of_date) as previous_as_of_date,
        coalesce(before_move.as_of_date, after_move.as_of_date) as as_of_date,
        coalesce(before_move.rfm_segment, 'unscored') as from_rfm_segment,
        coalesce(after_move.rfm_segment, 'unscored') as to_rfm_segment
    from before_move
    full outer join after_move
        on
            before_move.as_of_date = after_move.as_of_date
            and before_move.user_id = after_move.user_id

),

matrix as (

    select
        previous_as_of_date,
        as_of_date,
        from_rfm_segment,
        to_rfm_segment,
        count(*) as customers
    from moves
    group by previous_as_of_date, as_of_date, from_rfm_segment, to_rfm_segment

)

select * from matrix
