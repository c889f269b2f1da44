{#
    The folder the activation exports go to, absolute: the
    activation_output_path var when set (relative paths resolve against
    the project directory), else a folder beside the warehouse named after
    it (data/smart_segments.duckdb -> data/smart_segments_activation), so
    two warehouses never share an export folder by default.
#}
{% macro activation_output_path() -%}
    {{ return(smart_segments.output_folder_path('activation_output_path', 'activation')) }}
{%- endmacro %}
