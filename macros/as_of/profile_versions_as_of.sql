{#
    The profile as of a date, in one place: every profile version updated
    on or before each date of `dates` (a CTE name), with
    version_recency = 1 for the version in force then (the latest update;
    later corrections are not seen). `date_column` names the date in
    `dates`; `dates_columns` the columns of `dates` to keep, which with the
    user_id partition the versions. With `per_user` the dates are per user
    (they carry a user_id: a campaign's members and its results date).
    int_customer_profiles_as_of (the build's as-of dates) and
    int_campaign_impact_members (each campaign's results date) read it.
#}
{% macro profile_versions_as_of(profile_versions, dates, date_column, dates_columns, per_user=false) -%}
    select
        {% for column in dates_columns -%}
        {{ dates }}.{{ column }},
        {% endfor -%}
        {{ profile_versions }}.*,
        row_number() over (
            partition by
                {% for column in dates_columns -%}
                {{ dates }}.{{ column }},
                {% endfor -%}
                {{ profile_versions }}.user_id
            order by {{ profile_versions }}.updated_at desc
        ) as version_recency
    from {{ profile_versions }}
    inner join {{ dates }}
        on
            cast({{ profile_versions }}.updated_at as date) <= {{ dates }}.{{ date_column }}
            {%- if per_user %}
            and {{ profile_versions }}.user_id = {{ dates }}.user_id
            {%- endif %}
{%- endmacro %}
