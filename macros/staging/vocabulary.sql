{#
    The closed vocabularies of the raw data contract, one list per field:
    the single place that staging's normalisation (known_label) and the
    out-of-vocabulary guardrails read. A value outside its list is data,
    not an outage: staging keeps the row with the field null, the raw text
    beside it and an is_<field>_unknown flag (README, dirty-case table).
#}
{% macro vocabulary(name) -%}
    {%- set vocabularies = {
        'platform': ['ios', 'android', 'web'],
        'plan': ['free', 'basic', 'premium'],
        'channel': ['push', 'email', 'sms', 'in_app', 'whatsapp'],
        'objective': ['onboarding', 'reactivation', 'upsell', 'promo', 'announcement'],
    } -%}
    {%- if name not in vocabularies -%}
        {{ exceptions.raise_compiler_error(
            "vocabulary: no vocabulary named '" ~ name ~ "' (known: "
            ~ vocabularies.keys() | sort | join(', ') ~ ")") }}
    {%- endif -%}
    {{ return(vocabularies[name]) }}
{%- endmacro %}
