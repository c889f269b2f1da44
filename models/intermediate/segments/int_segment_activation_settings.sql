{#
    What this build's activation export needs to know, as one row rendered
    when the build runs (not when the project was parsed): the dbt
    invocation_id, the warehouse file and the export folder (absolute), the
    current as-of date, and the audience guardrail's settings. The Python
    model int_segment_activation_files reads it, and records it in the
    export folder's manifest.
#}

{%- set max_drop = smart_segments.number_var('segments__max_audience_drop') %}
{%- set severity = var('segments__audience_guardrail_severity') %}
{%- if severity not in ('error', 'warn') %}
    {{ exceptions.raise_compiler_error(
        "Invalid dbt var segments__audience_guardrail_severity: '" ~ severity ~ "' (error or warn)") }}
{%- endif %}
{%- set allowed = var('segments__audience_drop_allowed_segments') %}
{%- if allowed is string or allowed is not iterable %}
    {{ exceptions.raise_compiler_error(
        "Invalid dbt var segments__audience_drop_allowed_segments: " ~ allowed
        ~ " (a list of segment names, e.g. [active_users])") }}
{%- endif %}

with

as_of_dates as (

    select * from {{ ref('int_as_of_dates') }}

),

settings as (

    select
        '{{ invocation_id }}' as invocation_id,
        '{{ (smart_segments.warehouse_path() or target.name) | replace("'", "''") }}' as warehouse_path,
        '{{ smart_segments.activation_output_path() | replace("'", "''") }}' as activation_output_path,
        '{{ severity }}' as audience_guardrail_severity,
        '{{ allowed | join(",") }}' as audience_drop_allowed_segments,
        cast({{ max_drop }} as double) as max_audience_drop,
        as_of_date
    from as_of_dates
    where is_current

)

select * from settings
