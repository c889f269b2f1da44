{#
    The campaign messages of int_user_campaign_messages as of each date of
    `as_of_dates`: one row per (as_of_date, user_id, campaign_id) whose
    stitching window attributes it to the user at that date
    (is_attributed_as_of), with the first sent, delivered, opened and
    clicked dates over the user's rows. The select of a CTE; its readers
    (int_customer_messaging_as_of, fct_campaign_targeting_comparison) pass
    the CTE names of their imports.
#}
{% macro campaign_messages_as_of(messages, as_of_dates) -%}
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
    group by 1, 2, 3
{%- endmacro %}
