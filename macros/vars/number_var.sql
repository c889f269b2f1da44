{#
    A numeric dbt var, checked: a number (not a boolean) within its range,
    else the build fails at compile time with one line naming the var, the
    value and the range. The range is the registry's (var_ranges, one place
    for every numeric var); a caller passes bounds only where one depends on
    another var (segments__history_days, at most segments__max_backfill_days).
#}
{% macro number_var(name, minimum=none, maximum=none) -%}
    {%- if minimum is none and maximum is none -%}
        {%- set ranges = smart_segments.var_ranges() -%}
        {%- if name not in ranges -%}
            {{ exceptions.raise_compiler_error(
                "number_var('" ~ name ~ "'): the var has no range in macros/vars/var_ranges.sql; "
                ~ "declare it there, with its default in dbt_project.yml") }}
        {%- endif -%}
        {%- set minimum, maximum = ranges[name] -%}
    {%- endif -%}
    {{ return(smart_segments.checked_number(name, var(name), minimum, maximum)) }}
{%- endmacro %}
