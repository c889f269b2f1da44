{#
    The raw events files exactly as received, plus where each row came from.
    The only model that reads source('raw', 'events'): the files are checked
    against the contract first, so a mismatch fails here with a message
    naming the file and the column.
#}

{{ smart_segments.assert_source_contract('raw', 'events') }}

with

source_events as (

    select * from {{ source('raw', 'events') }}

),

with_lineage as (

    select
        {{ smart_segments.star_except(['filename', 'file_row_number']) }},
        filename as source_file,
        file_row_number as source_row_number
    from source_events

)

select * from with_lineage
