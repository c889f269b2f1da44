{#
    A campaign audience member's group (int_campaign_impact_members), one
    rule for targeted campaigns and broadcasts: a member of the control
    group (`is_control`, a boolean expression: the segment's holdout, or
    the global control group) is 'control', or 'control_messaged' when the
    campaign was sent to them anyway (a leak); anyone else is 'treated'
    when it was sent (`first_sent_date` not null) and 'not_reached' when
    not.
#}
{% macro campaign_impact_group(is_control, first_sent_date) -%}
    case
        when {{ is_control }}
            then case when {{ first_sent_date }} is null then 'control' else 'control_messaged' end
        when {{ first_sent_date }} is not null then 'treated'
        else 'not_reached'
    end
{%- endmacro %}
