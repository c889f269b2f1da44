{#
    The users each propensity model scores, as (model_name, SQL condition on
    int_customers_as_of, label column of the labels CTE) triples.
#}
{% macro propensity_models() -%}
    {{ return([
        {'name': 'conversion', 'eligible': "current_plan = 'free' and not is_ever_paid",
         'label': 'subscriptions_started'},
        {'name': 'upgrade', 'eligible': "current_plan = 'basic'", 'label': 'subscriptions_upgraded'},
    ]) }}
{%- endmacro %}
