{#
    Pre-hook of fct_segment_activation_exports: the audience guardrail's
    verdict. int_segment_activation_files held back (did not write) every
    export that would shrink its audience by more than
    segments__max_audience_drop or empty a non-empty one; with
    segments__audience_guardrail_severity = error the build fails here with
    one line naming them and the override, the previous files kept. With
    warn, the held rows warn through the export_status test.
#}
{% macro assert_no_held_exports(files_relation) -%}
    {%- if not execute or var('segments__audience_guardrail_severity') != 'error' -%}
        {{ return('') }}
    {%- endif -%}
    {%- set held = run_query(
        "select segment_name, previous_members, exported_members from " ~ files_relation
        ~ " where export_status = 'held' order by segment_name").rows -%}
    {%- if held | length > 0 -%}
        {%- set described = [] -%}
        {%- for row in held -%}
            {%- do described.append(row[0] ~ " " ~ smart_segments.thousands(row[1]) ~ " -> "
                ~ smart_segments.thousands(row[2])) -%}
        {%- endfor -%}
        {{ exceptions.raise_compiler_error(
            "Audience guardrail: " ~ held | length ~ " export(s) not written, the previous file kept: "
            ~ described | join(", ") ~ " (more than segments__max_audience_drop = "
            ~ var('segments__max_audience_drop') ~ " of the audience gone, or emptied). If that is right, "
            ~ "write them anyway: --vars '{segments__audience_drop_allowed_segments: ["
            ~ held | map(attribute=0) | join(", ") ~ "]}'.") }}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}
