{#
    on-run-end: write, audit, publish. When publication_blocker finds
    nothing against this invocation (a dbt build of the whole project whose
    every node passed), publish_marts publishes it. Else it says in one line
    why nothing was published; consumers keep the last publication. Only
    `dbt build` publishes: run, test, seed and the backfill (run + test)
    never do.
#}
{% macro publish_build(results) -%}
    {%- if not execute or invocation_args_dict.get('which') != 'build' -%}
        {{ return('') }}
    {%- endif -%}
    {%- set blocker = smart_segments.publication_blocker(results) -%}
    {%- if blocker is not none -%}
        {%- set where = smart_segments.publish_path() ~ '/current' if target.type == 'duckdb' else 'none' -%}
        {{ log('Not published: ' ~ blocker ~ '. Consumers keep the last publication (' ~ where
            ~ ') and the activation exports it published.', info=True) }}
        {{ return('') }}
    {%- endif -%}
    {%- do smart_segments.publish_marts() -%}
    {{ return('') }}
{%- endmacro %}
