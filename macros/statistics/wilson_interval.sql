{#
    One bound of the 95% Wilson score interval for x successes in n
    trials (bound 'low' or 'high'): (p + z^2/2n -+ z sqrt(p(1-p)/n + z^2/4n^2))
    / (1 + z^2/n), z = 1.959963984540054. Null when n = 0.
#}
{% macro wilson_interval(x, n, bound) -%}
    {%- if bound not in ['low', 'high'] -%}
        {{ exceptions.raise_compiler_error("wilson_interval: bound must be 'low' or 'high', got " ~ bound) }}
    {%- endif -%}
    {%- set z2 = '3.8414588206941254' -%}
    {%- set p = '(cast(' ~ x ~ ' as double) / ' ~ n ~ ')' -%}
    case
        when {{ n }} > 0
            then
                ({{ p }} + {{ z2 }} / (2.0 * {{ n }})
                    {{ '-' if bound == 'low' else '+' }} 1.959963984540054
                    * sqrt({{ p }} * (1 - {{ p }}) / {{ n }} + {{ z2 }} / (4.0 * {{ n }} * {{ n }})))
                / (1 + {{ z2 }} / {{ n }})
    end
{%- endmacro %}
