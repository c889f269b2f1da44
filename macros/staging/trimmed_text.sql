{#
    Text with leading and trailing whitespace and control characters
    removed (ASCII blanks and controls, no-break and other Unicode spaces,
    zero-width and byte-order marks); null when nothing is left. Ids go
    through it, so an id that is blank to a person is no id at all.

    trim() with a character set costs about twenty times a plain read of
    the column (it was most of the events triage's time), so it runs only
    on values whose first or last character is one of those characters;
    any other value has nothing to trim and is kept as it is (the result is
    the same either way).
#}
{% macro trimmed_text(column) -%}
    {%- set blank_code_points = range(0, 33) | list + [127, 133, 160, 5760]
        + range(8192, 8204) | list + [8232, 8233, 8239, 8287, 12288, 65279] -%}
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
