{#
    Lower-cases a free-text label and turns every run of characters other
    than a-z and 0-9 into one underscore, trimming underscores at the ends:
    ' ORDER-COMPLETED ' -> 'order_completed', 'Non Binary' -> 'non_binary'.
    Blank text becomes null.
#}
{% macro normalize_label(column) -%}
    {{ return(adapter.dispatch('normalize_label', 'smart_segments')(column)) }}
{%- endmacro %}

{% macro default__normalize_label(column) -%}
    nullif(trim(both '_' from regexp_replace(lower({{ column }}), '[^a-z0-9]+', '_', 'g')), '')
{%- endmacro %}

{% macro spark__normalize_label(column) -%}
    nullif(regexp_replace(regexp_replace(lower({{ column }}), '[^a-z0-9]+', '_'), '^_+|_+$', ''), '')
{%- endmacro %}
