{#
    A threshold a segment declares with itself, in its YAML entry:

        meta:
          segment:
            rule: "revenue_365d_usd >= {segments__big_spender_min_revenue_usd}"
            thresholds:
              segments__big_spender_min_revenue_usd: {default: 500, minimum: 0}

    and reads in its condition as
    {{ smart_segments.segment_threshold('segments__big_spender_min_revenue_usd') }}.
    Its value is the dbt var of that name when passed (--vars), else the
    declared default, checked against minimum and maximum (either optional)
    like every numeric var. While dbt parses, the YAML entry is not read yet:
    the condition then holds a placeholder, %threshold(<name>)%, which
    segment_models() fills in from the graph (segment_threshold_value).
#}
{% macro segment_threshold(name) -%}
    {%- if not execute -%}
        {{ return('%threshold(' ~ name ~ ')%') }}
    {%- endif -%}
    {{ return(smart_segments.segment_threshold_value(model, name)) }}
{%- endmacro %}
