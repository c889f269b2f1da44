{#
    The select of a CTE for running figures: each change_date of
    `change_dates` (a CTE name or a parenthesised subquery with a column
    change_date) with read_date, the first date of `as_of_dates` on or after
    it, the as-of date that first reads a change made then. Changes summed
    per read_date and accumulated per user give every as-of date's figures.
    A change after the last as-of date has no row: no date reads it.
#}
{% macro first_reading_dates(change_dates, as_of_dates) -%}
    select
        change_dates.change_date,
        min(as_of_dates.as_of_date) as read_date
    from {{ change_dates }} as change_dates
    inner join {{ as_of_dates }} as as_of_dates
        on change_dates.change_date <= as_of_dates.as_of_date
    group by change_dates.change_date
{%- endmacro %}
