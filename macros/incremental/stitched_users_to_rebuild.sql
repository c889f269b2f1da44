{#
    Incremental re-stitching of the user-level rollups (int_user_daily_*,
    int_user_campaign_messages). Each stitches an identity rollup with the
    identity map as of the current as_of_date (stitch_identity_rollup); a
    daily run rebuilds only the users whose stitched rows can have changed
    since the last run and keeps everyone else's rows:

    - users with identified rollup rows that are new or changed since the
      last run;
    - the user a new or changed anonymous rollup row is stitched to now;
    - both users of every device stitched differently than last time (a late
      identify, a second user seen with the device, an erasure);
    - users with rows known between the last as_of_date and this one
      (known_date: a row enters a snapshot once its cut-off has passed);
    - and erased users lose every row.

    What the last run stitched with is kept beside the model, in
    `<model>__stitching` (written by the post-hook, in the model's
    transaction): the identity map it used, and one row with its as_of_date
    and the identity rollup's latest last_received_at (the watermark; the
    cut-off is it minus segments__incremental_lookback_days, as for the
    rollups: lookback_cutoff). "New or changed" rollup rows: the identity rollup rewrites
    every key with an event received since the cut-off (the lookback's
    days, most of them unchanged), so the post-hook also keeps those rows
    as they were, whole, in `<model>__recent_rollup_rows`, and the next run
    re-stitches only for rows received since the cut-off that are not there
    as they are now (clean events are only ever added, so a row with a new
    event differs). Without those tables (a first incremental run after an
    upgrade, say) every user, or every user with a row received since the
    cut-off, is rebuilt. A user's rows are rebuilt by the
    same query as a full build, so the result is the same row for row.
#}

{#
    A query of the user_ids this run rebuilds, or none when it rebuilds
    every user (a full build, or no state from a previous run).
#}
{% macro stitched_users_to_rebuild(rollup_model) -%}
    {#- a unit test has no `this`: it stitches every user of its fixtures -#}
    {%- if not execute or this is none or not is_incremental() -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set state = smart_segments.stitching_state_relation() -%}
    {%- if adapter.get_relation(database=state.database, schema=state.schema, identifier=state.identifier) is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set stored = run_query(
        "select as_of_date, rollup_watermark from " ~ state ~ " where anonymous_id is null") -%}
    {%- set current_as_of_date = run_query(
        "select as_of_date from " ~ ref('int_as_of_dates') ~ " where is_current").columns[0].values()[0] -%}
    {%- if stored.rows | length != 1 or stored.columns[1].values()[0] is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set stored_as_of_date = stored.columns[0].values()[0] -%}
    {%- set cutoff_literal = smart_segments.lookback_cutoff(stored.columns[1].values()[0]) -%}
    {%- set recent = smart_segments.recent_rollup_rows_relation() -%}
    {%- set has_recent = adapter.get_relation(
        database=recent.database, schema=recent.schema, identifier=recent.identifier) is not none -%}
    {%- set users -%}
        -- rows received since the cut-off that the last run did not see as they
        -- are now, and rows that came into (or went out of) range with the
        -- as_of_date: their user, or the user their device is stitched to now
        -- (one scan of the rollup)
        select coalesce(rollup.user_id, identity_map.user_id) as user_id
        from {{ ref(rollup_model) }} as rollup
        left join {{ ref('int_identity_map') }} as identity_map
            on rollup.anonymous_id = identity_map.anonymous_id
        {%- if has_recent %}
        left join {{ recent }} as seen
            on seen.rollup_row is not distinct from rollup
        {%- endif %}
        where
            (
                rollup.last_received_at >= {{ cutoff_literal }}
                {%- if has_recent %}
                and seen.rollup_row is null
                {%- endif %}
            )
            {%- if stored_as_of_date != current_as_of_date %}
            or (
                rollup.known_date > cast('{{ [stored_as_of_date, current_as_of_date] | min }}' as date)
                and rollup.known_date <= cast('{{ [stored_as_of_date, current_as_of_date] | max }}' as date)
            )
            {%- endif %}
        union
        -- devices stitched differently from the last run: the user they belong to now ...
        select current_map.user_id
        from {{ ref('int_identity_map') }} as current_map
        left join {{ state }} as stored_map
            on current_map.anonymous_id = stored_map.anonymous_id
        where
            stored_map.anonymous_id is null
            or stored_map.user_id != current_map.user_id
            or stored_map.stitched_from_date is distinct from current_map.stitched_from_date
            or stored_map.stitched_until_date is distinct from current_map.stitched_until_date
        union
        -- ... and the user they belonged to
        select stored_map.user_id
        from {{ state }} as stored_map
        left join {{ ref('int_identity_map') }} as current_map
            on stored_map.anonymous_id = current_map.anonymous_id
        where
            stored_map.anonymous_id is not null
            and (
                current_map.anonymous_id is null
                or stored_map.user_id != current_map.user_id
                or stored_map.stitched_from_date is distinct from current_map.stitched_from_date
                or stored_map.stitched_until_date is distinct from current_map.stitched_until_date
            )
    {%- endset -%}
    {{ return(users) }}
{%- endmacro %}
