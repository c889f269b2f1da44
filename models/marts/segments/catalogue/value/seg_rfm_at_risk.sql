{#
    Customers in the RFM segment at_risk: (r_score, fm_score) cells 25, 24,
    13 of the 11-segment grid (seed rfm_segment_grid), among customers with
    an order in the last 365 days.
#}

{% call smart_segments.segment_rule() %}
    rfm_segment = 'at_risk'
{% endcall %}
