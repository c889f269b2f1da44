{#
    Before fct_segment_membership takes this build's rows: delete the rows
    of the dates it records (so a date run again is replaced, not doubled)
    and every row of users erased as of the erasure cut-off (see
    stored_rows_erasure_cutoff; erasure is retroactive, history included).
    Nothing to do on the first build.
#}
{% macro segment_membership_pre_hook() -%}
    {%- if is_incremental() -%}
        {%- set condition -%}
            as_of_date in (select as_of_date from {{ ref('int_as_of_dates') }} where is_recorded)
            or user_id in ({{ smart_segments.erased_user_ids(smart_segments.stored_rows_erasure_cutoff()) }})
        {%- endset -%}
        {{ smart_segments.delete_rows(this, condition) }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
