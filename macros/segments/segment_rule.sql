{#
    The body of every seg_<name> model. The model file holds one call:

        {% call smart_segments.segment_rule() %}
            active_days_7d >= {{ var('segments__active_users_min_active_days') }}
        {% endcall %}

    The condition is SQL on one row of int_segment_inputs_as_of (the
    unified profile plus segment signals, at one as-of date). It is stored,
    rendered, in the model's meta (segment_condition), where
    int_segment_members_as_of finds every segment and evaluates it at every
    as-of date of the build; definition_hash is a hash of it. The model
    itself becomes the segment's table: its members as of the current
    as_of_date with the columns every segment carries, then the columns its
    YAML entry lists (the metrics its rule uses), taken from the inputs.
#}
{% macro segment_rule() -%}
    {%- set condition = smart_segments.normalize_whitespace(caller()) -%}
    {%- if not model.name.startswith('seg_') or model.name | length <= 4 -%}
        {{ exceptions.raise_compiler_error(
            "segment_rule() is called in model " ~ model.name ~ ", but segment models are named seg_<segment_name>.") }}
    {%- endif -%}
    {%- if condition == '' -%}
        {{ exceptions.raise_compiler_error("Segment model " ~ model.name ~ " has an empty rule: put a SQL condition "
            ~ "on int_segment_inputs_as_of columns inside {% call smart_segments.segment_rule() %}.") }}
    {%- endif -%}
    {{ config(meta={'segment_condition': condition}) }}
    {%- set segment_name = model.name[4:] -%}
    {%- set standard_columns = smart_segments.segment_standard_columns() -%}
    {%- set metric_columns = [] -%}
    {%- for column_name in model.columns if column_name not in standard_columns -%}
        {%- do metric_columns.append(column_name) -%}
    {%- endfor %}

with

memberships as (

    select * from {{ ref('fct_segment_membership') }}

),

history as (

    select * from {{ ref('fct_segment_membership_history') }}

),

inputs as (

    select * from {{ ref('int_segment_inputs_as_of') }}

),

current_as_of_date as (

    select * from {{ ref('int_as_of_dates') }}
    where is_current

),

members as (

    select memberships.*
    from memberships
    inner join current_as_of_date
        on memberships.as_of_date = current_as_of_date.as_of_date
    where memberships.segment_name = '{{ segment_name }}'

),

segment_members as (

    select
        members.user_id,
        inputs.email_sha256,
        inputs.country_code as country,
        inputs.primary_platform,
        {%- for column_name in metric_columns %}
        inputs.{{ column_name }},
        {%- endfor %}
        members.is_contactable,
        members.is_holdout,
        members.as_of_date,
        history.valid_from as entered_at
    from members
    inner join inputs
        on
            members.as_of_date = inputs.as_of_date
            and members.user_id = inputs.user_id
    left join history
        on
            members.segment_name = history.segment_name
            and members.user_id = history.user_id
            and members.as_of_date >= history.valid_from
            and (members.as_of_date < history.valid_to or history.valid_to is null)

)

select * from segment_members
{%- endmacro %}
