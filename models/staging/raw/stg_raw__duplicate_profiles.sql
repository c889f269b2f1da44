{#
    Raw profile rows that repeat a (user_id, updated_at) already exported:
    the first copy by file name and row number is the one kept.
#}

with

triaged_profiles as (

    select * from {{ ref('stg_raw__profiles_triaged') }}

),

duplicates as (

    select
        user_id,
        source_file,
        copy_number,
        source_row_number,
        updated_at
    from triaged_profiles
    where row_status = 'duplicate'

)

select * from duplicates
