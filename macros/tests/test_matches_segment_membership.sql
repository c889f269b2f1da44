{#
    A segment table holds exactly the segment's members of
    fct_segment_membership at the current as_of_date: the users in one and
    not the other are returned (with the side they are missing from).
    Attached to every seg_<name> model in _segments.yml.
#}
{% test matches_segment_membership(model) %}
    {%- set segment_name = model.identifier[4:] %}

    with

    segment_table as (
        select user_id from {{ model }}
    ),

    membership as (
        select memberships.user_id
        from {{ ref('fct_segment_membership') }} as memberships
        inner join {{ ref('int_as_of_dates') }} as as_of_dates
            on memberships.as_of_date = as_of_dates.as_of_date and as_of_dates.is_current
        where memberships.segment_name = '{{ segment_name }}'
    ),

    missing_from_table as (
        select user_id, 'missing from {{ model.identifier }}' as problem
        from (select user_id from membership except select user_id from segment_table) as users
    ),

    missing_from_membership as (
        select user_id, 'missing from fct_segment_membership' as problem
        from (select user_id from segment_table except select user_id from membership) as users
    )

    select * from missing_from_table
    union all
    select * from missing_from_membership
{% endtest %}
