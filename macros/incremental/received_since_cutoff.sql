{#
    Filter: rows an incremental run must (re)read - received at or after the
    cut-off (see incremental_cutoff), or with no receipt time at all (those
    are re-read on every run, which is idempotent). `true` when cutoff is
    none (a full build).
#}
{% macro received_since_cutoff(cutoff, column='received_at') -%}
    {%- if cutoff is none -%}
        true
    {%- else -%}
        ({{ column }} >= {{ cutoff }} or {{ column }} is null)
    {%- endif -%}
{%- endmacro %}

{# Pre-hook of stg_raw__events_triaged: delete the rows the run reads again. #}
{% macro events_triage_pre_hook() -%}
    {%- set cutoff = smart_segments.incremental_cutoff('received_at') -%}
    {%- if cutoff is not none -%}
        delete from {{ this }}
        where {{ smart_segments.received_since_cutoff(cutoff) }}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
