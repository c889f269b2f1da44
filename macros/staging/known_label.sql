{#
    A normalised label when it belongs to the named vocabulary (see
    vocabulary), else null; the caller keeps the raw text and flags
    unknown values with `label is not null and known_label(...) is null`.
#}
{% macro known_label(label, vocabulary_name) -%}
    case
        when {{ label }} in ({{ smart_segments.sql_string_list(smart_segments.vocabulary(vocabulary_name)) }})
            then {{ label }}
    end
{%- endmacro %}
