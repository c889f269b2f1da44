{#
    The profile as of a date, in one place: for each row of `dates` (a CTE
    name), the profile version in force on its `date_column`: the latest
    clean version updated on or before it (later corrections are not seen).
    Each version is in force from its update date until the next version's
    (never, for a version updated again the same day): a validity range,
    so a date meets one version instead of every version updated before it.
    has_paid_profile_version says whether any version up to the one in
    force had a paid plan (a plan outside the vocabulary is null in
    staging: not paid). `dates_columns` are the columns of `dates` to keep.
    Without `per_user` every date meets every user's versions (the build's
    as-of dates: int_customer_profiles_as_of); with it, `dates` carries a
    user_id the versions join on (a campaign's members and its results
    date: int_campaign_impact_members).
#}
{% macro profile_versions_as_of(profile_versions, dates, date_column, dates_columns, per_user=false) -%}
    select
        {% for column in dates_columns -%}
        {{ dates }}.{{ column }},
        {% endfor -%}
        versions_in_force.*
    from (
        select
            *,
            cast(updated_at as date) as in_force_from_date,
            lead(cast(updated_at as date)) over (partition by user_id order by updated_at) as in_force_until_date,
            coalesce(
                bool_or(plan in ('basic', 'premium')) over (
                    partition by user_id order by updated_at rows between unbounded preceding and current row
                ),
                false
            ) as has_paid_profile_version
        from {{ profile_versions }}
    ) as versions_in_force
    inner join {{ dates }}
        on
            versions_in_force.in_force_from_date <= {{ dates }}.{{ date_column }}
            and (
                versions_in_force.in_force_until_date is null
                or versions_in_force.in_force_until_date > {{ dates }}.{{ date_column }}
            )
            {%- if per_user %}
            and versions_in_force.user_id = {{ dates }}.user_id
            {%- endif %}
{%- endmacro %}
