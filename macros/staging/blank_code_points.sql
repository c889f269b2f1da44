{#
    The code points trimmed_text removes from both ends of a value: ASCII
    blanks and controls, no-break and other Unicode spaces, zero-width and
    byte-order marks.
#}
{% macro blank_code_points() -%}
    {{ return(range(0, 33) | list + [127, 133, 160, 5760]
        + range(8192, 8204) | list + [8232, 8233, 8239, 8287, 12288, 65279]) }}
{%- endmacro %}
