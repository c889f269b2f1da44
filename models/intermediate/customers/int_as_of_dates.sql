{#
    The dates this build computes metrics as of: as_of_date (the var, or
    the latest event date when unset) and segments__as_of_offsets_days days
    before it. One row per date; is_current marks as_of_date itself.
#}

{%- set as_of_date = smart_segments.as_of_date_var() -%}
{%- set offsets = var('segments__as_of_offsets_days') -%}
{%- if offsets is string or offsets | length == 0 or 0 not in offsets -%}
    {{ exceptions.raise_compiler_error(
        "Invalid dbt var segments__as_of_offsets_days: " ~ offsets
        ~ " (a list of whole days before as_of_date that includes 0)") }}
{%- endif %}

with

events as (

    select * from {{ ref('stg_raw__events') }}

),

current_date_chosen as (

    -- the var when set, else the latest clean event date
    select
        coalesce(
            {{ "cast('" ~ as_of_date ~ "' as date)" if as_of_date is not none else "cast(null as date)" }},
            max(event_date)
        ) as as_of_date
    from events

),

offsets as (

    {% for offset in offsets | unique | sort -%}
        select {{ offset | int }} as days_before_current
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

as_of_dates as (

    select
        offsets.days_before_current,
        offsets.days_before_current = 0 as is_current,
        {{ smart_segments.days_before('current_date_chosen.as_of_date', 'offsets.days_before_current') }}
            as as_of_date
    from current_date_chosen
    cross join offsets

)

select * from as_of_dates
