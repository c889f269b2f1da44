{#
    Whether rolled-up activity counts for its user as of a date: always for
    events that carried the user_id; for stitched anonymous events only
    while the anonymous_id was linked to that user alone
    (stitched_from_date <= D < stitched_until_date).
#}
{% macro is_attributed_as_of(relation_alias, as_of_column) -%}
    ((({{ relation_alias }}.stitched_from_date is null)
        or {{ relation_alias }}.stitched_from_date <= {{ as_of_column }})
        and ({{ relation_alias }}.stitched_until_date is null
            or {{ relation_alias }}.stitched_until_date > {{ as_of_column }}))
{%- endmacro %}
