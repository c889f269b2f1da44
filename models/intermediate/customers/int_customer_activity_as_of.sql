{#
    Activity, commerce, plan-event and technographic metrics per user as of
    each as-of date D, over the daily rollup rows dated on or before D that
    are attributed to the user as of D (is_attributed_as_of: known by D's
    cut-off, inside their stitching window). "In the last N days" is
    (D - N, D]. One row per (as_of_date, user_id) with any attributed event
    on or before D.

    Running sums, not one aggregation per date. A daily row counts from the
    first date that can see it (counted_from_date: the later of its known
    date and the start of its stitching window) and leaves the "last N days"
    on event_date + N. A user's metrics change only on those dates, so they
    are running sums (and running minima, maxima and latest picks) over the
    dates where something enters or leaves, read at each as-of date with an
    ASOF join. The cost grows with the rows, not with rows times dates: a
    history of 226 dates costs about what one date does.

    An active day counts once, from the first of its rows that is active
    (identified and stitched anonymous activity on the same day are separate
    rows), and leaves with the day.

    Rows whose attribution ends (stitched_until_date: the anonymous id was
    later linked to someone else) also leave the lifetime figures, which a
    running minimum or latest pick cannot undo. They are rare (26 of 99k
    daily rows in the sample): the days that hold one are aggregated per
    as-of date, the direct way, and merged in (ending_*).
#}

{#- (column, daily rollup column, window in days or none for lifetime): summed per row -#}
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
] -%}
{#- (column, the day is, window in days): days counted once each -#}
{%- set day_counts = [
    ('active_days_7d', 'active', 7),
    ('active_days_30d', 'active', 30),
    ('active_days_90d', 'active', 90),
    ('web_days_30d', 'web', 30),
] -%}
{#- (column, aggregate, daily rollup column): lifetime minima and maxima -#}
{%- set extremes = [
    ('first_seen_at', 'min', 'first_activity_at'),
    ('last_seen_at', 'max', 'last_activity_at'),
    ('first_order_at', 'min', 'first_order_at'),
    ('last_order_at', 'max', 'last_order_at'),
    ('last_add_to_cart_at', 'max', 'last_add_to_cart_at'),
    ('last_content_download_at', 'max', 'last_content_download_at'),
    ('last_demo_request_at', 'max', 'last_demo_request_at'),
] -%}
{#- (column, daily rollup value, its order key, window in days or none): latest picks -#}
{%- set picks = [
    ('plan_from_subscription_events', 'plan_after_last_subscription_event', 'last_subscription_event_key', none),
    ('os_version', 'last_os_version', 'last_os_version_key', 90),
    ('app_version', 'last_app_version', 'last_app_version_key', 90),
    ('device_model', 'last_device_model', 'last_device_model_key', 90),
] -%}
{%- set sum_columns = (row_sums + day_counts) | map(attribute=0) | list -%}
{%- set active_windows = day_counts | selectattr(1, 'equalto', 'active') | map(attribute=2) | list -%}
{%- set web_windows = day_counts | selectattr(1, 'equalto', 'web') | map(attribute=2) | list -%}
{%- set day_columns = {'active': 'activity_events', 'web': 'web_activity_events'} -%}
{%- set row_windows = row_sums | map(attribute=2) | reject('none') | unique | sort | list -%}
{%- set windows = (row_windows + day_counts | map(attribute=2) | list) | unique | sort | list -%}
{%- set edge_rows = [] -%}
{%- for window in [0] + windows -%}
    {%- do edge_rows.append('(' ~ window ~ ')') -%}
{%- endfor %}

with

daily_activity as (

    select
        *,
        -- the first as-of date whose snapshot counts the row (event_date <= known_date)
        greatest(known_date, coalesce(stitched_from_date, known_date)) as counted_from_date
    from {{ ref('int_user_daily_activity') }}

),

as_of_dates as (

    select as_of_date from {{ ref('int_as_of_dates') }}

),

ending_days as (

    -- (user, day)s with a row whose attribution ends: aggregated per as-of date
    select distinct
        user_id,
        event_date
    from daily_activity
    where stitched_until_date is not null

),

lasting_rows as (

    select daily_activity.*
    from daily_activity
    left join ending_days
        on
            daily_activity.user_id = ending_days.user_id
            and daily_activity.event_date = ending_days.event_date
    where ending_days.user_id is null

),

lasting_day_entries as (

    -- a day is active (web) from the first of its rows that is
    select
        user_id,
        event_date,
        'active' as day_kind,
        min(counted_from_date) as counted_from_date
    from lasting_rows
    where activity_events > 0
    group by user_id, event_date

    union all

    select
        user_id,
        event_date,
        'web' as day_kind,
        min(counted_from_date) as counted_from_date
    from lasting_rows
    where web_activity_events > 0
    group by user_id, event_date

),

edges as (

    -- 0: a row (day) enters on its counted_from_date; N: it leaves the last N days on event_date + N
    select window_edges.window_days
    from (values {{ edge_rows | join(', ') }}) as window_edges (window_days)

),

row_changes as (

    select
        lasting_rows.user_id,
        {%- for column, source, window in row_sums %}
            {%- if window is none %}
                case when edges.window_days = 0 then lasting_rows.{{ source }} else 0 end as {{ column }},
            {%- else %}
                case
                    when
                        edges.window_days = 0
                        and lasting_rows.counted_from_date
                        < {{ smart_segments.days_before('lasting_rows.event_date', -window) }}
                        then lasting_rows.{{ source }}
                    when edges.window_days = {{ window }} then -lasting_rows.{{ source }}
                    else 0
                end as {{ column }},
            {%- endif %}
        {%- endfor %}
        {%- for column, kind, window in day_counts %}
            0 as {{ column }},
        {%- endfor %}
        case
            when edges.window_days = 0 then lasting_rows.counted_from_date
            else {{ smart_segments.days_before('lasting_rows.event_date', '-edges.window_days') }}
        end as change_date
    from lasting_rows
    inner join edges
        on edges.window_days in (0, {{ row_windows | join(', ') }})
    where
        edges.window_days = 0
        -- a row leaves a window only if it entered it
        or lasting_rows.counted_from_date
        < {{ smart_segments.days_before('lasting_rows.event_date', '-edges.window_days') }}

),

day_changes as (

    select
        lasting_day_entries.user_id,
        {%- for column, source, window in row_sums %}
            0 as {{ column }},
        {%- endfor %}
        {%- for column, kind, window in day_counts %}
            case
                when lasting_day_entries.day_kind != '{{ kind }}' then 0
                when
                    edges.window_days = 0
                    and lasting_day_entries.counted_from_date
                    < {{ smart_segments.days_before('lasting_day_entries.event_date', -window) }}
                    then 1
                when edges.window_days = {{ window }} then -1
                else 0
            end as {{ column }},
        {%- endfor %}
        case
            when edges.window_days = 0 then lasting_day_entries.counted_from_date
            else {{ smart_segments.days_before('lasting_day_entries.event_date', '-edges.window_days') }}
        end as change_date
    from lasting_day_entries
    inner join edges
        on
            (
                lasting_day_entries.day_kind = 'active'
                and edges.window_days in (0, {{ active_windows | join(', ') }})
            )
            or (
                lasting_day_entries.day_kind = 'web'
                and edges.window_days in (0, {{ web_windows | join(', ') }})
            )
    where
        edges.window_days = 0
        or lasting_day_entries.counted_from_date
        < {{ smart_segments.days_before('lasting_day_entries.event_date', '-edges.window_days') }}

),

read_dates as (

    -- every date a change can fall on, with the first as-of date that reads it (read_date);
    -- a change after the last as-of date is never read
    select
        change_dates.change_date,
        min(as_of_dates.as_of_date) as read_date
    from (
        select distinct counted_from_date as change_date from lasting_rows
        union
        select {{ smart_segments.days_before('event_dates.event_date', '-edges.window_days') }} as change_date
        from (select distinct event_date from lasting_rows) as event_dates
        cross join edges
        where edges.window_days > 0
    ) as change_dates
    inner join as_of_dates
        on change_dates.change_date <= as_of_dates.as_of_date
    group by change_dates.change_date

),

sums_by_read_date as (

    -- the changes summed per user and the first as-of date that reads them (read_date): only
    -- the as-of dates are ever read, so no running figure is kept between two of them
    select
        changes.user_id,
        {%- for column in sum_columns %}
            sum(changes.{{ column }}) as {{ column }},
        {%- endfor %}
        read_dates.read_date
    from (
        select * from row_changes
        union all
        select * from day_changes
    ) as changes
    inner join read_dates
        on changes.change_date = read_dates.change_date
    group by changes.user_id, read_dates.read_date

),

running_sums as (

    -- each user's sums as of read_date, until the next read date with a change
    select
        user_id,
        {%- for column in sum_columns %}
            sum({{ column }}) over by_user as {{ column }},
        {%- endfor %}
        read_date
    from sums_by_read_date
    window by_user as (partition by user_id order by read_date rows between unbounded preceding and current row)

),

entries_by_read_date as (

    -- what the rows first read on a date bring to the lifetime extremes and latest picks
    select
        lasting_rows.user_id,
        {%- for column, aggregate, source in extremes %}
            {{ aggregate }}(lasting_rows.{{ source }}) as {{ column }},
        {%- endfor %}
        {%- for column, value, key, window in picks %}
            {{ smart_segments.max_by('lasting_rows.' ~ value, 'lasting_rows.' ~ key) }} as {{ column }},
            max(lasting_rows.{{ key }}) as {{ column }}_key,
            {{ smart_segments.max_by('lasting_rows.event_date', 'lasting_rows.' ~ key) }} as {{ column }}_event_date,
        {%- endfor %}
        read_dates.read_date
    from lasting_rows
    inner join read_dates
        on lasting_rows.counted_from_date = read_dates.change_date
    group by lasting_rows.user_id, read_dates.read_date

),

running_latest as (

    -- each user's extremes and latest picks as of read_date, until the next read date with an
    -- entry; the latest row seen has the latest event date: once it is out of a window, so is
    -- every other
    select
        user_id,
        {%- for column, aggregate, source in extremes %}
            {{ aggregate }}({{ column }}) over by_user as {{ column }},
        {%- endfor %}
        {%- for column, value, key, window in picks %}
            {{ smart_segments.max_by(column, column ~ '_key') }} over by_user as {{ column }},
            max({{ column }}_key) over by_user as {{ column }}_key,
            {{ smart_segments.max_by(column ~ '_event_date', column ~ '_key') }} over by_user
                as {{ column }}_event_date,
        {%- endfor %}
        read_date
    from entries_by_read_date
    window by_user as (partition by user_id order by read_date rows between unbounded preceding and current row)

),

ending_rows as materialized (

    -- the ending days' rows, before they meet the dates (never every row times every date)
    select daily_activity.*
    from daily_activity
    inner join ending_days
        on
            daily_activity.user_id = ending_days.user_id
            and daily_activity.event_date = ending_days.event_date

),

ending_as_of as (

    -- the rare days with an ending attribution, per as-of date: the same figures, aggregated directly
    select
        as_of_dates.as_of_date,
        ending_rows.user_id,
        {%- for column, source, window in row_sums %}
            {%- if window is none %}
                sum(ending_rows.{{ source }}) as {{ column }},
            {%- else %}
                sum(
                    case
                        when {{ smart_segments.in_last_days(
                            'ending_rows.event_date', 'as_of_dates.as_of_date', window) }}
                            then ending_rows.{{ source }}
                        else 0
                    end
                ) as {{ column }},
            {%- endif %}
        {%- endfor %}
        {%- for column, kind, window in day_counts %}
            count(distinct ending_rows.event_date) filter (
                where
                ending_rows.{{ day_columns[kind] }} > 0
                and {{ smart_segments.in_last_days('ending_rows.event_date', 'as_of_dates.as_of_date', window) }}
            ) as {{ column }},
        {%- endfor %}
        {%- for column, aggregate, source in extremes %}
            {{ aggregate }}(ending_rows.{{ source }}) as {{ column }},
        {%- endfor %}
        {%- for column, value, key, window in picks %}
            {%- if window is none %}
                {%- set windowed_key = 'ending_rows.' ~ key %}
            {%- else %}
                {%- set windowed_key = 'case when ' ~ smart_segments.in_last_days(
                    'ending_rows.event_date', 'as_of_dates.as_of_date', window) ~ ' then ending_rows.' ~ key ~ ' end' %}
            {%- endif %}
            {{ smart_segments.max_by('ending_rows.' ~ value, windowed_key) }} as {{ column }},
            max({{ windowed_key }}) as {{ column }}_key,
        {%- endfor %}
        count(*) as ending_rows
    from ending_rows
    inner join as_of_dates
        on
            ending_rows.event_date <= as_of_dates.as_of_date
            and {{ smart_segments.is_attributed_as_of('ending_rows', 'as_of_dates.as_of_date') }}
    group by as_of_dates.as_of_date, ending_rows.user_id

),

lasting_users as (

    select
        user_id,
        min(counted_from_date) as counted_from_date
    from lasting_rows
    group by user_id

),

user_dates as (

    -- every as-of date from a user's first counted row on, and the (date, user) pairs only
    -- ending rows count for
    select
        as_of_dates.as_of_date,
        lasting_users.user_id
    from lasting_users
    inner join as_of_dates
        on lasting_users.counted_from_date <= as_of_dates.as_of_date

    union all

    select
        ending_as_of.as_of_date,
        ending_as_of.user_id
    from ending_as_of
    left join lasting_users
        on ending_as_of.user_id = lasting_users.user_id
    where
        lasting_users.user_id is null
        or ending_as_of.as_of_date < lasting_users.counted_from_date

),

lasting_as_of as (

    -- the figures of the latest change (entry) on or before each as-of date (none for the pairs
    -- only ending rows count for)
    select
        user_dates.as_of_date,
        user_dates.user_id,
        {%- for column in sum_columns %}
            running_sums.{{ column }},
        {%- endfor %}
        {%- for column, aggregate, source in extremes %}
            running_latest.{{ column }},
        {%- endfor %}
        {%- for column, value, key, window in picks %}
            running_latest.{{ column }},
            {%- if window is none %}
                running_latest.{{ column }}_key,
            {%- else %}
                case
                    when {{ smart_segments.in_last_days(
                        'running_latest.' ~ column ~ '_event_date', 'user_dates.as_of_date', window) }}
                        then running_latest.{{ column }}_key
                end as {{ column }}_key,
            {%- endif %}
        {%- endfor %}
        running_sums.read_date
    from user_dates
    asof left join running_sums
        on
            user_dates.user_id = running_sums.user_id
            and user_dates.as_of_date >= running_sums.read_date
    asof left join running_latest
        on
            user_dates.user_id = running_latest.user_id
            and user_dates.as_of_date >= running_latest.read_date

),

merged as (

    select
        {%- for column in sum_columns %}
            coalesce(lasting_as_of.{{ column }}, 0) + coalesce(ending_as_of.{{ column }}, 0) as {{ column }},
        {%- endfor %}
        {%- for column, aggregate, source in extremes %}
            {{ 'least' if aggregate == 'min' else 'greatest' }}(lasting_as_of.{{ column }}, ending_as_of.{{ column }})
                as {{ column }},
        {%- endfor %}
        {%- for column, value, key, window in picks %}
            case
                when
                    ending_as_of.{{ column }}_key > lasting_as_of.{{ column }}_key
                    or lasting_as_of.{{ column }}_key is null
                    then ending_as_of.{{ column }}
                else lasting_as_of.{{ column }}
            end as {{ column }},
        {%- endfor %}
        lasting_as_of.as_of_date,
        lasting_as_of.user_id
    from lasting_as_of
    -- ending_as_of is small: the side the join hashes
    left join ending_as_of
        on
            lasting_as_of.as_of_date = ending_as_of.as_of_date
            and lasting_as_of.user_id = ending_as_of.user_id

),

metrics as (

    select
        as_of_date,
        user_id,
        first_seen_at,
        last_seen_at,
        orders_lifetime,
        orders_365d,
        orders_90d,
        orders_30d,
        coupon_orders_365d,
        revenue_lifetime_usd,
        revenue_365d_usd,
        revenue_30d_usd,
        first_order_at,
        last_order_at,
        last_add_to_cart_at,
        last_content_download_at,
        last_demo_request_at,
        content_downloads_lifetime,
        demo_requests_lifetime,
        paid_subscription_events,
        plan_from_subscription_events,
        ios_activity_events_90d,
        android_activity_events_90d,
        web_activity_events_90d,
        os_version,
        app_version,
        device_model,
        active_days_7d,
        active_days_30d,
        active_days_90d,
        app_opens_30d + web_days_30d as sessions_30d,
        -- most activity events in 90 days; ties go to the alphabetically first platform
        case
            when greatest(android_activity_events_90d, ios_activity_events_90d, web_activity_events_90d) = 0
                then null
            when
                android_activity_events_90d >= ios_activity_events_90d
                and android_activity_events_90d >= web_activity_events_90d then 'android'
            when ios_activity_events_90d >= web_activity_events_90d then 'ios'
            else 'web'
        end as primary_platform,
        cast(revenue_365d_usd / nullif(orders_365d, 0) as decimal(18, 4)) as avg_order_value_usd,
        cast(coupon_orders_365d as double) / nullif(orders_365d, 0) as coupon_order_share_365d,
        {{ smart_segments.days_between('cast(last_seen_at as date)', 'as_of_date') }} as days_since_last_seen,
        {{ smart_segments.days_between('cast(last_order_at as date)', 'as_of_date') }} as days_since_last_order
    from merged

)

select * from metrics
