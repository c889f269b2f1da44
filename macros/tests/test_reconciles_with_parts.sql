{#
    Nothing lost: every row of the tested relation is in exactly one part.
    Usage on a source table (dbt renders each ref() into a relation):
      data_tests:
        - reconciles_with_parts:
            arguments:
              parts: ["ref('stg_raw__events')", "ref('stg_raw__duplicate_events')"]
#}
{% test reconciles_with_parts(model, parts) %}
    {{ smart_segments.row_count_reconciliation(model, parts) }}
{% endtest %}
