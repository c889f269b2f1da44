{#
    The folder consumers read published builds from, absolute: the
    publish_path var when set (relative paths resolve against the project
    directory), else a folder beside the warehouse named after it
    (data/smart_segments.duckdb -> data/smart_segments_published).
#}
{% macro publish_path() -%}
    {{ return(smart_segments.output_folder_path('publish_path', 'published')) }}
{%- endmacro %}
