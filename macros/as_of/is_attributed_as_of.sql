{#
    Whether rolled-up activity counts for its user as of a date: for events
    that carried the user_id always, for stitched anonymous events only
    while the anonymous_id was linked to that user alone
    (stitched_from_date <= D < stitched_until_date); and, as known at D,
    only rows known by D's cut-off (known_date <= D, macro known_date).
    Outcomes measured after a date (segment performance's windows) pass
    known=false: they count every row the build knows (the stitched rollups
    hold the rows known as of the build's as_of_date).
#}
{% macro is_attributed_as_of(relation_alias, as_of_column, known=true) -%}
    ((({{ relation_alias }}.stitched_from_date is null)
        or {{ relation_alias }}.stitched_from_date <= {{ as_of_column }})
        and ({{ relation_alias }}.stitched_until_date is null
            or {{ relation_alias }}.stitched_until_date > {{ as_of_column }})
        {%- if known %}
        and {{ relation_alias }}.known_date <= {{ as_of_column }}
        {%- endif %})
{%- endmacro %}
