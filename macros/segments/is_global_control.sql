{#
    Whether a user is in the global control group: the stable fraction of
    'global_control:' || user_id below segments__global_control_share. A
    salt of its own, so the group is independent of every segment's
    holdout; the same users on every run and engine. The group is held out
    of every activation export, so campaigns can be measured against users
    no campaign reached (fct_campaign_impact's broadcasts).
#}
{% macro is_global_control(user_id_column) -%}
    ({{ smart_segments.stable_fraction(dbt.concat(["'global_control:'", user_id_column])) }}
        < {{ smart_segments.number_var('segments__global_control_share') }})
{%- endmacro %}
