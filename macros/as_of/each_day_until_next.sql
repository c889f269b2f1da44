{#
    macro each_day for a state valid from `start_date` until `next_date`
    (excluded), or, when `next_date` is null, until after the last date of
    `as_of_dates` (a CTE name with a column as_of_date): the days a running
    figure holds, to be joined to the as-of dates on equality.
#}
{% macro each_day_until_next(start_date, next_date, as_of_dates) -%}
    {%- set after_last_date = '(select ' ~ smart_segments.days_before('max(as_of_date)', -1) ~ ' from '
        ~ as_of_dates ~ ')' -%}
    {{ smart_segments.each_day(start_date, 'coalesce(' ~ next_date ~ ', ' ~ after_last_date ~ ')') }}
{%- endmacro %}
