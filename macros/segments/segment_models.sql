{#
    Every segment in the project, found in the graph: the models named
    seg_<name> whose meta carries a segment_condition (set by
    segment_rule()). Returns a list of dicts sorted by segment name:
    segment_name, model_name, family, description, rule, owner, condition,
    definition_hash. Empty while dbt parses (the graph is not there yet),
    so callers must keep every ref() outside loops over the result.

    One source per fact: the family is the folder the model lives in
    (models/marts/segments/catalogue/<family>/, one of segments__families);
    the rule is meta.segment.rule with every var the model's condition
    reads written as {var_name} (or {var_name:%} for a share shown as a
    percentage) and rendered here with the var's value, so dim_segments
    never shows a stale threshold. A var the condition reads that the
    rule text does not mention, a placeholder the condition does not read,
    a folder that is not a family, or a missing rule, owner or
    description fails naming the model. A threshold the segment declares
    with itself (segment_threshold, meta.segment.thresholds) is a var like
    the others here: its placeholder in the stored condition is filled in.
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
        {%- set family = node.fqn[-2] -%}
        {%- set problems = [] -%}
        {%- if family not in families -%}
            {%- do problems.append("it lives in folder " ~ family ~ ", but a segment model goes in "
                ~ "models/marts/segments/catalogue/<family>/ with <family> one of " ~ families | join(', ')) -%}
        {%- endif -%}
        {%- if 'family' in entry -%}
            {%- do problems.append("meta.segment.family is not read (the family is the model's folder): remove it") -%}
        {%- endif -%}
        {%- for key in ['rule', 'owner'] if not (entry.get(key) or '') | trim -%}
            {%- do problems.append("meta.segment." ~ key ~ " is missing") -%}
        {%- endfor -%}
        {%- if not (node.description or '') | trim -%}
            {%- do problems.append("the description is missing") -%}
        {%- endif -%}
        {%- set rule = smart_segments.normalize_whitespace(entry.get('rule') or '') -%}
        {%- set condition_vars = modules.re.findall("var\\(\\s*['\"]([A-Za-z0-9_]+)['\"]", node.raw_code)
            | unique | list -%}
        {#- thresholds the segment declares with itself (segment_threshold) -#}
        {%- set thresholds = modules.re.findall(
            "segment_threshold\\(\\s*['\"]([A-Za-z0-9_]+)['\"]", node.raw_code) | unique | list -%}
        {%- set condition_vars = (condition_vars + thresholds) | unique | list -%}
        {%- set placeholders = modules.re.findall("\\{([A-Za-z0-9_]+)(:%)?\\}", rule) -%}
        {%- set placeholder_vars = placeholders | map(attribute=0) | unique | list -%}
        {%- for name in condition_vars if name not in placeholder_vars -%}
            {%- do problems.append("its condition reads var " ~ name ~ ", which meta.segment.rule does not "
                ~ "mention: write {" ~ name ~ "} where its value goes") -%}
        {%- endfor -%}
        {%- for name in placeholder_vars if name not in condition_vars -%}
            {%- do problems.append("meta.segment.rule mentions {" ~ name ~ "}, a var its condition does not read") -%}
        {%- endfor -%}
        {%- if problems -%}
            {{ exceptions.raise_compiler_error(
                "Segment model " ~ node.name ~ " (" ~ node.original_file_path ~ ") is incomplete: "
                ~ problems | join('; ') ~ ".") }}
        {%- endif -%}
        {%- set rendered = namespace(rule=rule) -%}
        {%- for name, as_percent in placeholders -%}
            {%- set value = smart_segments.segment_threshold_value(node, name) if name in thresholds else var(name) -%}
            {%- set shown = ('%g' | format(value * 100) ~ '%') if as_percent else (value | string) -%}
            {%- set rendered.rule = rendered.rule.replace('{' ~ name ~ as_percent ~ '}', shown) -%}
        {%- endfor -%}
        {%- set condition = namespace(text=node.config.meta['segment_condition']) -%}
        {%- for name in thresholds -%}
            {%- set condition.text = condition.text.replace('%threshold(' ~ name ~ ')%',
                smart_segments.segment_threshold_value(node, name) | string) -%}
        {%- endfor -%}
        {%- set condition = condition.text -%}
        {%- do segments.append({
            'segment_name': node.name[4:],
            'model_name': node.name,
            'family': family,
            'description': smart_segments.normalize_whitespace(node.description),
            'rule': rendered.rule,
            'owner': entry['owner'] | trim,
            'condition': condition,
            'definition_hash': local_md5(condition),
        }) -%}
    {%- endfor -%}
    {{ return(segments | sort(attribute='segment_name')) }}
{%- endmacro %}
