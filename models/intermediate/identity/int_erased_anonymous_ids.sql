{{ config(materialized='ephemeral') }}

{#
    Anonymous ids (devices) ever seen with an erased user: their anonymous
    history goes with the user (macro erased_anonymous_ids). Ephemeral on
    purpose, like int_erased_users: inlined where events must be removed,
    never stored.
#}

{{ smart_segments.erased_anonymous_ids() }}
