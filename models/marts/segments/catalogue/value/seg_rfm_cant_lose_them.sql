{#
    Customers in the RFM segment cant_lose_them: (r_score, fm_score) cells
    15, 14 of the 11-segment grid (seed rfm_segment_grid), among customers
    with an order in the last 365 days.
#}

{% call smart_segments.segment_rule() %}
    rfm_segment = 'cant_lose_them'
{% endcall %}
