{#
    Why this dbt invocation may not be published, in words, or none when it
    may: only a `dbt build` of the whole project (no --select, --exclude,
    --selector or resource-type filter but --exclude-resource-type
    unit_test, not --empty) on DuckDB, with
    segments__publish on, whose every node passed (a failed or skipped
    model, seed, snapshot, data test or unit test blocks it; warnings do
    not). `results` is on-run-end's list of node results.
#}
{% macro publication_blocker(results) -%}
    {%- if target.type != 'duckdb' -%}
        {{ return('publication needs a DuckDB warehouse (this target is ' ~ target.type ~ ')') }}
    {%- endif -%}
    {%- if not var('segments__publish') -%}
        {{ return('segments__publish is false') }}
    {%- endif -%}
    {%- set partial = [] -%}
    {%- for flag in ['select', 'exclude', 'selector', 'resource_types'] -%}
        {%- if invocation_args_dict.get(flag) -%}
            {%- do partial.append('--' ~ flag | replace('_', '-')) -%}
        {%- endif -%}
    {%- endfor -%}
    {#- unit tests check the code on fixed rows, not this build's data: leaving them out
        (make build does, as dbt advises for production) still audits the whole build -#}
    {%- if (invocation_args_dict.get('exclude_resource_types') or []) | reject('equalto', 'unit_test') | list -%}
        {%- do partial.append('--exclude-resource-type') -%}
    {%- endif -%}
    {%- if partial -%}
        {{ return('this build ran part of the project (' ~ partial | join(', ')
            ~ '): only a build of the whole project is audited whole') }}
    {%- endif -%}
    {%- if invocation_args_dict.get('empty') -%}
        {{ return('dbt build --empty builds no rows') }}
    {%- endif -%}
    {%- if not results -%}
        {{ return('the build ran no node') }}
    {%- endif -%}
    {%- set failed = [] -%}
    {%- for result in results if result.status in ['error', 'fail', 'skipped', 'runtime error'] -%}
        {%- do failed.append(result.node.name ~ ' (' ~ result.status ~ ')') -%}
    {%- endfor -%}
    {%- if failed -%}
        {{ return(failed | length ~ ' of ' ~ results | length ~ ' nodes failed or were skipped: '
            ~ failed[:5] | join(', ') ~ (', ...' if failed | length > 5 else '')) }}
    {%- endif -%}
    {{ return(none) }}
{%- endmacro %}
