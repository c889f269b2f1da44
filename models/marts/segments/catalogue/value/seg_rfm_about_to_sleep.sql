{#
    Customers in the RFM segment about_to_sleep: (r_score, fm_score) cells
    21 of the 11-segment grid (seed rfm_segment_grid), among customers with
    an order in the last 365 days.
#}

{% call smart_segments.segment_rule() %}
    rfm_segment = 'about_to_sleep'
{% endcall %}
