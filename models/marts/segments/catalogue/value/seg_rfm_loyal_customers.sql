{#
    Customers in the RFM segment loyal_customers: (r_score, fm_score) cells
    53, 44, 35, 34 of the 11-segment grid (seed rfm_segment_grid), among
    customers with an order in the last 365 days.
#}

{% call smart_segments.segment_rule() %}
    rfm_segment = 'loyal_customers'
{% endcall %}
