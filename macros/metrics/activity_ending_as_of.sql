{#
    int_customer_activity_as_of's figures for the users with a row whose
    stitching ends (an anonymous id later linked to someone else), which
    a running figure cannot undo for lifetime minima and latest picks: the
    select of a CTE that aggregates their rows per as-of date directly,
    each row on the dates it counts for, from counted_from_date until its
    attribution ends, a day once. Reads the model's CTEs daily_activity
    (with counted_from_date), ending_users and as_of_dates; returns the
    model's figure columns with as_of_date and user_id.
#}
{% macro activity_ending_as_of() -%}
    {%- set measures = smart_segments.activity_measure_list() -%}
    {%- set row_sums, day_counts = measures.row_sums, measures.day_counts -%}
    {%- set extremes, picks = measures.extremes, measures.picks -%}
    {%- set day_columns = measures.day_columns -%}
    {%- set row_sources = row_sums | map(attribute=1) | unique | list -%}
    select
        {%- for column, source, window in row_sums %}
            {%- if window is none %}
                sum({{ source }}) as {{ column }},
            {%- else %}
                sum(
                    case
                        when {{ smart_segments.in_last_days('event_date', 'as_of_date', window) }} then {{ source }}
                        else 0
                    end
                ) as {{ column }},
            {%- endif %}
        {%- endfor %}
        {%- for column, kind, window in day_counts %}
            count(*) filter (
                where
                {{ day_columns[kind] }}_max > 0
                and {{ smart_segments.in_last_days('event_date', 'as_of_date', window) }}
            ) as {{ column }},
        {%- endfor %}
        {%- for column, aggregate, source in extremes %}
            {{ aggregate }}({{ source }}) as {{ column }},
        {%- endfor %}
        {%- for column, value, key, window in picks %}
            {%- if window is none %}
                {%- set windowed_key = key %}
            {%- else %}
                {%- set windowed_key = 'case when ' ~ smart_segments.in_last_days(
                    'event_date', 'as_of_date', window) ~ ' then ' ~ key ~ ' end' %}
            {%- endif %}
            {{ smart_segments.max_by(value, windowed_key) }} as {{ column }},
        {%- endfor %}
        as_of_date,
        user_id
    from (
        -- per as-of date and day: sums, and the latest values of the day
        select
            {%- for source in row_sources %}
                sum(ending_rows.{{ source }}) as {{ source }},
            {%- endfor %}
            {%- for kind, column in day_columns.items() %}
                max(ending_rows.{{ column }}) as {{ column }}_max,
            {%- endfor %}
            {%- for column, aggregate, source in extremes %}
                {{ aggregate }}(ending_rows.{{ source }}) as {{ source }},
            {%- endfor %}
            {%- for column, value, key, window in picks %}
                {{ smart_segments.max_by('ending_rows.' ~ value, 'ending_rows.' ~ key) }} as {{ value }},
                max(ending_rows.{{ key }}) as {{ key }},
            {%- endfor %}
            as_of_dates.as_of_date,
            ending_rows.user_id,
            ending_rows.event_date
        from (
            select
                daily_activity.*,
                {{ smart_segments.each_day_until_next('counted_from_date', 'stitched_until_date', 'as_of_dates') }}
                    as counted_date
            from daily_activity
            inner join ending_users
                on daily_activity.user_id = ending_users.user_id
        ) as ending_rows
        inner join as_of_dates
            on ending_rows.counted_date = as_of_dates.as_of_date
        group by as_of_dates.as_of_date, ending_rows.user_id, ending_rows.event_date
    ) as ending_days_as_of
    group by as_of_date, user_id

{%- endmacro %}
