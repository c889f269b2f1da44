{#
    Whether a member is in the segment's control group: the stable fraction
    of segment_name || ':' || user_id below segments__holdout_share. The
    same user stays in or out across runs and engines, and each segment
    draws its own holdout.
#}
{% macro is_holdout(segment_name_column, user_id_column) -%}
    {%- set share = var('segments__holdout_share') -%}
    {%- if share is not number or share < 0 or share >= 1 -%}
        {{ exceptions.raise_compiler_error(
            "Invalid dbt var segments__holdout_share: " ~ share ~ " (a share in [0, 1), e.g. 0.10)") }}
    {%- endif -%}
    ({{ smart_segments.stable_fraction(dbt.concat([segment_name_column, "':'", user_id_column])) }}
        < {{ share }})
{%- endmacro %}
