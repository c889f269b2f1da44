{#
    Out-of-vocabulary guardrail: the share of the model's rows (after the
    test's `where`) for which the boolean flag column is true. Returns one
    row per level the share exceeds: 'warn' above
    segments__max_unknown_value_share_warn, 'error' above
    segments__max_unknown_value_share_error, so with the thresholds set
    in the config below one row warns and two fail the build. A single
    unknown value is data, never an outage.
    Usage: - flagged_share  (on a flag column such as is_platform_unknown)
#}
{% test flagged_share(model, column_name) %}
    {{ config(severity='error', warn_if='>0', error_if='>1') }}
    {{ smart_segments.flagged_share_levels(model, column_name) }}
{% endtest %}
