{#
    Activity, commerce, plan-event and technographic metrics per user as of
    each date D the feature store computes in this run (int_feature_dates), over the daily rollup rows dated on or before D that
    are attributed to the user as of D (is_attributed_as_of). "In the last
    N days" is (D - N, D]. One row per (as_of_date, user_id) with any
    attributed event on or before D.

    Running figures, not one aggregation per date (the model's description
    says why): a daily row counts from counted_from_date and leaves the last
    N days on event_date + N. A user's figures form states, each valid from
    the as-of date that first reads a change until the next one, spread over
    the dates they cover (macro each_day). The changes up to the run's
    first as-of date enter as one row per user (first_date_sums), not one
    per change. The few users with a row whose stitching ends are
    aggregated per as-of date instead (macro activity_ending_as_of).

    Written in batches of users, one statement each (user_write_batch_count):
    this select writes batch 0, the post-hook the others.
#}

{{
    config(
        pre_hook="{{ smart_segments.user_write_batches_pre_hook() }}",
        post_hook="{{ smart_segments.user_write_batches_post_hook(
            ref('int_user_daily_activity'), 'segments__activity_rows_per_write') }}",
    )
}}

{%- set batch_count = smart_segments.user_write_batch_count(
    ref('int_user_daily_activity'), 'segments__activity_rows_per_write') %}

{#- the metrics, what they sum or pick and over which window: macro activity_measure_list -#}
{%- set measures = smart_segments.activity_measure_list() -%}
{%- set row_sums, day_counts = measures.row_sums, measures.day_counts -%}
{%- set extremes, picks = measures.extremes, measures.picks -%}
{%- set day_columns, entry_windows = measures.day_columns, measures.entry_windows -%}
{%- set sum_columns = (row_sums + day_counts) | map(attribute=0) | list -%}
{%- set row_sources = row_sums | map(attribute=1) | unique | list %}
{%- set output_columns = sum_columns + extremes | map(attribute=0) | list + picks | map(attribute=0) | list
    + ['as_of_date', 'user_id'] %}

with

daily_activity as (

    select
        *,
        -- the first as-of date whose snapshot counts the row (event_date <= known_date)
        {{ smart_segments.counted_from_date('known_date', 'stitched_from_date') }} as counted_from_date
    from {{ ref('int_user_daily_activity') }}
    where {{ smart_segments.in_user_write_batch('user_id', batch_count) }}

),

as_of_dates as (

    select as_of_date from {{ ref('int_feature_dates') }}

),

ending_users as (

    -- users with a row whose attribution ends: aggregated per as-of date (ending_as_of)
    select distinct user_id
    from daily_activity
    where stitched_until_date is not null

),

lasting_rows as (

    select daily_activity.*
    from daily_activity
    left join ending_users
        on daily_activity.user_id = ending_users.user_id
    where ending_users.user_id is null

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

first_date as (

    select min(as_of_date) as as_of_date from as_of_dates

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
    cross join first_date
    where
        -- the changes up to the first as-of date are summed in first_date_sums
        case
            when edges.window_days = 0 then entries.counted_from_date > first_date.as_of_date
            -- an entry leaves a window only if it entered it
            else
                entries.counted_from_date < {{ smart_segments.days_before('entries.event_date', '-edges.window_days') }}
                and {{ smart_segments.days_before('entries.event_date', '-edges.window_days') }} > first_date.as_of_date
        end

),

first_date_sums as (

    -- the changes up to the first as-of date, summed per user: its figures, from which the
    -- running sums go on (the changes of a stored past, collapsed: one row per user)
    select
        entries.user_id,
        {%- for column, source, window in row_sums %}
            {%- set in_window = '' if window is none else ' and ' ~ smart_segments.in_last_days(
                'entries.event_date', 'first_date.as_of_date', window) %}
            sum(case when entries.entry_kind = 'row'{{ in_window }} then entries.{{ source }} else 0 end)
                as {{ column }},
        {%- endfor %}
        {%- for column, kind, window in day_counts %}
            count(*) filter (
                where entries.entry_kind = '{{ kind }}'
                and {{ smart_segments.in_last_days('entries.event_date', 'first_date.as_of_date', window) }}
            ) as {{ column }},
        {%- endfor %}
        first_date.as_of_date as change_date
    from entries
    inner join first_date
        on entries.counted_from_date <= first_date.as_of_date
    group by entries.user_id, first_date.as_of_date

),

running_changes as (

    select * from first_date_sums
    union all
    select * from changes

),

change_dates as (

    -- every date a change can fall on
    select as_of_date as change_date from first_date
    union
    select distinct counted_from_date as change_date from lasting_rows
    union
    select {{ smart_segments.days_before('event_dates.event_date', '-edges.window_days') }} as change_date
    from (select distinct event_date from lasting_rows) as event_dates
    cross join edges
    where edges.window_days > 0

),

read_dates as (

    -- with the first as-of date that reads it (read_date); a change after the last is never read
    {{ smart_segments.first_reading_dates('change_dates', 'as_of_dates') }}

),

running_sums as (

    -- each user's sums as of each as-of date that first reads a change (read_date), until the next
    select
        running_changes.user_id,
        {%- for column in sum_columns %}
            sum(sum(running_changes.{{ column }})) over by_user as {{ column }},
        {%- endfor %}
        lead(read_dates.read_date) over (
            partition by running_changes.user_id order by read_dates.read_date
        ) as next_read_date,
        read_dates.read_date
    from running_changes
    inner join read_dates
        on running_changes.change_date = read_dates.change_date
    group by running_changes.user_id, read_dates.read_date
    window by_user as (
        partition by running_changes.user_id order by read_dates.read_date
        rows between unbounded preceding and current row
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

ending_as_of as (

    -- the users with a row whose stitching ends, aggregated per as-of date (macro activity_ending_as_of)
    {{ smart_segments.activity_ending_as_of() }}

),

states as (

    -- the figures of each read date: the sums changed then, the latest values entered by then
    select
        {%- for column in sum_columns %}
            running_sums.{{ column }},
        {%- endfor %}
        {%- for column, aggregate, source in extremes %}
            running_latest.{{ column }},
        {%- endfor %}
        {%- for column, value, key, window in picks %}
            running_latest.{{ column }},
            running_latest.{{ column }}_key,
            running_latest.{{ column }}_event_date,
        {%- endfor %}
        running_sums.user_id,
        running_sums.read_date,
        running_sums.next_read_date
    from running_sums
    {{ smart_segments.asof_left_join('running_sums', 'running_latest', 'user_id', 'read_date') }}

),

lasting_as_of as (

    -- each as-of date from a user's first counted row on reads the figures valid then
    select
        {%- for column in sum_columns %}
            state_days.{{ column }},
        {%- endfor %}
        {%- for column, aggregate, source in extremes %}
            state_days.{{ column }},
        {%- endfor %}
        {%- for column, value, key, window in picks %}
            {#- the latest row's value while that row is in the window; none after #}
            {%- set in_window = 'true' if window is none else smart_segments.in_last_days(
                'state_days.' ~ column ~ '_event_date', 'as_of_dates.as_of_date', window) %}
            case when {{ in_window }} then state_days.{{ column }} end as {{ column }},
        {%- endfor %}
        as_of_dates.as_of_date,
        state_days.user_id
    from (
        -- each state on every day from its read date until the next one (or the last as-of date)
        select
            states.*,
            {{ smart_segments.each_day_until_next('read_date', 'next_read_date', 'as_of_dates') }} as state_date
        from states
    ) as state_days
    inner join as_of_dates
        on state_days.state_date = as_of_dates.as_of_date

),

merged as (

    select {{ output_columns | join(', ') }} from lasting_as_of
    union all
    select {{ output_columns | join(', ') }} from ending_as_of

),

metrics as (

    select
        as_of_date,
        user_id,
        {{ smart_segments.star_except(['as_of_date', 'user_id', 'app_opens_30d', 'web_days_30d']) }},
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
        -- divided as doubles and rounded by the double's value on every engine
        {{ smart_segments.double_to_decimal('cast(revenue_365d_usd as double) / nullif(orders_365d, 0)', 18, 4) }}
            as avg_order_value_usd,
        cast(coupon_orders_365d as double) / nullif(orders_365d, 0) as coupon_order_share_365d,
        {{ smart_segments.days_between('cast(last_seen_at as date)', 'as_of_date') }} as days_since_last_seen,
        {{ smart_segments.days_between('cast(last_order_at as date)', 'as_of_date') }} as days_since_last_order
    from merged

)

select * from metrics
