{#
    segments__max_amount_usd, checked: the largest order revenue or price,
    in USD, that staging accepts; larger (or negative, NaN, infinite)
    amounts are quarantined as invalid_revenue / invalid_price.
#}
{% macro max_amount_usd() -%}
    {{ return(smart_segments.number_var('segments__max_amount_usd')) }}
{%- endmacro %}
