{#
    Who is erased: the one place that decides it (docs/architecture.md,
    "Erasure"). A subquery of the user_ids with a GDPR erasure request
    (deletion_requested_at, from any of their profile versions) dated on or
    before `cutoff`, a SQL expression of a date. Every caller says which
    cut-off it applies:
    - current_as_of_date(): the build's as_of_date, for everything computed
      as of it (int_erased_users, the rollups and their pre-hooks);
    - stored_rows_erasure_cutoff(): the membership log's and the feature
      store's, which never go
      back (a rerun of an earlier date cannot bring an erased user back);
    - the latest date in the log, for its history.
    Erasure is retroactive: an erased user is absent at every as-of date.
    A model passes the profile versions it imported (a CTE name); hooks,
    which have no CTEs, leave the default.
#}
{% macro erased_user_ids(cutoff, profile_versions=ref('stg_raw__profile_versions')) -%}
    select distinct profile_versions.user_id
    from {{ profile_versions }} as profile_versions
    where cast(profile_versions.deletion_requested_at as date) <= ({{ cutoff }})
{%- endmacro %}
