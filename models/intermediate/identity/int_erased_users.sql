{{ config(materialized='ephemeral') }}

{#
    Users whose GDPR erasure request falls on or before the current
    as_of_date, from any of their profile versions (macro erased_user_ids,
    shared with the incremental rollups' pre-hooks). Ephemeral on purpose:
    it is inlined where users must be removed, and never stored, so no
    intermediate or mart relation lists these users.
    Erasure is retroactive: an erased user is absent at every as-of date.
#}

{{ smart_segments.erased_user_ids() }}
