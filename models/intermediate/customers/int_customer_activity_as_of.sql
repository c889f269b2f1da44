{#
    Activity, commerce, plan-event and technographic metrics per user as of
    each date D the feature store computes in this run (int_feature_dates), over the daily rollup rows dated on or before D that
    are attributed to the user as of D (is_attributed_as_of). "In the last
    N days" is (D - N, D]. One row per (as_of_date, user_id) with any
    attributed event on or before D.

    Running figures, not one aggregation per date (the model's description
    says why): a daily row counts from counted_from_date and leaves the last
    N days on event_date + N. The days holding a row whose stitching ends
    are aggregated per as-of date and merged in (ending_*).
#}

{#- the metrics, what they sum or pick and over which window: macro activity_measure_list -#}
{%- set measures = smart_segments.activity_measure_list() -%}
{%- set row_sums, day_counts = measures.row_sums, measures.day_counts -%}
{%- set extremes, picks = measures.extremes, measures.picks -%}
{%- set day_columns, entry_windows = measures.day_columns, measures.entry_windows -%}
{%- set sum_columns = (row_sums + day_counts) | map(attribute=0) | list -%}
{%- set row_sources = row_sums | map(attribute=1) | unique | list %}

with

daily_activity as (

    select
        *,
        -- the first as-of date whose snapshot counts the row (event_date <= known_date)
        greatest(known_date, coalesce(stitched_from_date, known_date)) as counted_from_date
    from {{ ref('int_user_daily_activity') }}

),

as_of_dates as (

    select as_of_date from {{ ref('int_feature_dates') }}

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

entries as (

    -- what enters on counted_from_date: each row, and each active (web) day from its first such row
    select
        user_id,
        event_date,
        'row' as entry_kind,
        {%- for source in row_sources %}
            {{ source }},
        {%- endfor %}
        counted_from_date
    from lasting_rows
    {%- for kind, column in day_columns.items() %}

        union all

        select
            user_id,
            event_date,
            '{{ kind }}' as entry_kind,
            {%- for source in row_sources %}
                null as {{ source }},
            {%- endfor %}
            min(counted_from_date) as counted_from_date
        from lasting_rows
        where {{ column }} > 0
        group by user_id, event_date
    {%- endfor %}

),

edges as (

    -- 0: an entry enters on its counted_from_date; N: it leaves the last N days on event_date + N
    select window_edges.window_days
    from (values (0), ({{ measures.windows | join('), (') }})) as window_edges (window_days)

),

changes as (

    select
        entries.user_id,
        {%- for column, source, window in row_sums %}
            case
                when entries.entry_kind != 'row' then 0
                when
                    edges.window_days = 0
                    {%- if window is not none %}
                        and entries.counted_from_date < {{ smart_segments.days_before('entries.event_date', -window) }}
                    {%- endif %}
                    then entries.{{ source }}
                when edges.window_days = {{ window or -1 }} then -entries.{{ source }}
                else 0
            end as {{ column }},
        {%- endfor %}
        {%- for column, kind, window in day_counts %}
            case
                when entries.entry_kind != '{{ kind }}' then 0
                when
                    edges.window_days = 0
                    and entries.counted_from_date < {{ smart_segments.days_before('entries.event_date', -window) }}
                    then 1
                when edges.window_days = {{ window }} then -1
                else 0
            end as {{ column }},
        {%- endfor %}
        case
            when edges.window_days = 0 then entries.counted_from_date
            else {{ smart_segments.days_before('entries.event_date', '-edges.window_days') }}
        end as change_date
    from entries
    inner join edges
        on
            edges.window_days = 0
            {%- for kind, kind_windows in entry_windows.items() %}
                or (entries.entry_kind = '{{ kind }}' and edges.window_days in ({{ kind_windows | join(', ') }}))
            {%- endfor %}
    where
        edges.window_days = 0
        -- an entry leaves a window only if it entered it
        or entries.counted_from_date < {{ smart_segments.days_before('entries.event_date', '-edges.window_days') }}

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

running_sums as (

    -- each user's sums as of each as-of date that first reads a change (read_date), until the next
    select
        changes.user_id,
        {%- for column in sum_columns %}
            sum(sum(changes.{{ column }})) over by_user as {{ column }},
        {%- endfor %}
        read_dates.read_date
    from changes
    inner join read_dates
        on changes.change_date = read_dates.change_date
    group by changes.user_id, read_dates.read_date
    window by_user as (
        partition by changes.user_id order by read_dates.read_date rows between unbounded preceding and current row
    )

),

running_latest as (

    -- each user's extremes and latest picks as of each read date with an entry, until the next;
    -- the latest row seen has the latest event date: once out of a window, so is every other
    select
        lasting_rows.user_id,
        {%- for column, aggregate, source in extremes %}
            {{ aggregate }}({{ aggregate }}(lasting_rows.{{ source }})) over by_user as {{ column }},
        {%- endfor %}
        {%- for column, value, key, window in picks %}
            {%- set row_key, key_max = 'lasting_rows.' ~ key, 'max(lasting_rows.' ~ key ~ ')' %}
            {{ smart_segments.max_by(smart_segments.max_by('lasting_rows.' ~ value, row_key), key_max) }}
                over by_user as {{ column }},
            max({{ key_max }}) over by_user as {{ column }}_key,
            {{ smart_segments.max_by(smart_segments.max_by('lasting_rows.event_date', row_key), key_max) }}
                over by_user as {{ column }}_event_date,
        {%- endfor %}
        read_dates.read_date
    from lasting_rows
    inner join read_dates
        on lasting_rows.counted_from_date = read_dates.change_date
    group by lasting_rows.user_id, read_dates.read_date
    window by_user as (
        partition by lasting_rows.user_id order by read_dates.read_date rows between unbounded preceding and current row
    )

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

    -- the figures of the latest change on or before each as-of date (none: only ending rows)
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
            {%- set in_window = 'true' if window is none else smart_segments.in_last_days(
                'running_latest.' ~ column ~ '_event_date', 'user_dates.as_of_date', window) %}
            running_latest.{{ column }},
            case when {{ in_window }} then running_latest.{{ column }}_key end as {{ column }}_key,
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
        * exclude (as_of_date, user_id, app_opens_30d, web_days_30d),
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
