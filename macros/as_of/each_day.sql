{#
    A select-list expression that turns a row into one row per day from
    `start_date` (included) until `end_date` (excluded), the day as a date;
    a row whose end is not after its start yields no row. For a row valid
    over a range of dates, read at the dates a build computes (join the
    result to them on equality): cheaper than a range join, which sorts the
    wide side.
#}
{% macro each_day(start_date, end_date) -%}
    {{ return(adapter.dispatch('each_day', 'smart_segments')(start_date, end_date)) }}
{%- endmacro %}

{% macro default__each_day(start_date, end_date) -%}
    cast(unnest(range({{ start_date }}, {{ end_date }}, interval 1 day)) as date)
{%- endmacro %}

{% macro spark__each_day(start_date, end_date) -%}
    {#- sequence counts down when its end is before its start: no day then #}
    explode(case
        when {{ start_date }} < {{ end_date }} then sequence({{ start_date }}, date_sub({{ end_date }}, 1))
        else array()
    end)
{%- endmacro %}
