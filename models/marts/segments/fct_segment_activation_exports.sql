{{
    config(
        pre_hook="{{ smart_segments.assert_no_held_exports(ref('int_segment_activation_files')) }}",
    )
}}

{#
    The activation exports of this build: one row per segment with the
    Parquet file its contactable, non-holdout members were written to
    (absolute path, in the folder int_segment_activation_settings names),
    whether it was written or held back by the audience guardrail, its row
    counts, and which warehouse and dbt invocation wrote it. Written by
    int_segment_activation_files.
#}

with

files as (

    select * from {{ ref('int_segment_activation_files') }}

),

settings as (

    select * from {{ ref('int_segment_activation_settings') }}

),

exports as (

    select
        files.segment_name,
        files.file_path,
        files.export_status,
        settings.warehouse_path,
        settings.invocation_id,
        cast(files.exported_members as bigint) as exported_members,
        cast(files.previous_members as bigint) as previous_members,
        settings.as_of_date
    from files
    cross join settings

)

select * from exports
