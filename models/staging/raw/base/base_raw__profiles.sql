{#
    The raw profiles files exactly as received, plus where each row came from.
    The only model that reads source('raw', 'profiles'): the files are checked
    against the contract first, so a mismatch fails here with a message
    naming the file and the column.
#}

{{ smart_segments.assert_source_contract('raw', 'profiles') }}

with

source_profiles as (

    select * from {{ source('raw', 'profiles') }}

),

with_lineage as (

    select
        {{ smart_segments.star_except(['filename', 'file_row_number']) }},
        filename as source_file,
        file_row_number as source_row_number
    from source_profiles

)

select * from with_lineage
