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
    {%- set value = var(name) -%}
    {%- set is_number = value is number and value is not sameas true and value is not sameas false -%}
    {%- if not is_number
        or (minimum is not none and value < minimum)
        or (maximum is not none and value > maximum) -%}
        {%- set bounds = [] -%}
        {%- if minimum is not none %}{% do bounds.append('at least ' ~ minimum) %}{% endif -%}
        {%- if maximum is not none %}{% do bounds.append('at most ' ~ maximum) %}{% endif -%}
        {{ exceptions.raise_compiler_error(
            "Invalid dbt var " ~ name ~ ": " ~ value ~ " (a number"
            ~ (" " ~ bounds | join(' and ') if bounds else "") ~ ")") }}
    {%- endif -%}
    {{ return(value) }}
{%- endmacro %}
