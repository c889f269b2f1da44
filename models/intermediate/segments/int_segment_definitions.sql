{#
    Every segment the project defines, read from the dbt graph: each model
    seg_<name> that calls segment_rule(), with its YAML entry and the
    rendered condition. No list is kept by hand: adding a segment's model
    file and YAML entry adds its row here.
#}

{%- set segments = smart_segments.segment_models() %}

with

definitions as (

    {% for segment in segments -%}
        select
            '{{ segment.segment_name }}' as segment_name,
            '{{ segment.model_name }}' as model_name,
            '{{ segment.family }}' as family,  -- noqa: RF04
            {{ dbt.string_literal(dbt.escape_single_quotes(segment.description)) }} as description,  -- noqa: RF04
            {{ dbt.string_literal(dbt.escape_single_quotes(segment.rule)) }} as rule,  -- noqa: RF04
            {{ dbt.string_literal(dbt.escape_single_quotes(segment.owner)) }} as owner,  -- noqa: RF04
            {{ dbt.string_literal(dbt.escape_single_quotes(segment.condition)) }} as condition_sql,
            '{{ segment.definition_hash }}' as definition_hash
        union all
    {% endfor -%}
    select
        cast(null as {{ dbt.type_string() }}) as segment_name,
        cast(null as {{ dbt.type_string() }}) as model_name,
        cast(null as {{ dbt.type_string() }}) as family,  -- noqa: RF04
        cast(null as {{ dbt.type_string() }}) as description,  -- noqa: RF04
        cast(null as {{ dbt.type_string() }}) as rule,  -- noqa: RF04
        cast(null as {{ dbt.type_string() }}) as owner,  -- noqa: RF04
        cast(null as {{ dbt.type_string() }}) as condition_sql,
        cast(null as {{ dbt.type_string() }}) as definition_hash
    where 1 = 0

)

select * from definitions
