{#
    Text with leading and trailing whitespace and control characters
    removed (ASCII blanks and controls, no-break and other Unicode spaces,
    zero-width and byte-order marks); null when nothing is left. Ids go
    through it, so an id that is blank to a person is no id at all.
#}
{% macro trimmed_text(column) -%}
    {%- set blank_code_points = range(0, 33) | list + [127, 133, 160, 5760]
        + range(8192, 8204) | list + [8232, 8233, 8239, 8287, 12288, 65279] -%}
    nullif(trim({{ column }}, {% for code_point in blank_code_points -%}
        chr({{ code_point }}){{ " || " if not loop.last }}
    {%- endfor %}), '')
{%- endmacro %}
