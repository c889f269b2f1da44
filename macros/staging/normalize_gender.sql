{#
    Maps free-text gender to female, male, non_binary or unknown.  Anything
    not recognised (including null and blanks) is unknown.
#}
{% macro normalize_gender(column) -%}
    case {{ smart_segments.normalize_label(column) }}
        when 'f' then 'female'
        when 'female' then 'female'
        when 'woman' then 'female'
        when 'w' then 'female'
        when 'm' then 'male'
        when 'male' then 'male'
        when 'man' then 'male'
        when 'non_binary' then 'non_binary'
        when 'nonbinary' then 'non_binary'
        when 'nb' then 'non_binary'
        when 'enby' then 'non_binary'
        when 'genderqueer' then 'non_binary'
        else 'unknown'
    end
{%- endmacro %}
