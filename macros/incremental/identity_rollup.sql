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
    nothing. Erased identities (int_erased_users, int_erased_anonymous_ids)
    are never rolled up and the pre-hook deletes whatever rows of theirs an
    earlier build stored.
#}

{# The clean events a rollup aggregates on this run (all of them on a full build). #}
{% macro identity_rollup_events(cutoff) -%}
    {%- set first_date = smart_segments.first_event_date_received_since(cutoff) -%}
    select events.*
    from {{ ref('stg_raw__events') }} as events
    {%- if cutoff is not none %}
    inner join (
        select distinct
            event_date,
            coalesce(user_id, '') as user_key,
            coalesce(anonymous_id, '') as anonymous_key
        from {{ ref('stg_raw__events') }}
        where {{ smart_segments.received_since_cutoff(cutoff) }}
    ) as affected_keys
        on
            events.event_date = affected_keys.event_date
            and coalesce(events.user_id, '') = affected_keys.user_key
            and coalesce(events.anonymous_id, '') = affected_keys.anonymous_key
    {%- endif %}
    -- anti-joins as plain equi-joins, so both are hash joins against small lists
    left join ({{ smart_segments.erased_user_ids() }}) as erased_users
        on events.user_id = erased_users.user_id
    left join ({{ smart_segments.erased_anonymous_ids() }}) as erased_anonymous_ids
        on events.anonymous_id = erased_anonymous_ids.anonymous_id
    where
        erased_users.user_id is null
        and (events.user_id is not null or erased_anonymous_ids.anonymous_id is null)
        {%- if first_date is not none %}
        -- no affected key is dated earlier: lets DuckDB skip older row groups
        and events.event_date >= {{ first_date }}
        {%- endif %}
{%- endmacro %}

{# Pre-hook: delete the rows this run recomputes, and every row of an erased identity. #}
{% macro identity_rollup_pre_hook() -%}
    {%- if is_incremental() -%}
        {%- set cutoff = smart_segments.incremental_cutoff('last_received_at') -%}
        {%- set first_date = smart_segments.first_event_date_received_since(cutoff) -%}
        delete from {{ this }}
        where
            user_id in ({{ smart_segments.erased_user_ids() }})
            or (
                user_id is null
                and anonymous_id in ({{ smart_segments.erased_anonymous_ids() }})
            )
            {%- if cutoff is not none %}
            or (
                -- the date bound first: older rows are skipped, not probed
                event_date >= {{ first_date }}
                and (event_date, coalesce(user_id, ''), coalesce(anonymous_id, '')) in (
                    select
                        event_date,
                        coalesce(user_id, ''),
                        coalesce(anonymous_id, '')
                    from {{ ref('stg_raw__events') }}
                    where {{ smart_segments.received_since_cutoff(cutoff) }}
                )
            )
            {%- endif %}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
