{# Pre-hook: delete the rows of the users this run rebuilds (all on a run without state), and of erased users. #}
{% macro stitched_rollup_pre_hook(rollup_model) -%}
    {%- if execute and is_incremental() -%}
        {%- set users = smart_segments.stitched_users_to_rebuild(rollup_model) -%}
        {%- set rebuilt = "true" if users is none else "user_id in (" ~ users ~ ")" -%}
        {%- set counted = run_query(
            "select count(distinct user_id) filter (where " ~ rebuilt ~ "), count(distinct user_id) from "
            ~ this).rows[0] -%}
        {%- do log(this.identifier ~ ": re-stitching " ~ counted[0] ~ " of " ~ counted[1]
            ~ " stored users (and any new ones); the other users' rows are kept", info=true) -%}
        {%- set condition -%}
            {%- if users is none -%}
                true
            {%- else %}
            user_id in ({{ smart_segments.erased_user_ids(smart_segments.current_as_of_date()) }})
            or user_id in ({{ users }})
            {%- endif %}
        {%- endset -%}
        {{ smart_segments.delete_rows(this, condition) }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
