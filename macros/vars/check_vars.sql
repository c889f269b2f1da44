{#
    on-run-start: every numeric var within its range, every list of days a
    list of whole days, each mistake one line naming the var (see
    number_var). Unknown vars (a typo such as segments__holdout_shar) are
    caught when the warehouse opens, by smart_segments_ops.warehouse_guard,
    which reads the declared names from dbt_project.yml.
#}
{% macro check_vars() -%}
    {%- for name, bounds in smart_segments.var_ranges().items() -%}
        {%- do smart_segments.number_var(name, bounds[0], bounds[1]) -%}
    {%- endfor -%}
    {#- the thresholds segments declare with themselves (meta.segment.thresholds) -#}
    {%- for node in (graph.get('nodes') or {}).values() if node.resource_type == 'model' -%}
        {%- for name in (((node.config.meta or {}).get('segment') or {}).get('thresholds') or {}) -%}
            {%- do smart_segments.segment_threshold_value(node, name) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- for name in ['segments__as_of_offsets_days', 'segments__propensity_training_offsets_days'] -%}
        {%- set days = var(name) -%}
        {%- if days is string or days is not iterable or days | length == 0
            or days | reject('integer') | list | length > 0 or days | min < 0 -%}
            {{ exceptions.raise_compiler_error(
                "Invalid dbt var " ~ name ~ ": " ~ days ~ " (a non-empty list of whole days, 0 or more)") }}
        {%- endif -%}
    {%- endfor -%}
    {%- for name in ['segments__lifetime_value_warm_start', 'segments__publish'] if var(name) not in [true, false] -%}
        {{ exceptions.raise_compiler_error(
            "Invalid dbt var " ~ name ~ ": " ~ var(name) ~ " (true or false)") }}
    {%- endfor -%}
    {%- if not modules.re.fullmatch('v[0-9]+\\.[0-9]+\\.[0-9]+', var('segments__publish_storage_version') | string) -%}
        {{ exceptions.raise_compiler_error(
            "Invalid dbt var segments__publish_storage_version: " ~ var('segments__publish_storage_version')
            ~ " (a DuckDB version such as v1.0.0: the oldest DuckDB that must read the published file)") }}
    {%- endif -%}
    {%- for low, high in [
        ('segments__lapsing_min_days_since_seen', 'segments__lapsing_max_days_since_seen'),
        ('segments__max_unknown_value_share_warn', 'segments__max_unknown_value_share_error'),
    ] if var(low) > var(high) -%}
        {{ exceptions.raise_compiler_error(
            "Invalid dbt vars: " ~ low ~ " (" ~ var(low) ~ ") is above " ~ high ~ " (" ~ var(high) ~ ")") }}
    {%- endfor -%}
    select 1
{%- endmacro %}
