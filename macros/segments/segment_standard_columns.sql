{# The columns every segment table carries before the metrics its rule uses (spec: Default segment catalogue). #}
{% macro segment_standard_columns() -%}
    {{ return(['user_id', 'email_sha256', 'country', 'primary_platform', 'is_contactable', 'is_holdout',
               'is_global_control', 'is_activatable', 'as_of_date', 'entered_at']) }}
{%- endmacro %}
