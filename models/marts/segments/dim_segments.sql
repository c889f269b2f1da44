{#
    The segment catalogue: one row per segment the project defines (every
    seg_<name> model), with its family, description, human-readable rule,
    owner, the compiled condition and its definition_hash. A changed rule
    or threshold changes the hash, which the membership log and history
    carry too, so a new definition is visible instead of silently shifting
    the numbers.
#}

with

definitions as (

    select * from {{ ref('int_segment_definitions') }}

),

catalogue as (

    select
        segment_name,
        model_name,
        family,
        description,
        rule,
        owner,
        condition_sql,
        definition_hash
    from definitions

)

select * from catalogue
