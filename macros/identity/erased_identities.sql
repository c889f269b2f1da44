{#
    The erasure lists, as subqueries (hooks cannot reference ephemeral
    models, so int_erased_users, int_erased_anonymous_ids and the rollups'
    pre-hooks all use these two):
    - erased_user_ids: users with a GDPR erasure request on or before the
      current as_of_date, from any of their profile versions;
    - erased_anonymous_ids: anonymous ids (devices) ever seen with one of
      them: their anonymous history goes with the user.
#}
{% macro erased_user_ids() -%}
    select distinct profile_versions.user_id
    from {{ ref('stg_raw__profile_versions') }} as profile_versions
    where cast(profile_versions.deletion_requested_at as date) <= (
        select as_of_dates.as_of_date
        from {{ ref('int_as_of_dates') }} as as_of_dates
        where as_of_dates.is_current
    )
{%- endmacro %}

{% macro erased_anonymous_ids() -%}
    select distinct events.anonymous_id
    from {{ ref('stg_raw__events') }} as events
    where
        events.anonymous_id is not null
        and events.user_id in ({{ smart_segments.erased_user_ids() }})
{%- endmacro %}
