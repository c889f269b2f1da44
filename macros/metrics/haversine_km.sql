{# Great-circle distance in km between two points given in degrees (Earth radius 6371 km). #}
{% macro haversine_km(latitude_1, longitude_1, latitude_2, longitude_2) -%}
    2 * 6371.0 * asin(sqrt(
        power(sin(radians({{ latitude_2 }} - {{ latitude_1 }}) / 2), 2)
        + cos(radians({{ latitude_1 }})) * cos(radians({{ latitude_2 }}))
        * power(sin(radians({{ longitude_2 }} - {{ longitude_1 }}) / 2), 2)
    ))
{%- endmacro %}
