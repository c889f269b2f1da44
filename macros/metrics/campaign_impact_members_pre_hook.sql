{#
    Pre-hook of int_campaign_impact_members (incremental): keep the rows of
    every campaign that was final when stored (results_as_of_date =
    final_date) and whose launch date, window end, final date and audience
    date are still those of int_campaign_windows and
    int_campaign_impact_audiences; delete every other campaign's rows (the
    model computes them again) and every row of a user erased as of the
    build's as_of_date. A campaign's rows read only what was known at its
    results date, so a kept campaign equals its recomputation. A table
    from before this design (no final_date) stops the run in one line.
#}
{% macro campaign_impact_members_pre_hook() -%}
    {%- if is_incremental() -%}
        {%- set stored_columns = adapter.get_columns_in_relation(this) | map(attribute='name') | list -%}
        {%- if 'final_date' not in stored_columns -%}
            {{ exceptions.raise_compiler_error(
                this ~ " was built before campaign impact kept final campaigns (it has no final_date "
                ~ "column): rebuild it once with dbt build --full-refresh (the membership log is kept)") }}
        {%- endif -%}
        {%- set condition -%}
            user_id in ({{ smart_segments.erased_user_ids(smart_segments.current_as_of_date()) }})
            or campaign_id not in (
                select stored.campaign_id
                from (
                    select
                        campaign_id,
                        min(launch_date) as launch_date,
                        min(window_end_date) as window_end_date,
                        min(final_date) as final_date,
                        min(results_as_of_date) as results_as_of_date,
                        min(audience_as_of_date) as audience_as_of_date,
                        count(distinct results_as_of_date) as results_dates
                    from {{ this }}
                    group by 1
                ) as stored
                inner join {{ ref('int_campaign_windows') }} as campaign_windows
                    on stored.campaign_id = campaign_windows.campaign_id
                inner join (
                    select
                        campaign_id,
                        min(audience_as_of_date) as audience_as_of_date
                    from {{ ref('int_campaign_impact_audiences') }}
                    group by 1
                ) as audiences
                    on stored.campaign_id = audiences.campaign_id
                where
                    stored.results_dates = 1
                    and stored.results_as_of_date = stored.final_date
                    and campaign_windows.final_date = stored.final_date
                    and campaign_windows.results_as_of_date = stored.results_as_of_date
                    and campaign_windows.launch_date = stored.launch_date
                    and campaign_windows.window_end_date = stored.window_end_date
                    and audiences.audience_as_of_date is not distinct from stored.audience_as_of_date
            )
        {%- endset -%}
        {{ smart_segments.delete_rows(this, condition) }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
