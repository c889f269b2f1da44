{#
    The few per-user inputs that segment rules need beyond the unified
    profile, per recorded date D (int_as_of_dates.is_recorded: the dates
    with segments; the other dates hold features only) and known user:
    - reactivation windows: active days in the last
      segments__reactivated_recent_days and in the
      segments__reactivated_lapse_days before those;
    - the app version of the user against the newest one seen on the
      user's primary platform in the last 90 days;
    - whether the user received the most recently launched important
      campaign (launched on or before D; ties: the greatest campaign_id);
    - the user's rank among customers by revenue_365d_usd and by
      avg_order_value_usd (descending, ties: the greater user_id first, which
      is NTILE's order read from the top), with the counts the ranks are
      out of, so rules can take a top share.
#}

{%- set recent_days = var('segments__reactivated_recent_days') -%}
{%- set lapse_days = var('segments__reactivated_lapse_days') %}

with

customers as (

    select int_customers_as_of.*
    from {{ ref('int_customers_as_of') }} as int_customers_as_of
    inner join {{ ref('int_as_of_dates') }} as recorded_dates
        on
            int_customers_as_of.as_of_date = recorded_dates.as_of_date
            and recorded_dates.is_recorded

),

daily_activity as (

    select * from {{ ref('int_user_daily_activity') }}

),

platform_app_versions as (

    select * from {{ ref('int_platform_app_versions_daily') }}

),

campaigns as (

    select * from {{ ref('stg_raw__campaigns') }}

),

messages as (

    select * from {{ ref('int_user_campaign_messages') }}

),

as_of_dates as (

    select * from {{ ref('int_as_of_dates') }}
    where is_recorded

),

reactivation_windows as (

    select
        as_of_dates.as_of_date,
        daily_activity.user_id,
        count(distinct case
            when {{ smart_segments.in_last_days('daily_activity.event_date', 'as_of_dates.as_of_date', recent_days) }}
                then daily_activity.event_date
        end) as recent_window_active_days,
        count(distinct case
            when
                {{ smart_segments.in_last_days(
                    'daily_activity.event_date',
                    smart_segments.days_before('as_of_dates.as_of_date', recent_days),
                    lapse_days) }}
                then daily_activity.event_date
        end) as lapse_window_active_days
    from daily_activity
    inner join as_of_dates
        on
            daily_activity.event_date <= as_of_dates.as_of_date
            and {{ smart_segments.in_last_days(
                'daily_activity.event_date', 'as_of_dates.as_of_date', recent_days + lapse_days) }}
            and {{ smart_segments.is_attributed_as_of('daily_activity', 'as_of_dates.as_of_date') }}
    where daily_activity.activity_events > 0
    group by 1, 2

),

newest_platform_versions as (

    select
        as_of_dates.as_of_date,
        platform_app_versions.platform,
        max(platform_app_versions.major_version) as newest_major_version
    from platform_app_versions
    inner join as_of_dates
        on
            {{ smart_segments.in_last_days('platform_app_versions.event_date', 'as_of_dates.as_of_date', 90) }}
            and platform_app_versions.known_date <= as_of_dates.as_of_date
    where platform_app_versions.minor_version is not null
    group by 1, 2

),

newest_platform_minor_versions as (

    select
        newest_platform_versions.as_of_date,
        newest_platform_versions.platform,
        newest_platform_versions.newest_major_version,
        max(platform_app_versions.minor_version) as newest_minor_version
    from newest_platform_versions
    inner join platform_app_versions
        on
            newest_platform_versions.platform = platform_app_versions.platform
            and newest_platform_versions.newest_major_version = platform_app_versions.major_version
            and {{ smart_segments.in_last_days(
                'platform_app_versions.event_date', 'newest_platform_versions.as_of_date', 90) }}
            and newest_platform_versions.as_of_date >= platform_app_versions.known_date
    group by 1, 2, 3

),

latest_important_campaigns as (

    select
        as_of_dates.as_of_date,
        {{ smart_segments.max_by(
            'campaigns.campaign_id',
            smart_segments.event_order_key('campaigns.launched_at', 'campaigns.campaign_id')) }}
            as campaign_id
    from campaigns
    inner join as_of_dates
        on cast(campaigns.launched_at as date) <= as_of_dates.as_of_date
    where campaigns.is_important
    group by 1

),

latest_important_campaign_deliveries as (

    select distinct
        latest_important_campaigns.as_of_date,
        messages.user_id
    from latest_important_campaigns
    inner join messages
        on
            latest_important_campaigns.campaign_id = messages.campaign_id
            and latest_important_campaigns.as_of_date >= messages.first_delivered_date
            and {{ smart_segments.is_attributed_as_of('messages', 'latest_important_campaigns.as_of_date') }}

),

customer_flags as (

    select
        as_of_date,
        user_id,
        revenue_365d_usd,
        avg_order_value_usd,
        orders_lifetime > 0 as is_customer,
        orders_lifetime > 0 and avg_order_value_usd is not null as has_avg_order_value,
        {{ smart_segments.try_cast_integer(dbt.split_part('app_version', "'.'", 1)) }} as app_major_version,
        {{ smart_segments.try_cast_integer(dbt.split_part('app_version', "'.'", 2)) }} as app_minor_version
    from customers

),

customer_ranks as (

    select
        as_of_date,
        user_id,
        app_major_version,
        app_minor_version,
        case
            when is_customer
                then row_number() over (
                    partition by as_of_date, is_customer order by revenue_365d_usd desc, user_id desc
                )
        end as revenue_365d_customer_rank,
        case
            when has_avg_order_value
                then row_number() over (
                    partition by as_of_date, has_avg_order_value order by avg_order_value_usd desc, user_id desc
                )
        end as avg_order_value_customer_rank,
        count(case when is_customer then 1 end) over (partition by as_of_date) as customer_count,
        count(case when has_avg_order_value then 1 end) over (
            partition by as_of_date
        ) as customers_with_avg_order_value_count
    from customer_flags

),

signals as (

    select
        customers.as_of_date,
        customers.user_id,
        latest_important_campaigns.campaign_id as latest_important_campaign_id,
        cast(newest_platform_minor_versions.newest_major_version as {{ dbt.type_string() }})
        || '.'
        || cast(newest_platform_minor_versions.newest_minor_version as {{ dbt.type_string() }})
            as newest_platform_app_version,
        cast(coalesce(reactivation_windows.recent_window_active_days, 0) as bigint) as recent_window_active_days,
        cast(coalesce(reactivation_windows.lapse_window_active_days, 0) as bigint) as lapse_window_active_days,
        cast(customer_ranks.revenue_365d_customer_rank as bigint) as revenue_365d_customer_rank,
        cast(customer_ranks.customer_count as bigint) as customer_count,
        cast(customer_ranks.avg_order_value_customer_rank as bigint) as avg_order_value_customer_rank,
        cast(customer_ranks.customers_with_avg_order_value_count as bigint) as customers_with_avg_order_value_count,
        cast(case
            when customer_ranks.app_major_version = newest_platform_minor_versions.newest_major_version
                then newest_platform_minor_versions.newest_minor_version - customer_ranks.app_minor_version
        end as integer) as app_minor_versions_behind,
        coalesce(
            customer_ranks.app_major_version < newest_platform_minor_versions.newest_major_version, false
        ) as is_app_major_version_behind,
        latest_important_campaign_deliveries.user_id is not null as has_received_latest_important_campaign
    from customers
    left join reactivation_windows
        on
            customers.as_of_date = reactivation_windows.as_of_date
            and customers.user_id = reactivation_windows.user_id
    left join newest_platform_minor_versions
        on
            customers.as_of_date = newest_platform_minor_versions.as_of_date
            and customers.primary_platform = newest_platform_minor_versions.platform
    left join latest_important_campaigns
        on customers.as_of_date = latest_important_campaigns.as_of_date
    left join latest_important_campaign_deliveries
        on
            customers.as_of_date = latest_important_campaign_deliveries.as_of_date
            and customers.user_id = latest_important_campaign_deliveries.user_id
    left join customer_ranks
        on
            customers.as_of_date = customer_ranks.as_of_date
            and customers.user_id = customer_ranks.user_id

)

select * from signals
