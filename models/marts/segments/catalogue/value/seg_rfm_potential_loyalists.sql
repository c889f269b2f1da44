{#
    Customers in the RFM segment potential_loyalists: (r_score, fm_score)
    cells 52, 42, 43, 33 of the 11-segment grid (seed rfm_segment_grid),
    among customers with an order in the last 365 days.
#}

{% call smart_segments.segment_rule() %}
    rfm_segment = 'potential_loyalists'
{% endcall %}
