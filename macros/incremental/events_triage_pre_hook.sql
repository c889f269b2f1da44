{# Pre-hook of stg_raw__events_triaged: delete the rows the run reads again. #}
{% macro events_triage_pre_hook() -%}
    {%- set cutoff = smart_segments.incremental_cutoff('received_at') -%}
    {%- if cutoff is not none -%}
        {%- set condition = smart_segments.received_since_cutoff(cutoff) -%}
        {{ smart_segments.delete_rows(this, condition) }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
