{#
    Users whose country is in the EU-27 (the GDPR scope filter).
#}

{% call smart_segments.segment_rule() %}
    is_eu
{% endcall %}
