{# segments__min_plausible_event_date, checked (see date_var): device times before it are implausible. #}
{% macro min_plausible_event_date() -%}
    {{ return(smart_segments.date_var('segments__min_plausible_event_date')) }}
{%- endmacro %}
