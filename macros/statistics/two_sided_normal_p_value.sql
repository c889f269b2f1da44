{#
    Two-sided p-value of a standard normal statistic z: erfc(|z| / sqrt(2)).
    Dispatched: engines without erfc get a Chebyshev-fitted approximation
    of erfc with relative error below 1.2e-7 everywhere (Press et al.,
    Numerical Recipes, erfcc), so p-values and the q-values derived from
    them agree with scipy to about 1e-7 of their size (capped at 1; null for a null z: least() would skip the null).
#}
{% macro two_sided_normal_p_value(z) -%}
    {{ return(adapter.dispatch('two_sided_normal_p_value', 'smart_segments')(z)) }}
{%- endmacro %}

{% macro default__two_sided_normal_p_value(z) -%}
    {%- set x = 'abs(' ~ z ~ ') / sqrt(2.0)' -%}
    {%- set t = '(1.0 / (1.0 + 0.5 * ' ~ x ~ '))' -%}
    case when {{ z }} is not null then least(1.0, {{ t }} * exp(-({{ x }}) * ({{ x }}) - 1.26551223 + {{ t }} * (1.00002368 + {{ t }} * (0.37409196
        + {{ t }} * (0.09678418 + {{ t }} * (-0.18628806 + {{ t }} * (0.27886807 + {{ t }} * (-1.13520398
        + {{ t }} * (1.48851587 + {{ t }} * (-0.82215223 + {{ t }} * 0.17087277)))))))))) end
{%- endmacro %}
