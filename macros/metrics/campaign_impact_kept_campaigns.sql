{#
    The campaigns whose rows int_campaign_impact_members kept (its
    pre-hook deleted every other campaign's rows): a query of one column,
    campaign_id, for the model's incremental filter. On DuckDB the model
    writes batches of users into itself, so after batch 0 its table also
    holds the campaigns being computed: the list is read once, before
    batch 0, into a session variable (macro remember_kept_campaigns).
    Unset (the compiled SQL run alone), the table is read.
#}

{% macro campaign_impact_kept_campaigns() -%}
    {{ return(adapter.dispatch('campaign_impact_kept_campaigns', 'smart_segments')()) }}
{%- endmacro %}

{% macro default__campaign_impact_kept_campaigns() -%}
    select kept_members.campaign_id from {{ this }} as kept_members
{%- endmacro %}

{% macro duckdb__campaign_impact_kept_campaigns() -%}
    select
        unnest(
            coalesce(
                getvariable('segments__kept_campaign_ids'),
                (select list(distinct kept_members.campaign_id) from {{ this }} as kept_members)
            )
        ) as campaign_id
{%- endmacro %}
