{#
    Post-hook: keep what this run stitched with (see stitched_users_to_rebuild).
    Nothing on Spark, where the stitched rollups are rebuilt whole on every
    run (incremental_where_supported) and no run reads the state.
#}
{% macro record_stitching(rollup_model) -%}
    {{ return(adapter.dispatch('record_stitching', 'smart_segments')(rollup_model)) }}
{%- endmacro %}

{% macro spark__record_stitching(rollup_model) -%}
    select 1
{%- endmacro %}

{% macro default__record_stitching(rollup_model) -%}
    {#- the next run's cut-off (lookback_cutoff of the rollup's watermark); none on an empty rollup -#}
    {%- set cutoff = none -%}
    {%- if execute -%}
        {%- set cutoff = smart_segments.lookback_cutoff(run_query(
            "select max(last_received_at) from " ~ ref(rollup_model)).columns[0].values()[0]) -%}
    {%- endif %}
    create or replace table {{ smart_segments.recent_rollup_rows_relation() }} as
    select rollup as rollup_row
    from {{ ref(rollup_model) }} as rollup
    where {{ "rollup.last_received_at >= " ~ cutoff if cutoff is not none else "false" }};

    create or replace table {{ smart_segments.stitching_state_relation() }} as
    select
        anonymous_id,
        user_id,
        stitched_from_date,
        stitched_until_date,
        cast(null as date) as as_of_date,
        cast(null as timestamp) as rollup_watermark
    from {{ ref('int_identity_map') }}
    union all
    select
        null as anonymous_id,
        null as user_id,
        null as stitched_from_date,
        null as stitched_until_date,
        (select as_of_date from {{ ref('int_as_of_dates') }} where is_current) as as_of_date,
        (select max(last_received_at) from {{ ref(rollup_model) }}) as rollup_watermark
{%- endmacro %}
