{#
    A var's value, checked: a number (not a boolean) within [minimum,
    maximum] (either bound may be none), else the build fails at compile
    time with one line naming the var, the value, the range and, when
    given, where the range was declared. number_var and
    segment_threshold_value both check through it.
#}
{% macro checked_number(name, value, minimum=none, maximum=none, declared_by=none) -%}
    {%- set is_number = value is number and value is not sameas true and value is not sameas false -%}
    {%- if not is_number
        or (minimum is not none and value < minimum)
        or (maximum is not none and value > maximum) -%}
        {%- set bounds = [] -%}
        {%- if minimum is not none %}{% do bounds.append('at least ' ~ minimum) %}{% endif -%}
        {%- if maximum is not none %}{% do bounds.append('at most ' ~ maximum) %}{% endif -%}
        {{ exceptions.raise_compiler_error(
            "Invalid dbt var " ~ name ~ ": " ~ value ~ " (a number"
            ~ (" " ~ bounds | join(' and ') if bounds else "")
            ~ ("; declared by " ~ declared_by if declared_by else "") ~ ")") }}
    {%- endif -%}
    {{ return(value) }}
{%- endmacro %}
