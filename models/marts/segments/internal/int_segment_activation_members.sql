{#
    What a CRM or campaign tool may act on: for every segment, its members
    as of the current as_of_date who are contactable (marketing consent,
    not erased), not in the segment's holdout and not in the global control
    group (is_activatable, int_segment_current_members), with the email hash to
    match on and the date their current membership began. One row per
    (segment_name, user_id).
#}

with

current_members as (

    select * from {{ ref('int_segment_current_members') }}

),

activation_members as (

    select
        segment_name,
        user_id,
        email_sha256,
        as_of_date,
        entered_at
    from current_members
    where is_activatable

)

select * from activation_members
