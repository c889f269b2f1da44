{#
    One row when the rows of `relation` do not equal the rows of `parts`
    added up (e.g. raw = clean + duplicates + quarantined), none otherwise.
    Shared by the generic test reconciles_with_parts.
#}
{% macro row_count_reconciliation(relation, parts) -%}
    {%- if parts | length == 0 -%}
        {{ exceptions.raise_compiler_error("row_count_reconciliation: parts must name at least one relation") }}
    {%- endif -%}
    with

    raw_rows as (
        select count(*) as row_count from {{ relation }}
    ),

    part_rows as (
        {%- for part in parts %}
        select '{{ part }}' as part_name, count(*) as row_count from {{ part }}
        {{ "union all" if not loop.last }}
        {%- endfor %}
    ),

    accounted as (
        select
            sum(row_count) as row_count,
            {{ smart_segments.sorted_string_agg("part_name || ' = ' || row_count", "', '") }} as breakdown
        from part_rows
    )

    select
        raw_rows.row_count as raw_row_count,
        accounted.row_count as accounted_row_count,
        accounted.breakdown
    from raw_rows
    cross join accounted
    where raw_rows.row_count <> accounted.row_count
{%- endmacro %}
