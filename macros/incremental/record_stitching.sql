{# Post-hook: keep what this run stitched with (see stitched_users_to_rebuild). #}
{% macro record_stitching(rollup_model) -%}
    create or replace table {{ smart_segments.recent_rollup_rows_relation() }} as
    select rollup as rollup_row
    from {{ ref(rollup_model) }} as rollup
    where rollup.last_received_at >= (
        select max(last_received_at) - interval '{{ var("segments__incremental_lookback_days") | int }} days'
        from {{ ref(rollup_model) }}
    );

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
