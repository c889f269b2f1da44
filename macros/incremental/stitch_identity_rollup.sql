{#
    The rows of an identity rollup (int_identity_daily_*) that belong to a
    user as of the current as_of_date, with the user they belong to: rows
    known by as_of_date's cut-off (known_date, so also dated on or before
    it); identified rows keep their user_id (no
    attribution window), anonymous rows take the user int_identity_map
    stitches their anonymous_id to, with its window (stitched_from_date,
    stitched_until_date). Anonymous rows never stitched are left out.
    Stitching at read time is what makes a late identify re-stitch events
    rolled up before it. `users`: a query of the user_ids to stitch (an
    incremental run's, see stitched_users_to_rebuild); none: every user.
    It reads the relations the model imported, by their CTE names: the
    identity rollup, int_identity_map and int_as_of_dates.
#}
{% macro stitch_identity_rollup(identity_rollup, identity_map, as_of_dates, users=none) -%}
    select
        {{ smart_segments.star_except(['user_id'], 'rollup') }},
        coalesce(rollup.user_id, identity_map.user_id) as user_id,
        case when rollup.user_id is null then identity_map.stitched_from_date end as stitched_from_date,
        case when rollup.user_id is null then identity_map.stitched_until_date end as stitched_until_date
    from {{ identity_rollup }} as rollup
    inner join {{ as_of_dates }} as as_of_dates
        on
            as_of_dates.is_current
            -- known by the as_of_date's cut-off (so dated on or before it)
            and rollup.known_date <= as_of_dates.as_of_date
    -- identity_map has one row per anonymous_id
    left join {{ identity_map }} as identity_map
        on rollup.anonymous_id = identity_map.anonymous_id
    where
        (rollup.user_id is not null or identity_map.user_id is not null)
        {%- if users is not none %}
        and coalesce(rollup.user_id, identity_map.user_id) in ({{ users }})
        {%- endif %}
{%- endmacro %}
