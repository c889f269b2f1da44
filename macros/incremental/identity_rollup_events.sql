{#
    The identity rollups (int_identity_daily_*) aggregate clean events by
    the identity the event carried - (user_id, anonymous_id) as received -
    and event date, before any stitching. Stitching (int_identity_map) is
    applied when they are read (int_user_daily_*), so when an anonymous_id
    is identified after its events were rolled up, those events move to
    the user on the next build without touching the rollup: re-stitching
    costs nothing and cannot go stale.

    Incremental runs recompute every (event_date, user_id, anonymous_id)
    that has an event received since the cut-off (incremental_cutoff on the
    rollup's last_received_at) from all clean events of that key, delete
    the old rows of those keys (pre-hook) and append the new ones, so a
    late event lands in its own date's row and a run repeated changes
    nothing. Erased identities (erased_user_ids, erased_anonymous_ids)
    are never rolled up and the pre-hook deletes whatever rows of theirs an
    earlier build stored.
#}

{#
    The clean events a rollup aggregates on this run (all of them on a full
    build), less erased identities. It reads the relations the model
    imported, by their CTE names: the clean events (read up to three times
    on an incremental run, so the model declares that CTE `not
    materialized`), the profile versions and int_as_of_dates (for erasure).
#}
{% macro identity_rollup_events(cutoff, events, profile_versions, as_of_dates) -%}
    {%- set first_date = smart_segments.first_event_date_received_since(cutoff) -%}
    {%- set erasure_cutoff = smart_segments.current_as_of_date(as_of_dates) -%}
    select events.*
    from {{ events }} as events
    {%- if cutoff is not none %}
    inner join (
        select distinct
            event_date,
            coalesce(user_id, '') as user_key,
            coalesce(anonymous_id, '') as anonymous_key
        from {{ events }}
        where {{ smart_segments.received_since_cutoff(cutoff) }}
    ) as affected_keys
        on
            events.event_date = affected_keys.event_date
            and coalesce(events.user_id, '') = affected_keys.user_key
            and coalesce(events.anonymous_id, '') = affected_keys.anonymous_key
    {%- endif %}
    -- anti-joins as plain equi-joins, so both are hash joins against small lists
    left join ({{ smart_segments.erased_user_ids(erasure_cutoff, profile_versions) }}) as erased_users
        on events.user_id = erased_users.user_id
    left join (
        {{ smart_segments.erased_anonymous_ids(erasure_cutoff, events, profile_versions) }}
    ) as erased_anonymous_ids
        on events.anonymous_id = erased_anonymous_ids.anonymous_id
    where
        erased_users.user_id is null
        and (events.user_id is not null or erased_anonymous_ids.anonymous_id is null)
        {%- if first_date is not none %}
        -- no affected key is dated earlier: lets DuckDB skip older row groups
        and events.event_date >= {{ first_date }}
        {%- endif %}
{%- endmacro %}
