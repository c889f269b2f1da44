{#
    Every segment in the project, found in the graph: the models named
    seg_<name> whose meta carries a segment_condition (set by
    segment_rule()). Returns a list of dicts sorted by segment name:
    segment_name, model_name, family, description, rule, owner, condition,
    definition_hash. Empty while dbt parses (the graph is not there yet),
    so callers must keep every ref() outside loops over the result.

    Each segment's YAML entry must give meta.segment.family (one of
    segments__families), rule (human-readable) and owner, and a
    description; a missing one fails with the model's name.
#}
{% macro segment_models() -%}
    {%- set segments = [] -%}
    {%- if not execute -%}
        {{ return(segments) }}
    {%- endif -%}
    {%- set families = var('segments__families') -%}
    {%- for node in graph.nodes.values()
        if node.resource_type == 'model' and node.name.startswith('seg_')
        and node.config.meta.get('segment_condition') -%}
        {%- set entry = node.config.meta.get('segment') or {} -%}
        {%- set problems = [] -%}
        {%- if entry.get('family') not in families -%}
            {%- do problems.append("meta.segment.family must be one of " ~ families | join(', ')
                ~ " (got " ~ entry.get('family') ~ ")") -%}
        {%- endif -%}
        {%- for key in ['rule', 'owner'] if not (entry.get(key) or '') | trim -%}
            {%- do problems.append("meta.segment." ~ key ~ " is missing") -%}
        {%- endfor -%}
        {%- if not (node.description or '') | trim -%}
            {%- do problems.append("the description is missing") -%}
        {%- endif -%}
        {%- if problems -%}
            {{ exceptions.raise_compiler_error(
                "Segment model " ~ node.name ~ " (" ~ node.original_file_path ~ ") has an incomplete YAML entry: "
                ~ problems | join('; ') ~ ".") }}
        {%- endif -%}
        {%- set condition = node.config.meta['segment_condition'] -%}
        {%- do segments.append({
            'segment_name': node.name[4:],
            'model_name': node.name,
            'family': entry['family'],
            'description': smart_segments.normalize_whitespace(node.description),
            'rule': smart_segments.normalize_whitespace(entry['rule']),
            'owner': entry['owner'] | trim,
            'condition': condition,
            'definition_hash': local_md5(condition),
        }) -%}
    {%- endfor -%}
    {{ return(segments | sort(attribute='segment_name')) }}
{%- endmacro %}
