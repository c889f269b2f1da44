{#
    True when date_column lies in the `days` calendar days ending on
    as_of_column, as the spec defines "in the last N days": (D - N, D].
    An event on D - N + 1 counts; one on D - N does not.
#}
{% macro in_last_days(date_column, as_of_column, days) -%}
    {%- if days is not number or days < 1 -%}
        {{ exceptions.raise_compiler_error("in_last_days: days must be a positive integer, got " ~ days) }}
    {%- endif -%}
    ({{ date_column }} > {{ smart_segments.days_before(as_of_column, days) }}
        and {{ date_column }} <= {{ as_of_column }})
{%- endmacro %}
