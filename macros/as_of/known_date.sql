{#
    As known at D: the first as-of date whose snapshot counts a row. D's
    cut-off is the end of D (UTC) plus segments__as_of_grace_hours; a row
    received by then and dated on or before D is known at D. So the row
    counts from the later of its event date and the date of its receipt
    less the grace hours (a receipt at exactly midnight belongs to the new
    day). Every snapshot reads rows through this date (is_attributed_as_of,
    is_known_as_of); outcomes after D read everything known at the date
    they are measured as of.
#}
{% macro known_date(received_at, event_date) -%}
    {%- set grace_seconds = (smart_segments.number_var('segments__as_of_grace_hours') * 3600) | round | int -%}
    greatest(
        {{ event_date }},
        cast({{ received_at }}{% if grace_seconds %} - interval '{{ grace_seconds }} seconds'{% endif %} as date)
    )
{%- endmacro %}
