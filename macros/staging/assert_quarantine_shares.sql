{#
    Pre-hook of each clean staging model (stg_raw__events,
    stg_raw__profile_versions, stg_raw__campaigns): the quarantine-share
    guardrail. Per reason, the share of the source's raw rows that were
    quarantined for it; above segments__max_quarantine_share (and at least
    segments__quarantine_guardrail_min_rows rows, so one bad row in a tiny
    source is never an outage) the model fails, so nothing downstream is
    rebuilt and yesterday's marts stay as they were. A source left with no
    clean row fails the same way (a campaigns source with no rows at all is
    allowed: not every warehouse sends campaigns). One line per problem:

      69,659 of 69,659 events (100%) quarantined as implausible_event_ts:
      event_ts before segments__min_plausible_event_date (2000-01-01) or ...

    Arguments: the source's name (events, profiles, campaigns) and its
    triaged relation (row_status, quarantine_reason).
#}
{% macro assert_quarantine_shares(source_name, triaged_relation) -%}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- set max_share = smart_segments.number_var('segments__max_quarantine_share') -%}
    {%- set min_rows = smart_segments.number_var('segments__quarantine_guardrail_min_rows') -%}
    {%- set hints = {
        'missing_event_id': 'the rows carry no event_id',
        'missing_identity': 'the rows carry neither user_id nor anonymous_id',
        'unknown_event_name': 'event_name matches no variant in seeds/event_name_taxonomy.csv; add your tracking plan\'s names there',
        'malformed_properties': 'properties is not a JSON object',
        'invalid_received_at': 'received_at is missing, out of range or after the build started (plus segments__max_clock_skew_hours, '
            ~ var('segments__max_clock_skew_hours') ~ ')',
        'implausible_event_ts': 'event_ts before segments__min_plausible_event_date ('
            ~ var('segments__min_plausible_event_date') ~ ') or more than segments__max_clock_skew_hours ('
            ~ var('segments__max_clock_skew_hours') ~ ') hours after received_at; set those vars if your history is older or your devices\' clocks run ahead',
        'invalid_revenue': 'order revenue missing, not a number, negative, above segments__max_amount_usd ('
            ~ var('segments__max_amount_usd') ~ ' USD), or in a currency missing from seeds/fx_rates_to_usd.csv',
        'invalid_price': 'price not a number, negative or above segments__max_amount_usd ('
            ~ var('segments__max_amount_usd') ~ ' USD)',
        'missing_user_id': 'the profile rows carry no user_id',
        'missing_updated_at': 'updated_at is missing or out of range',
        'missing_campaign_id': 'the campaign rows carry no campaign_id',
    } -%}
    {%- set counts_sql -%}
        with

        totals as (
            select
                count(*) as raw_rows,
                count(*) filter (where row_status = 'clean') as clean_rows
            from {{ triaged_relation }}
        ),

        reasons as (
            select
                quarantine_reason,
                count(*) as quarantined_rows
            from {{ triaged_relation }}
            where row_status = 'quarantined'
            group by quarantine_reason
        )

        select
            totals.raw_rows,
            totals.clean_rows,
            reasons.quarantine_reason,
            coalesce(reasons.quarantined_rows, 0) as quarantined_rows
        from totals
        left join reasons on true
        order by quarantined_rows desc, reasons.quarantine_reason
    {%- endset -%}
    {%- set rows = run_query(counts_sql).rows -%}
    {%- set raw_rows = rows[0][0] -%}
    {%- set clean_rows = rows[0][1] -%}
    {%- set problems = [] -%}
    {%- for row in rows if row[2] is not none -%}
        {%- set share = row[3] / raw_rows -%}
        {%- if share > max_share and row[3] >= min_rows -%}
            {%- do problems.append(
                smart_segments.thousands(row[3]) ~ " of " ~ smart_segments.thousands(raw_rows) ~ " " ~ source_name
                ~ " (" ~ smart_segments.percent(share) ~ ") quarantined as " ~ row[2] ~ ": "
                ~ hints.get(row[2], 'see the README\'s dirty-case table')) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if clean_rows == 0 and raw_rows > 0 -%}
        {%- do problems.append(
            "no clean " ~ source_name ~ " row: " ~ smart_segments.thousands(raw_rows) ~ " raw rows, none usable") -%}
    {%- elif raw_rows == 0 and source_name != 'campaigns' -%}
        {%- do problems.append(
            "no " ~ source_name ~ " row at all (a raw file emptied or removed since the last build needs "
            ~ "--full-refresh; else check raw_data_path)") -%}
    {%- endif -%}
    {%- if problems -%}
        {{ exceptions.raise_compiler_error(
            "Quarantine guardrail: " ~ problems | join("; ") ~ ". The build stops when a reason takes more than "
            ~ "segments__max_quarantine_share (" ~ max_share ~ ") of a source's rows; the rows are in "
            ~ "staging.stg_raw__quarantined_" ~ source_name ~ ". After changing a threshold var, rebuild "
            ~ "with --full-refresh: the triage is incremental.") }}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}
