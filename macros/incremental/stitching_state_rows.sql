{#
    The rows of `<model>__stitching` (record_stitching): the identity map
    this run stitched with, and one row (no anonymous_id) with its
    as_of_date and the identity rollup's latest last_received_at.
#}
{% macro stitching_state_rows(rollup_model) -%}
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
