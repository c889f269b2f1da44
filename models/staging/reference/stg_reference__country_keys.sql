{#
    Every spelling of a country that staging recognises, lower-cased, with
    the ISO 3166-1 alpha-2 code it stands for: the code itself and the
    English name from the countries seed.
#}

with

countries as (

    select * from {{ ref('countries') }}

),

code_keys as (

    select
        lower(country) as country_key,
        country
    from countries

),

name_keys as (

    select
        lower(country_name) as country_key,
        country
    from countries

),

all_keys as (

    select * from code_keys
    union
    select * from name_keys

)

select * from all_keys
