{#
    The campaign messages of int_user_campaign_messages as of each date of
    `as_of_dates`: one row per (as_of_date, user_id, campaign_id) whose
    stitching window attributes it to the user at that date
    (is_attributed_as_of), with the first sent, delivered, opened and
    clicked dates over the user's rows. The select of a CTE; its readers
    (int_customer_messaging_as_of, fct_campaign_targeting_comparison) pass
    the CTE names of their imports.

    With `delivered_within_days` N, only the messages a row of which was
    delivered in the N days before the date, (D - N, D]: the others cannot
    have their first delivery there. A row then meets the few dates after
    its delivery, not every date (a message's rows are few: those rows
    are met with the date again, so the first dates are over all of them).
#}
{% macro campaign_messages_as_of(messages, as_of_dates, delivered_within_days=none) -%}
    select
        as_of_dates.as_of_date,
        messages.user_id,
        messages.campaign_id,
        min(messages.first_sent_date) as first_sent_date,
        min(messages.first_delivered_date) as first_delivered_date,
        min(messages.first_opened_date) as first_opened_date,
        min(messages.first_clicked_date) as first_clicked_date
    from {{ messages }} as messages
    inner join {{ as_of_dates }} as as_of_dates
        on {{ smart_segments.is_attributed_as_of('messages', 'as_of_dates.as_of_date') }}
    {%- if delivered_within_days is not none %}
        inner join (
            select distinct
                delivered_dates.as_of_date,
                delivered.user_id,
                delivered.campaign_id
            from {{ messages }} as delivered
            inner join {{ as_of_dates }} as delivered_dates
                on
                    {{ smart_segments.in_last_days(
                        'delivered.first_delivered_date', 'delivered_dates.as_of_date', delivered_within_days) }}
                    and {{ smart_segments.is_attributed_as_of('delivered', 'delivered_dates.as_of_date') }}
        ) as cohort
            on
                as_of_dates.as_of_date = cohort.as_of_date
                and messages.user_id = cohort.user_id
                and messages.campaign_id = cohort.campaign_id
    {%- endif %}
    group by 1, 2, 3
{%- endmacro %}
