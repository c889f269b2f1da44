{#
    Nothing lost, nothing extra: the tested model holds exactly one row per
    (as_of_date, user_id) of int_customers_as_of at the dates the build
    records (int_as_of_dates.is_recorded), the dates with scores and
    segments. Fails with a row per key that is missing, extra or repeated:
    as_of_date, user_id, is_recorded_customer, model_rows.
    Usage:
      data_tests:
        - one_row_per_recorded_customer
#}
{% test one_row_per_recorded_customer(model) %}

    with

    expected as (

        select
            customers.as_of_date,
            customers.user_id
        from {{ ref('int_customers_as_of') }} as customers
        inner join {{ ref('int_as_of_dates') }} as as_of_dates
            on
                customers.as_of_date = as_of_dates.as_of_date
                and as_of_dates.is_recorded

    ),

    actual as (

        select
            as_of_date,
            user_id,
            count(*) as model_rows
        from {{ model }}
        group by 1, 2

    )

    select
        coalesce(expected.as_of_date, actual.as_of_date) as as_of_date,
        coalesce(expected.user_id, actual.user_id) as user_id,
        expected.user_id is not null as is_recorded_customer,
        coalesce(actual.model_rows, 0) as model_rows
    from expected
    full outer join actual
        on
            expected.as_of_date = actual.as_of_date
            and expected.user_id = actual.user_id
    where expected.user_id is null or actual.user_id is null or actual.model_rows <> 1

{% endtest %}
