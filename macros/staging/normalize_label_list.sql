{#
    Normalises a ';'-separated list of labels item by item, like
    normalize_label: ' Fitness ; Travel;COOKING ' -> 'fitness;travel;cooking'.
    Empty items are dropped; blank text becomes null.
#}
{% macro normalize_label_list(column) -%}
    {{ return(adapter.dispatch('normalize_label_list', 'smart_segments')(column)) }}
{%- endmacro %}

{% macro default__normalize_label_list(column) -%}
    nullif(
        trim(
            both ';' from regexp_replace(
                regexp_replace(regexp_replace(lower({{ column }}), '[^a-z0-9;]+', '_', 'g'), '_*;[_;]*', ';', 'g'),
                '^_+|_+$', '', 'g'
            )
        ),
        ''
    )
{%- endmacro %}

{#- Spark replaces every match without a flag (its 4th argument is a position) -#}
{% macro spark__normalize_label_list(column) -%}
    nullif(
        regexp_replace(
            regexp_replace(
                regexp_replace(regexp_replace(lower({{ column }}), '[^a-z0-9;]+', '_'), '_*;[_;]*', ';'),
                '^_+|_+$', ''
            ),
            '^;+|;+$', ''
        ),
        ''
    )
{%- endmacro %}
