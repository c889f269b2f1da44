{#
    One bound of the 95% Newcombe hybrid score interval (his method 10) for
    the difference of two proportions, x1/n1 - x2/n2, built from each
    proportion's Wilson interval (wilson_interval):
      low  = d - sqrt((p1 - l1)^2 + (u2 - p2)^2)
      high = d + sqrt((u1 - p1)^2 + (p2 - l2)^2)
    Defined at 0% and 100% like the Wilson interval; null when a group is
    empty.
#}
{% macro newcombe_interval(x1, n1, x2, n2, bound) -%}
    {%- if bound not in ['low', 'high'] -%}
        {{ exceptions.raise_compiler_error("newcombe_interval: bound must be 'low' or 'high', got " ~ bound) }}
    {%- endif -%}
    {%- set p1 = '(cast(' ~ x1 ~ ' as double) / ' ~ n1 ~ ')' -%}
    {%- set p2 = '(cast(' ~ x2 ~ ' as double) / ' ~ n2 ~ ')' -%}
    case
        when {{ n1 }} > 0 and {{ n2 }} > 0
            then
            {%- if bound == 'low' %}
                {{ p1 }} - {{ p2 }} - sqrt(
                    pow({{ p1 }} - ({{ smart_segments.wilson_interval(x1, n1, 'low') }}), 2)
                    + pow(({{ smart_segments.wilson_interval(x2, n2, 'high') }}) - {{ p2 }}, 2)
                )
            {%- else %}
                {{ p1 }} - {{ p2 }} + sqrt(
                    pow(({{ smart_segments.wilson_interval(x1, n1, 'high') }}) - {{ p1 }}, 2)
                    + pow({{ p2 }} - ({{ smart_segments.wilson_interval(x2, n2, 'low') }}), 2)
                )
            {%- endif %}
    end
{%- endmacro %}
