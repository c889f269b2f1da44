{#
    The value of the threshold `name` a segment model (a graph node, or the
    model being compiled) declares in meta.segment.thresholds: the dbt var
    when passed, else the declared default; a number within the declared
    minimum and maximum, else one line naming the model, the var and the
    range. A threshold the entry does not declare fails naming the model.
#}
{% macro segment_threshold_value(node, name) -%}
    {%- set entry = (node.config.meta or {}).get('segment') or {} -%}
    {%- set declared = (entry.get('thresholds') or {}).get(name) -%}
    {%- if declared is none or declared.get('default') is none -%}
        {{ exceptions.raise_compiler_error(
            "Segment model " ~ node.name ~ " reads segment_threshold('" ~ name ~ "'), but its YAML entry "
            ~ "declares no default for it: add meta.segment.thresholds." ~ name
            ~ ": {default: <value>, minimum: <value>, maximum: <value>}") }}
    {%- endif -%}
    {%- set value = var(name, declared['default']) -%}
    {%- set minimum = declared.get('minimum') -%}
    {%- set maximum = declared.get('maximum') -%}
    {%- set is_number = value is number and value is not sameas true and value is not sameas false -%}
    {%- if not is_number
        or (minimum is not none and value < minimum)
        or (maximum is not none and value > maximum) -%}
        {%- set bounds = [] -%}
        {%- if minimum is not none %}{% do bounds.append('at least ' ~ minimum) %}{% endif -%}
        {%- if maximum is not none %}{% do bounds.append('at most ' ~ maximum) %}{% endif -%}
        {{ exceptions.raise_compiler_error(
            "Invalid dbt var " ~ name ~ ": " ~ value ~ " (a number"
            ~ (" " ~ bounds | join(' and ') if bounds else "") ~ "; declared by " ~ node.name ~ ")") }}
    {%- endif -%}
    {{ return(value) }}
{%- endmacro %}
