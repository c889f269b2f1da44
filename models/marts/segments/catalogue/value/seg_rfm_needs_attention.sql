{#
    Customers in the RFM segment needs_attention: (r_score, fm_score) cells
    32, 23, 22 of the 11-segment grid (seed rfm_segment_grid), among
    customers with an order in the last 365 days.
#}

{% call smart_segments.segment_rule() %}
    rfm_segment = 'needs_attention'
{% endcall %}
