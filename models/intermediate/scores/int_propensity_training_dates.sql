{#
    The dates each recorded date's propensity models train on: one row per
    recorded date R (int_as_of_dates.is_recorded) and training offset t of
    segments__propensity_training_offsets_days, with the training date
    R - t. int_propensity_model_terms fits R's models on the training rows
    of int_propensity_features_as_of at these dates; a training date before
    the data holds no rows, and the fit says how many it saw.
#}

{%- set training_offsets = smart_segments.as_of_dates().training_offsets %}

with

recorded_dates as (

    select * from {{ ref('int_as_of_dates') }}
    where is_recorded

),

training_offsets as (

    {% for training_offset in training_offsets -%}
        select {{ training_offset }} as training_offset_days
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

training_dates as (

    select
        recorded_dates.as_of_date,
        recorded_dates.is_current,
        training_offsets.training_offset_days,
        {{ smart_segments.days_before('recorded_dates.as_of_date', 'training_offsets.training_offset_days') }}
            as training_as_of_date
    from recorded_dates
    cross join training_offsets

)

select * from training_dates
