{#
    A path as an absolute, normalised one: unchanged (but normalised) when
    absolute, else resolved against the dbt project directory (not the
    shell's current directory), so `dbt build --project-dir ~/smart-segments`
    run from anywhere reads and writes the same files as `make build`.
    smart_segments_ops.warehouse_guard resolves the warehouse file by the
    same rule. (dbt's Jinja has no os.path: a relative --project-dir is
    taken against $PWD.)
#}
{% macro project_path(path) -%}
    {%- set text = path | string | trim -%}
    {%- if not text.startswith('/') -%}
        {%- set project_dir = invocation_args_dict.get('project_dir') or '.' -%}
        {%- if not project_dir.startswith('/') -%}
            {%- set project_dir = env_var('PWD', '/') ~ '/' ~ project_dir -%}
        {%- endif -%}
        {%- set text = project_dir ~ '/' ~ text -%}
    {%- endif -%}
    {%- set parts = [] -%}
    {%- for part in text.split('/') if part not in ('', '.') -%}
        {%- if part == '..' -%}
            {%- if parts %}{% do parts.pop() %}{% endif -%}
        {%- else -%}
            {%- do parts.append(part) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return('/' ~ parts | join('/')) }}
{%- endmacro %}
