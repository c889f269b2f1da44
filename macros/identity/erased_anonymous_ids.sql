{#
    A subquery of the anonymous ids (devices) ever seen with a user erased
    as of `cutoff` (erased_user_ids): their anonymous history goes with the
    user. Relations as in erased_user_ids.
#}
{% macro erased_anonymous_ids(
    cutoff,
    events=ref('stg_raw__events'),
    profile_versions=ref('stg_raw__profile_versions')
) -%}
    select distinct events.anonymous_id
    from {{ events }} as events
    where
        events.anonymous_id is not null
        and events.user_id in ({{ smart_segments.erased_user_ids(cutoff, profile_versions) }})
{%- endmacro %}
