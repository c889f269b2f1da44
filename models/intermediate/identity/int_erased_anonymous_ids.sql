{{ config(materialized='ephemeral') }}

{#
    Anonymous ids (devices) ever seen with an erased user: their anonymous
    history goes with the user. Ephemeral on purpose, like int_erased_users:
    inlined where events must be removed, never stored.
#}

with

events as (

    select
        user_id,
        anonymous_id
    from {{ ref('stg_raw__events') }}

),

erased_users as (

    select * from {{ ref('int_erased_users') }}

),

erased_anonymous_ids as (

    select distinct events.anonymous_id
    from events
    inner join erased_users
        on events.user_id = erased_users.user_id
    where events.anonymous_id is not null

)

select * from erased_anonymous_ids
