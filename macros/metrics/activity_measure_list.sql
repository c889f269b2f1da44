{#
    The per-user activity metrics int_customer_activity_as_of computes from
    int_user_daily_activity, as a dict of lists:
    - row_sums: (column, daily rollup column, window in days or none for
      lifetime), summed over the rows;
    - day_counts: (column, the day is 'active' or 'web', window in days),
      days counted once each however many rows they have;
    - extremes: (column, min or max, daily rollup column), over the lifetime;
    - picks: (column, daily rollup value, its order key, window in days or
      none), the value of the latest row;
    - day_columns: the daily rollup column that makes a day active (web);
    - entry_windows: per kind of entry ('row', 'active', 'web'), the windows
      it leaves; windows: all of them, sorted.
    "In the last N days" is (D - N, D] (macro in_last_days).
#}
{% macro activity_measure_list() -%}
    {%- set row_sums = [
        ('orders_lifetime', 'orders', none),
        ('orders_365d', 'orders', 365),
        ('orders_90d', 'orders', 90),
        ('orders_30d', 'orders', 30),
        ('coupon_orders_365d', 'coupon_orders', 365),
        ('revenue_lifetime_usd', 'revenue_usd', none),
        ('revenue_365d_usd', 'revenue_usd', 365),
        ('revenue_30d_usd', 'revenue_usd', 30),
        ('content_downloads_lifetime', 'content_downloads', none),
        ('demo_requests_lifetime', 'demo_requests', none),
        ('paid_subscription_events', 'paid_subscription_events', none),
        ('ios_activity_events_90d', 'ios_activity_events', 90),
        ('android_activity_events_90d', 'android_activity_events', 90),
        ('web_activity_events_90d', 'web_activity_events', 90),
        ('app_opens_30d', 'app_opens', 30),
    ] %}
    {%- set day_counts = [
        ('active_days_7d', 'active', 7),
        ('active_days_30d', 'active', 30),
        ('active_days_90d', 'active', 90),
        ('web_days_30d', 'web', 30),
    ] %}
    {%- set extremes = [
        ('first_seen_at', 'min', 'first_activity_at'),
        ('last_seen_at', 'max', 'last_activity_at'),
        ('first_order_at', 'min', 'first_order_at'),
        ('last_order_at', 'max', 'last_order_at'),
        ('last_add_to_cart_at', 'max', 'last_add_to_cart_at'),
        ('last_content_download_at', 'max', 'last_content_download_at'),
        ('last_demo_request_at', 'max', 'last_demo_request_at'),
    ] %}
    {%- set picks = [
        ('plan_from_subscription_events', 'plan_after_last_subscription_event', 'last_subscription_event_key', none),
        ('os_version', 'last_os_version', 'last_os_version_key', 90),
        ('app_version', 'last_app_version', 'last_app_version_key', 90),
        ('device_model', 'last_device_model', 'last_device_model_key', 90),
    ] %}
    {%- set day_columns = {'active': 'activity_events', 'web': 'web_activity_events'} %}
    {%- set entry_windows = {'row': row_sums | map(attribute=2) | reject('none') | unique | sort | list} %}
    {%- for kind in day_columns %}
        {%- do entry_windows.update({kind: day_counts | selectattr(1, 'equalto', kind) | map(attribute=2) | list}) %}
    {%- endfor %}
    {{ return({
        'row_sums': row_sums, 'day_counts': day_counts, 'extremes': extremes, 'picks': picks,
        'day_columns': day_columns, 'entry_windows': entry_windows,
        'windows': entry_windows.values() | sum(start=[]) | unique | sort | list,
    }) }}
{%- endmacro %}
