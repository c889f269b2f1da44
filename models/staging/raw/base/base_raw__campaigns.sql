{#
    The raw campaigns files exactly as received, plus where each row came
    from; the contract v1.1 columns are null when no file has them.
    The only model that reads source('raw', 'campaigns'): the files are checked
    against the contract first, so a mismatch fails here with a message
    naming the file and the column.
#}

{{ smart_segments.assert_source_contract('raw', 'campaigns') }}
{%- set absent_columns = smart_segments.absent_optional_columns('raw', 'campaigns') %}

with

source_campaigns as (

    select * from {{ source('raw', 'campaigns') }}

),

with_lineage as (

    select
        {{ smart_segments.star_except(['filename', 'file_row_number']) }},
        {#- a contract v1.1 column no file has (files written to v1) -#}
        {%- for column in absent_columns %}
            cast(null as {{ column.data_type }}) as {{ column.name }},
        {%- endfor %}
        filename as source_file,
        file_row_number as source_row_number
    from source_campaigns

)

select * from with_lineage
