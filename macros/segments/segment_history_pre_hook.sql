{#
    Before fct_segment_membership_history recomputes: delete every stretch
    of the pairs this build's recorded dates can change (see the model) and
    of users erased as of the log's erasure cut-off. The model then
    recomputes the pairs of the log left without stretches. Nothing to do
    on a full build.
#}
{% macro segment_history_pre_hook() -%}
    {%- if is_incremental() -%}
        {%- set condition -%}
            (segment_name, user_id) in (
                with build_dates as (
                    select
                        min(as_of_date) as first_date,
                        max(as_of_date) as last_date
                    from {{ ref('int_as_of_dates') }}
                    where is_recorded
                ),

                touched_range as (
                    select
                        coalesce(
                            max(recorded.as_of_date) filter (where recorded.as_of_date < build_dates.first_date),
                            build_dates.first_date
                        ) as range_start,
                        coalesce(
                            min(recorded.as_of_date) filter (where recorded.as_of_date > build_dates.last_date),
                            build_dates.last_date
                        ) as range_end
                    from build_dates
                    left join {{ ref('int_segment_recorded_dates') }} as recorded
                        on true
                    group by build_dates.first_date, build_dates.last_date
                )

                select memberships.segment_name, memberships.user_id
                from {{ ref('fct_segment_membership') }} as memberships
                inner join touched_range
                    on memberships.as_of_date between touched_range.range_start and touched_range.range_end
                union
                select stretches.segment_name, stretches.user_id
                from {{ this }} as stretches
                inner join touched_range
                    on
                        stretches.valid_from <= touched_range.range_end
                        and coalesce(stretches.valid_to, touched_range.range_end) >= touched_range.range_start
            )
            -- the log's cut-off: this build's as_of_date or a later date it holds
            or user_id in ({{ smart_segments.erased_user_ids(
                'select max(as_of_date) from ' ~ ref('fct_segment_membership')) }})
        {%- endset -%}
        {{ smart_segments.delete_rows(this, condition) }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
