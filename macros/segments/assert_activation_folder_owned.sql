{#
    Pre-hook of int_segment_activation_files: the export folder belongs to
    one warehouse. When its _exports.json names another warehouse (a build
    of your own data pointed at the sample's folder, say), the build stops
    before a file is written, with one line naming both and the setting.
    A folder without a manifest, or with one written before manifests
    named their warehouse, is taken as this warehouse's.
#}
{% macro assert_activation_folder_owned() -%}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- set folder = smart_segments.activation_output_path() -%}
    {%- set warehouse = smart_segments.warehouse_path() or target.name -%}
    {%- set manifest = folder ~ '/_exports.json' -%}
    {%- set quoted = "'" ~ manifest | replace("'", "''") ~ "'" -%}
    {%- if run_query("select count(*) from glob(" ~ quoted ~ ")").rows[0][0] == 0 -%}
        {{ return('') }}
    {%- endif -%}
    {%- set owner_rows = run_query(
        "select json_extract_string(content, '$.warehouse') from read_text(" ~ quoted ~ ")").rows -%}
    {%- set owner = owner_rows[0][0] if owner_rows else none -%}
    {%- if owner is not none and owner != warehouse -%}
        {{ exceptions.raise_compiler_error(
            "The activation folder " ~ folder ~ " holds the exports of warehouse " ~ owner
            ~ " (its _exports.json says so), not of " ~ warehouse ~ ": set the activation_output_path "
            ~ "var to a folder of this warehouse's own, or leave it unset (a folder beside the warehouse).") }}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}
