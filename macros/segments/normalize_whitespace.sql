{# Text with every run of whitespace made one space and the ends trimmed: a rule hashes the same however it is indented. #}
{% macro normalize_whitespace(text) -%}
    {{ return(modules.re.sub('\\s+', ' ', text | string).strip()) }}
{%- endmacro %}
