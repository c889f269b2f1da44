{#
    The activation exports of this build: one row per segment with the
    Parquet file its contactable, non-holdout members were written to
    (under the activation_output_path var) and how many rows it holds.
    Written by int_segment_activation_files.
#}

with

files as (

    select * from {{ ref('int_segment_activation_files') }}

),

current_as_of_date as (

    select * from {{ ref('int_as_of_dates') }}
    where is_current

),

exports as (

    select
        files.segment_name,
        files.file_path,
        cast(files.exported_members as bigint) as exported_members,
        current_as_of_date.as_of_date
    from files
    cross join current_as_of_date

)

select * from exports
