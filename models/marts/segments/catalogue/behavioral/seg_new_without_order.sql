{#
    Users who signed up in the last segments__new_signup_days days (default
    14) and have never ordered: the onboarding audience.
#}

{% call smart_segments.segment_rule() %}
    {{ smart_segments.in_last_days('cast(signup_at as date)', 'as_of_date', var('segments__new_signup_days')) }}
    and orders_lifetime = 0
{% endcall %}
