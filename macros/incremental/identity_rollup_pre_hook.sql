{# Pre-hook: delete the rows this run recomputes, and every row of an erased identity. #}
{% macro identity_rollup_pre_hook() -%}
    {%- if is_incremental() -%}
        {%- set cutoff = smart_segments.incremental_cutoff('last_received_at') -%}
        {%- set first_date = smart_segments.first_event_date_received_since(cutoff) -%}
        {%- set condition -%}
            user_id in ({{ smart_segments.erased_user_ids(smart_segments.current_as_of_date()) }})
            or (
                user_id is null
                and anonymous_id in ({{ smart_segments.erased_anonymous_ids(smart_segments.current_as_of_date()) }})
            )
            {%- if cutoff is not none %}
            or (
                -- the date bound first: older rows are skipped, not probed
                event_date >= {{ first_date }}
                and (event_date, coalesce(user_id, ''), coalesce(anonymous_id, '')) in (
                    select
                        event_date,
                        coalesce(user_id, ''),
                        coalesce(anonymous_id, '')
                    from {{ ref('stg_raw__events') }}
                    where {{ smart_segments.received_since_cutoff(cutoff) }}
                )
            )
            {%- endif %}
        {%- endset -%}
        {{ smart_segments.delete_rows(this, condition) }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
