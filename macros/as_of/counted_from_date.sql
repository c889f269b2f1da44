{#
    The first as-of date whose snapshot counts a stitched rollup row: the
    later of its known date (known_date) and, for an anonymous row stitched
    to a user, the date the link became known (stitched_from_date). The
    activity and messaging snapshots count a row from this date on, and
    assert_activity_wrote_every_user_batch checks the activity snapshot
    against it.
#}
{% macro counted_from_date(known_date, stitched_from_date) -%}
    greatest({{ known_date }}, coalesce({{ stitched_from_date }}, {{ known_date }}))
{%- endmacro %}
