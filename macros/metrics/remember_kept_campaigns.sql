{#
    Pre-hook (remember=true) of int_campaign_impact_members, after the
    pre-hook that deletes what is not kept: on DuckDB, the campaign ids
    left in the table go into the session variable that
    campaign_impact_kept_campaigns reads, so the batches of users written
    after the first still see only the kept campaigns. Post-hook
    (remember=false): the variable is reset. Other engines write one
    batch and read the table.
#}

{% macro remember_kept_campaigns(remember=true) -%}
    {{ return(adapter.dispatch('remember_kept_campaigns', 'smart_segments')(remember)) }}
{%- endmacro %}

{% macro default__remember_kept_campaigns(remember) -%}
    select 1
{%- endmacro %}

{% macro duckdb__remember_kept_campaigns(remember) -%}
    {%- if remember and is_incremental() -%}
        set variable segments__kept_campaign_ids = (
            select coalesce(list(distinct campaign_id order by campaign_id), []::varchar [])
            from {{ this }}
        )
    {%- else -%}
        reset variable segments__kept_campaign_ids
    {%- endif -%}
{%- endmacro %}
