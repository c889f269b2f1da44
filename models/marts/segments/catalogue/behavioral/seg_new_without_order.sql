{% call smart_segments.segment_rule() %}
    {{ smart_segments.in_last_days('cast(signup_at as date)', 'as_of_date', var('segments__new_signup_days')) }}
    and orders_lifetime = 0
{% endcall %}
