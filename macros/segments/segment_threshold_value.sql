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
    {{ return(smart_segments.checked_number(name, var(name, declared['default']), declared.get('minimum'),
        declared.get('maximum'), node.name)) }}
{%- endmacro %}
