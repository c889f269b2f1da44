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
