{#
    Whether a date's snapshot is provisional: its cut-off (the end of the
    date, UTC, plus segments__as_of_grace_hours) had not passed when this
    build started, so rows may still arrive for it and the next build
    computes it again. A boolean SQL expression of a date expression. The
    one definition: int_as_of_dates flags the build's dates with it, and
    is_final_date builds on it.
#}
{% macro is_provisional(date_expression) -%}
    {%- set cutoff_seconds = 86400 + (smart_segments.number_var('segments__as_of_grace_hours') * 3600) | round | int -%}
    {%- set started = run_started_at.strftime("%Y-%m-%d %H:%M:%S") -%}
    (cast({{ date_expression }} as timestamp) + interval '{{ cutoff_seconds }} seconds' > timestamp '{{ started }}')
{%- endmacro %}
