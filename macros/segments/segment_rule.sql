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
    {%- endfor -%}
    {%- if execute -%}
        {%- set available = adapter.get_columns_in_relation(ref('int_segment_inputs_as_of'))
            | map(attribute='name') | map('lower') | list -%}
        {%- for column_name in metric_columns if available and column_name | lower not in available -%}
            {{ exceptions.raise_compiler_error(
                "Segment model " ~ model.name ~ " lists column " ~ column_name ~ " in its YAML entry, but "
                ~ "int_segment_inputs_as_of has no such column (the metrics of a segment table come from there).") }}
        {%- endfor -%}
        {#- a table cut from membership evaluated under another definition (a var or the rule
            changed since, and only this model was rebuilt) would pass every test, stale -#}
        {%- set members_relation = ref('int_segment_current_members') -%}
        {%- if adapter.get_relation(members_relation.database, members_relation.schema,
            members_relation.identifier) is not none -%}
            {%- set logged = run_query("select distinct definition_hash from " ~ members_relation
                ~ " where segment_name = '" ~ segment_name ~ "' order by 1").columns[0].values() -%}
            {%- set current_hash = local_md5(condition) -%}
            {%- if logged | reject('equalto', current_hash) | list -%}
                {{ exceptions.raise_compiler_error(
                    "Segment model " ~ model.name ~ " is stale: its rule as compiled now (" ~ condition
                    ~ ") is not the one its members were evaluated with (definition " ~ logged | join(', ')
                    ~ " in fct_segment_membership, now " ~ current_hash ~ "); a var or the rule changed and "
                    ~ "only the segment table was selected. Rebuild the segment layer with the same vars: "
                    ~ "dbt build --selector segment_rules.") }}
            {%- endif -%}
        {%- endif -%}
    {%- endif -%}

with

current_members as (

    select * from {{ ref('int_segment_current_members') }}
    where segment_name = '{{ segment_name }}'

),

inputs as (

    select * from {{ ref('int_segment_inputs_as_of') }}

),

segment_members as (

    select
        current_members.user_id,
        current_members.email_sha256,
        current_members.country,
        current_members.primary_platform,
        {%- for column_name in metric_columns %}
        inputs.{{ column_name }},
        {%- endfor %}
        current_members.is_contactable,
        current_members.is_holdout,
        current_members.is_global_control,
        current_members.is_activatable,
        current_members.as_of_date,
        current_members.entered_at
    from current_members
    inner join inputs
        on
            current_members.as_of_date = inputs.as_of_date
            and current_members.user_id = inputs.user_id

)

select * from segment_members
{%- endmacro %}
