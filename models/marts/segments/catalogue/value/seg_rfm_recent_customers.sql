{#
    Customers in the RFM segment recent_customers: (r_score, fm_score) cells
    51 of the 11-segment grid (seed rfm_segment_grid), among customers with
    an order in the last 365 days.
#}

{% call smart_segments.segment_rule() %}
    rfm_segment = 'recent_customers'
{% endcall %}
