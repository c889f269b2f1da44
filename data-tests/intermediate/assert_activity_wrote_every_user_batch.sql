{#
    int_customer_activity_as_of wrote every batch of users (the model the
    first, its post-hook the others; macro user_write_batch_count): it
    holds exactly the users of int_user_daily_activity with a row counted
    at one of this run's as-of dates (int_feature_dates) at least. A row
    counts from counted_from_date (the later of its known date and the
    start of its stitching) until its stitching ends, if it does. Returns
    each user on one side only, and which.
#}

with

daily_activity as (

    select
        user_id,
        {{ smart_segments.counted_from_date('known_date', 'stitched_from_date') }} as counted_from_date,
        stitched_until_date
    from {{ ref('int_user_daily_activity') }}

),

feature_dates as (

    select * from {{ ref('int_feature_dates') }}

),

written as (

    select distinct user_id from {{ ref('int_customer_activity_as_of') }}

),

lasting_users as (

    -- a row whose stitching never ends counts from its date on: the latest as-of date sees it
    select distinct daily_activity.user_id
    from daily_activity
    where
        daily_activity.stitched_until_date is null
        and daily_activity.counted_from_date <= (select max(feature_dates.as_of_date) from feature_dates)

),

ending_rows as (

    select * from daily_activity
    where stitched_until_date is not null

),

ending_users as (

    -- a row whose stitching ends counts at the as-of dates before the end
    select distinct ending_rows.user_id
    from ending_rows
    inner join feature_dates
        on
            ending_rows.counted_from_date <= feature_dates.as_of_date
            and ending_rows.stitched_until_date > feature_dates.as_of_date

),

expected as (

    select user_id from lasting_users
    union
    select user_id from ending_users

)

select
    coalesce(expected.user_id, written.user_id) as user_id,
    case when written.user_id is null then 'not written' else 'not expected' end as problem
from expected
full outer join written
    on expected.user_id = written.user_id
where expected.user_id is null or written.user_id is null
