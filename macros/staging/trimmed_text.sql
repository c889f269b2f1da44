{#
    Text with leading and trailing whitespace and control characters
    removed (ASCII blanks and controls, no-break and other Unicode spaces,
    zero-width and byte-order marks); null when nothing is left. Ids go
    through it, so an id that is blank to a person is no id at all.

    trim() with a character set costs about twenty times a plain read of
    the column (it was most of the events triage's time), so it runs only
    on values whose first or last character is one of those characters;
    any other value has nothing to trim and is kept as it is (the result is
    the same either way). Spark has no unicode() and its chr() wraps at
    256: ascii() gives the first code point there, and the characters go
    into one literal as \\uXXXX escapes.
#}
{% macro trimmed_text(column) -%}
    {{ return(adapter.dispatch('trimmed_text', 'smart_segments')(column)) }}
{%- endmacro %}

{% macro default__trimmed_text(column) -%}
    {%- set blank_code_points = smart_segments.blank_code_points() -%}
    {%- set blank_list = blank_code_points | join(', ') -%}
    case
        when
            unicode({{ column }}) in ({{ blank_list }})
            or unicode(right({{ column }}, 1)) in ({{ blank_list }})
            then nullif(trim({{ column }}, {% for code_point in blank_code_points -%}
                chr({{ code_point }}){{ " || " if not loop.last }}
            {%- endfor %}), '')
        else nullif({{ column }}, '')
    end
{%- endmacro %}

{% macro spark__trimmed_text(column) -%}
    {%- set blank_code_points = smart_segments.blank_code_points() -%}
    {%- set blank_list = blank_code_points | join(', ') -%}
    case
        when
            ascii({{ column }}) in ({{ blank_list }})
            or ascii(right({{ column }}, 1)) in ({{ blank_list }})
            then nullif(btrim({{ column }}, '
            {%- for code_point in blank_code_points -%}
                \u{{ '%04X' % code_point }}
            {%- endfor %}'), '')
        else nullif({{ column }}, '')
    end
{%- endmacro %}
