{#
    The entry point of the as-of design (docs/architecture.md, "As-of
    dates"): which dates this build computes every per-user metric, score
    and membership as of, read from the vars and checked once, known when
    the project compiles. int_as_of_dates turns it into rows; the pre-hook
    that checks the dates against the data reads it too. Returns a dict:

    - as_of_date: the var as 'YYYY-MM-DD', or none (then int_as_of_dates
      takes the latest clean event date);
    - backfill_from_date: segments__backfill_from_date, or none;
    - backfill_days: as_of_date - backfill_from_date (0 without a backfill),
      or segments__history_days when that is larger; the dates
      as_of_date - backfill_days .. as_of_date are all recorded in the
      membership log;
    - offsets: segments__as_of_offsets_days (0 is as_of_date itself);
    - training_offsets, evaluation_offset, horizon_days: the propensity
      dates (features at the date, labels in the horizon after it);
    - training_days_before: the dates the propensity models of every
      recorded date train on, r + t for each recorded r (0 ..
      backfill_days) and training offset t: each recorded date gets its
      own fit, from the features stored at its own training dates;
    - feature_only_days_before: the training dates that are nothing else
      (not an offset, a base training offset, the evaluation offset or a
      recorded date): the build computes their features for the models of
      the recorded dates, and nothing else there;
    - days_before: every day before as_of_date the build holds, each once,
      sorted: offsets, training dates, the evaluation offset,
      1 .. backfill_days;
    - retention_days: the feature store (int_customer_features_daily)
      holds every date from as_of_date minus this many days to as_of_date:
      segments__feature_retention_days, or, unset, the largest of
      days_before (the earliest date this build reads). A value below that
      fails: the build could not read its own dates.

    A mistaken var fails here, at compile time, naming the var and the value.
    The other macros of macros/as_of/ compute within those dates:
    in_last_days, days_before, days_between, is_attributed_as_of (an order
    attributed to a campaign as of a date), current_as_of_date.
#}
{% macro as_of_dates() -%}
    {%- set as_of_date = smart_segments.as_of_date_var() -%}
    {%- set backfill_from_date = smart_segments.backfill_from_date_var(as_of_date) -%}
    {%- set offsets = var('segments__as_of_offsets_days') -%}
    {%- if offsets is string or offsets | length == 0 or 0 not in offsets -%}
        {{ exceptions.raise_compiler_error(
            "Invalid dbt var segments__as_of_offsets_days: " ~ offsets
            ~ " (a list of whole days before as_of_date that includes 0)") }}
    {%- endif -%}
    {%- set horizon = var('segments__propensity_horizon_days') -%}
    {%- set evaluation_offset = var('segments__propensity_evaluation_offset_days') -%}
    {%- set training_offsets = var('segments__propensity_training_offsets_days') -%}
    {%- if horizon < 1 or evaluation_offset < horizon or training_offsets | length == 0
        or training_offsets | min < evaluation_offset + horizon -%}
        {{ exceptions.raise_compiler_error(
            "Invalid propensity vars: segments__propensity_evaluation_offset_days (" ~ evaluation_offset
            ~ ") must be at least segments__propensity_horizon_days (" ~ horizon ~ "), and every one of "
            ~ "segments__propensity_training_offsets_days (" ~ training_offsets ~ ") at least their sum, so "
            ~ "labels end by as_of_date and training labels end before the evaluation date.") }}
    {%- endif -%}
    {#- a rolling history: every build records the N days before as_of_date too -#}
    {%- set backfill_days = smart_segments.number_var('segments__history_days', 0, var('segments__max_backfill_days'))
        | int -%}
    {%- if backfill_from_date is not none and (modules.datetime.date.fromisoformat(as_of_date)
        - modules.datetime.date.fromisoformat(backfill_from_date)).days > backfill_days -%}
        {%- set backfill_days = (modules.datetime.date.fromisoformat(as_of_date)
            - modules.datetime.date.fromisoformat(backfill_from_date)).days -%}
    {%- endif -%}
    {%- set training_days_before = [] -%}
    {%- for recorded in range(0, backfill_days + 1) -%}
        {%- for training_offset in training_offsets -%}
            {%- do training_days_before.append(recorded + training_offset | int) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- set training_days_before = training_days_before | unique | sort | list -%}
    {%- set other_days_before = (offsets + training_offsets + [evaluation_offset] + range(0, backfill_days + 1) | list)
        | map('int') | list -%}
    {%- set feature_only_days_before = training_days_before | reject('in', other_days_before) | list -%}
    {%- set days_before = (offsets + training_days_before + [evaluation_offset] + range(1, backfill_days + 1) | list)
        | map('int') | unique | sort -%}
    {%- set retention_days = var('segments__feature_retention_days') -%}
    {%- if retention_days is none -%}
        {%- set retention_days = days_before | max -%}
    {%- else -%}
        {%- set retention_days = smart_segments.checked_number(
            'segments__feature_retention_days', retention_days, days_before | max, 36600,
            'the earliest date this build reads: ' ~ (days_before | max) ~ ' days before as_of_date') | int -%}
    {%- endif -%}
    {{ return({
        'as_of_date': as_of_date,
        'backfill_from_date': backfill_from_date,
        'backfill_days': backfill_days,
        'offsets': offsets | map('int') | list,
        'training_offsets': training_offsets | map('int') | list,
        'training_days_before': training_days_before,
        'feature_only_days_before': feature_only_days_before,
        'evaluation_offset': evaluation_offset | int,
        'horizon_days': horizon | int,
        'days_before': days_before | list,
        'retention_days': retention_days,
    }) }}
{%- endmacro %}
