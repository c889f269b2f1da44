-- The floor: one hand-written DuckDB query, written for speed, over the
-- same raw Parquet the dbt build reads. It deduplicates events (first
-- received copy of each event_id; copies received at the same instant
-- would both count), stitches anonymous events to the first
-- user seen with their anonymous_id, converts order revenue to USD, and
-- computes dim_customers' per-user behavioural metrics as of the latest
-- event date. The yardstick for `dbt build`, which does all of this and
-- much more (quarantine, point-in-time stitching, several as-of dates,
-- segments, scores, history). Parameters: {raw} (the raw data directory),
-- {fx} (the FX seed).
-- room to run fast, but not the whole machine (at 100M events DuckDB's
-- default, 80% of RAM, left the box swapping-free but stalled)
set memory_limit = '12GB';
set preserve_insertion_order = false;
create or replace temp table floor_customers as
with
fx as (
    select * from read_csv('{fx}')
),
raw as (
    select
        event_id,
        nullif(user_id, '') as user_id,
        nullif(anonymous_id, '') as anonymous_id,
        replace(replace(lower(trim(event_name)), ' ', '_'), '-', '_') as event_name,
        lower(platform) as platform,
        coalesce(event_ts, received_at) as event_at,
        received_at,
        properties
    from read_parquet('{raw}/events/**/*.parquet')
    where event_id is not null
),
-- the first-received copy of each event_id: only ids received more than
-- once need a look (about 1%), so this is an aggregate over ids, not a
-- sort of every row
repeated_ids as (
    select event_id, min(received_at) as first_received_at
    from read_parquet('{raw}/events/**/*.parquet')
    where event_id is not null
    group by event_id
    having count(*) > 1
),
deduplicated as (
    select raw.*
    from raw
    left join repeated_ids on raw.event_id = repeated_ids.event_id
    where repeated_ids.event_id is null or raw.received_at = repeated_ids.first_received_at
),
links as (
    select anonymous_id, arg_min(user_id, event_at) as linked_user_id
    from deduplicated
    where anonymous_id is not null and user_id is not null
    group by anonymous_id
),
events as (
    select
        coalesce(deduplicated.user_id, links.linked_user_id) as user_id,
        deduplicated.event_name,
        deduplicated.platform,
        deduplicated.event_at,
        cast(deduplicated.event_at as date) as event_date,
        case when deduplicated.event_name in ('order_completed', 'message_delivered', 'message_opened',
            'message_clicked', 'page_view', 'screen_view') and json_valid(deduplicated.properties)
            then deduplicated.properties end as properties
    from deduplicated
    left join links on deduplicated.anonymous_id = links.anonymous_id
    where deduplicated.user_id is not null or links.linked_user_id is not null
),
as_of as (
    select max(event_date) as d from events
),
typed as (
    select
        events.user_id,
        events.event_name,
        events.platform,
        events.event_at,
        events.event_date,
        as_of.d - events.event_date as age_days,
        case when events.event_name = 'order_completed' then
            try_cast(json_extract_string(events.properties, '$.revenue') as double)
            * fx.usd_per_unit end as revenue_usd,
        case when events.event_name = 'order_completed' then
            json_extract_string(events.properties, '$.coupon_code') is not null end as has_coupon,
        case when events.event_name in ('page_view', 'screen_view') then
            json_extract_string(events.properties, '$.content_category') end as content_category
    from events
    cross join as_of
    left join fx
        on events.event_name = 'order_completed'
        and upper(json_extract_string(events.properties, '$.currency')) = fx.currency_code
),
metrics as (
    select
        user_id,
        min(event_at) as first_seen_at,
        max(event_at) as last_seen_at,
        min(age_days) as days_since_last_seen,
        count(*) filter (where event_name = 'app_open' and age_days < 30) as sessions_30d,
        count(*) filter (where event_name = 'order_completed') as orders_lifetime,
        count(*) filter (where event_name = 'order_completed' and age_days < 365) as orders_365d,
        count(*) filter (where event_name = 'order_completed' and age_days < 90) as orders_90d,
        count(*) filter (where event_name = 'order_completed' and age_days < 30) as orders_30d,
        coalesce(sum(revenue_usd), 0) as revenue_lifetime_usd,
        coalesce(sum(revenue_usd) filter (where age_days < 365), 0) as revenue_365d_usd,
        coalesce(sum(revenue_usd) filter (where age_days < 30), 0) as revenue_30d_usd,
        avg(revenue_usd) as avg_order_value_usd,
        min(age_days) filter (where event_name = 'order_completed') as days_since_last_order,
        avg(case when has_coupon then 1.0 else 0.0 end) filter (where event_name = 'order_completed'
            and age_days < 365) as coupon_order_share_365d,
        count(*) filter (where event_name = 'content_download') as content_downloads_lifetime,
        count(*) filter (where event_name = 'demo_requested') as demo_requests_lifetime,
        count(*) filter (where content_category = 'fitness' and age_days < 90) as fitness_content_views_90d,
        count(*) filter (where event_name = 'message_delivered' and age_days < 30) as messages_delivered_30d,
        count(*) filter (where event_name = 'message_opened' and age_days < 30) as messages_opened_30d,
        count(*) filter (where event_name = 'message_clicked' and age_days < 30) as messages_clicked_30d,
        min(event_at) filter (where event_name = 'order_completed') as first_order_at,
        max(event_at) filter (where event_name = 'order_completed') as last_order_at,
        max(event_at) filter (where event_name = 'add_to_cart') as last_add_to_cart_at,
        mode(platform) filter (where age_days < 90) as primary_platform
    from typed
    group by user_id
),
active_days as (
    select
        user_id,
        count(*) filter (where age_days < 7) as active_days_7d,
        count(*) filter (where age_days < 30) as active_days_30d,
        count(*) filter (where age_days < 90) as active_days_90d
    from (select distinct user_id, age_days from typed where age_days < 90)
    group by user_id
)
select
    metrics.*,
    coalesce(active_days.active_days_7d, 0) as active_days_7d,
    coalesce(active_days.active_days_30d, 0) as active_days_30d,
    coalesce(active_days.active_days_90d, 0) as active_days_90d
from metrics
left join active_days on metrics.user_id = active_days.user_id;
