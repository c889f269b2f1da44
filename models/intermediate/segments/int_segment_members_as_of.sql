{#
    Every segment's members at every as-of date of the build: each
    segment's rule (see int_segment_definitions) evaluated on
    int_segment_inputs_as_of. One row per (as_of_date, segment_name,
    user_id), with the segment's definition_hash, the deterministic holdout
    flag and the member's consent at that date. fct_segment_membership
    records the recorded dates of it; performance cohorts read the earlier
    dates.
#}

{%- set segments = smart_segments.segment_models() %}

with

inputs as (

    select * from {{ ref('int_segment_inputs_as_of') }}

),

definitions as (

    select * from {{ ref('int_segment_definitions') }}

),

members as (

    {% for segment in segments -%}
        select
            '{{ segment.segment_name }}' as segment_name,
            user_id,
            as_of_date,
            is_contactable
        from inputs
        where coalesce(({{ segment.condition }}), false)
        union all
    {% endfor -%}
    select
        cast(null as {{ dbt.type_string() }}) as segment_name,
        user_id,
        as_of_date,
        is_contactable
    from inputs
    where 1 = 0

),

members_with_definitions as (

    select
        members.segment_name,
        members.user_id,
        definitions.definition_hash,
        members.is_contactable,
        {{ smart_segments.is_holdout('members.segment_name', 'members.user_id') }} as is_holdout,
        members.as_of_date
    from members
    inner join definitions
        on members.segment_name = definitions.segment_name

)

select * from members_with_definitions
