{#
    Whether the feature store may keep a date's snapshot for good: the date
    is not provisional (macro is_provisional) and the data received so far reaches past
    its cut-off by segments__incremental_lookback_days, the delay by which
    raw files may land out of receipt order (`received_watermark`, a SQL
    expression: the latest received_at of the clean events). Until then a
    file delivered late could still hold rows received before the cut-off,
    which a full refresh would count: the store computes the date again on
    the next run. A nightly run recomputes the last few dates (lookback
    plus one), a build on a historical extract with no later rows its last
    ones. A boolean SQL expression.
#}
{% macro is_final_date(date_expression, received_watermark) -%}
    {%- set settle_seconds = 86400 * (1 + smart_segments.number_var('segments__incremental_lookback_days'))
        + (smart_segments.number_var('segments__as_of_grace_hours') * 3600) | round | int -%}
    (not {{ smart_segments.is_provisional(date_expression) }} and cast({{ date_expression }} as timestamp) + interval '{{ settle_seconds }} seconds' <= {{ received_watermark }})
{%- endmacro %}
