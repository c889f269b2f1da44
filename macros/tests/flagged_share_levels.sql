{#
    The share of `relation`'s rows whose boolean `flag_column` is true, one
    row per threshold level it exceeds (level, flagged_rows, total_rows,
    share, max_share): see the flagged_share test.
#}
{% macro flagged_share_levels(relation, flag_column) -%}
    {%- set warn_share = smart_segments.number_var('segments__max_unknown_value_share_warn') -%}
    {%- set error_share = smart_segments.number_var('segments__max_unknown_value_share_error') -%}
    with

    counts as (
        select
            count(*) filter (where {{ flag_column }}) as flagged_rows,
            count(*) as total_rows
        from {{ relation }}
    ),

    levels (level, max_share) as (
        values ('warn', {{ warn_share }}), ('error', {{ error_share }})
    )

    select
        levels.level,
        counts.flagged_rows,
        counts.total_rows,
        counts.flagged_rows / counts.total_rows as share,
        levels.max_share
    from counts
    cross join levels
    where counts.flagged_rows > 0 and counts.flagged_rows / counts.total_rows > levels.max_share
{%- endmacro %}
