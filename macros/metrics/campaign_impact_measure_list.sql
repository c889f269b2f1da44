{#
    The measures campaign impact compares, as two lists (rates, means) of
    (measure, population, value, CUPED covariate or none, unit): the
    population and value are SQL over a row of int_campaign_impact_members
    (plus predicted_clv_365d_usd, joined by int_campaign_impact_measures).
    A measure with a covariate gets a CUPED adjustment.
#}
{% macro campaign_impact_measure_list() -%}
    {%- set rates = [
        ('conversion_rate', 'true', 'is_converted', 'is_converted_before_window', 'share'),
        ('retention_rate', 'true', 'is_active_in_window', 'is_active_before_window', 'share'),
        ('reactivation_rate', 'is_inactive_at_launch', 'is_active_in_window', none, 'share'),
        ('new_user_churn_rate', 'is_new_user', 'orders = 0', none, 'share'),
        ('promoter_share', 'nps_score is not null', 'nps_score >= 9', none, 'share'),
        ('detractor_share', 'nps_score is not null', 'nps_score <= 6', none, 'share'),
    ] %}
    {%- set means = [
        ('orders_per_member', 'true', 'orders', 'orders_before_window', 'orders'),
        ('revenue_per_member_usd', 'true', 'revenue_usd', 'revenue_usd_before_window', 'usd'),
        ('avg_order_value_usd', 'orders > 0', 'revenue_usd / orders', none, 'usd'),
        ('nps', 'nps_score is not null', 'case when nps_score >= 9 then 100 when nps_score <= 6 then -100 else 0 end',
            none, 'nps_points'),
        ('predicted_clv_usd', 'predicted_clv_365d_usd is not null', 'predicted_clv_365d_usd', none, 'usd'),
    ] %}
    {{ return((rates, means)) }}
{%- endmacro %}
