{#
    A scalar subquery of the build's current as_of_date (the var, or the
    latest clean event date), as int_as_of_dates resolved it. A model
    passes the int_as_of_dates it imported (a CTE name).
#}
{% macro current_as_of_date(as_of_dates=ref('int_as_of_dates')) -%}
    select as_of_dates.as_of_date
    from {{ as_of_dates }} as as_of_dates
    where as_of_dates.is_current
{%- endmacro %}
