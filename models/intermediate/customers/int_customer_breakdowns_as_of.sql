{#
    Per user and date D the feature store computes in this run
    (int_feature_dates), from the last 90 days (D - 90, D]: the most
    frequent event country (activity events) and the most viewed content
    category (page/screen views), ties going to the alphabetically first
    value; and the views of fitness content. One row per (as_of_date,
    user_id) with any such event.

    Running figures, as int_customer_activity_as_of: a daily row counts on
    the dates from the later of its event date, its known date and the
    start of its stitching, until it leaves the 90 days (event date + 90)
    or its stitching ends. Each (user, dimension, value)'s events change
    only on those dates; the top value is ranked at the dates where one of
    the user's values changes, and each as-of date reads the latest
    ranking on or before it (each ranking spread over the dates until the
    next: macro each_day). A row meets the dates it changes, not every
    date of its 90 days.
#}

with

daily_breakdowns as (

    select * from {{ ref('int_user_daily_breakdowns') }}

),

as_of_dates as (

    select as_of_date from {{ ref('int_feature_dates') }}

),

counted_rows as (

    -- the dates a row counts on: [counted_from_date, counted_until_date)
    select
        user_id,
        dimension,
        dimension_value,
        events,
        greatest(event_date, known_date, coalesce(stitched_from_date, event_date)) as counted_from_date,
        least(
            {{ smart_segments.days_before('event_date', -90) }},
            coalesce(stitched_until_date, {{ smart_segments.days_before('event_date', -90) }})
        ) as counted_until_date
    from daily_breakdowns

),

changes as (

    -- a row enters with its events and leaves with them; rows counted, so a value with no
    -- events still ranks while a row holds it
    select
        user_id,
        dimension,
        dimension_value,
        counted_from_date as change_date,
        events,
        1 as counted_rows
    from counted_rows
    where counted_from_date < counted_until_date

    union all

    select
        user_id,
        dimension,
        dimension_value,
        counted_until_date as change_date,
        -events as events,
        -1 as counted_rows
    from counted_rows
    where counted_from_date < counted_until_date

),

read_dates as (

    -- each change date's first as-of date (read_date); a change after the last is never read
    {{ smart_segments.first_reading_dates('(select distinct change_date from changes)', 'as_of_dates') }}

),

value_states as (

    -- each (user, dimension, value)'s events as of each date that reads a change of it,
    -- valid until the next such date
    select
        changes.user_id,
        changes.dimension,
        changes.dimension_value,
        read_dates.read_date,
        sum(sum(changes.events)) over by_value as events,
        sum(sum(changes.counted_rows)) over by_value as counted_rows,
        lead(read_dates.read_date) over by_value as next_read_date
    from changes
    inner join read_dates
        on changes.change_date = read_dates.change_date
    group by changes.user_id, changes.dimension, changes.dimension_value, read_dates.read_date
    window by_value as (
        partition by changes.user_id, changes.dimension, changes.dimension_value
        order by read_dates.read_date
    )

),

user_read_dates as (

    -- the dates one of a user's values changes: the only dates the user's ranking can change
    select distinct
        user_id,
        read_date
    from value_states

),

ranked as (

    -- every value a user holds at each of those dates, ranked per dimension
    select
        user_read_dates.user_id,
        user_read_dates.read_date,
        value_states.dimension,
        value_states.dimension_value,
        value_states.events,
        row_number() over (
            partition by user_read_dates.user_id, user_read_dates.read_date, value_states.dimension
            order by value_states.events desc, value_states.dimension_value asc
        ) as value_rank
    from user_read_dates
    inner join value_states
        on
            user_read_dates.user_id = value_states.user_id
            and user_read_dates.read_date >= value_states.read_date
            and (value_states.next_read_date is null or user_read_dates.read_date < value_states.next_read_date)
    where value_states.counted_rows > 0

),

user_states as (

    -- one row per user and date their ranking can change, holding nothing when every row left
    select
        user_read_dates.user_id,
        user_read_dates.read_date,
        max(case when ranked.dimension = 'country' and ranked.value_rank = 1 then ranked.dimension_value end)
            as top_event_country_90d,
        max(
            case when ranked.dimension = 'content_category' and ranked.value_rank = 1 then ranked.dimension_value end
        ) as top_content_category_90d,
        coalesce(
            sum(
                case
                    when ranked.dimension = 'content_category' and ranked.dimension_value = 'fitness'
                        then ranked.events
                end
            ),
            0
        ) as fitness_content_views_90d,
        count(ranked.dimension) > 0 as holds_any_value,
        lead(user_read_dates.read_date) over (
            partition by user_read_dates.user_id order by user_read_dates.read_date
        ) as next_read_date
    from user_read_dates
    left join ranked
        on
            user_read_dates.user_id = ranked.user_id
            and user_read_dates.read_date = ranked.read_date
    group by user_read_dates.user_id, user_read_dates.read_date

),

per_user as (

    -- each ranking on every as-of date until the user's next one (macro each_day): none while
    -- the user holds nothing
    select
        as_of_dates.as_of_date,
        state_days.user_id,
        state_days.top_event_country_90d,
        state_days.top_content_category_90d,
        state_days.fitness_content_views_90d
    from (
        select
            *,
            {{ smart_segments.each_day_until_next('read_date', 'next_read_date', 'as_of_dates') }} as state_date
        from user_states
        where holds_any_value
    ) as state_days
    inner join as_of_dates
        on state_days.state_date = as_of_dates.as_of_date

)

select * from per_user
