{#
    Raw profile rows that cannot be used, with a quarantine_reason. No PII
    beyond the hash of the email is carried into this audit trail.
#}

with

triaged_profiles as (

    select * from {{ ref('stg_raw__profiles_triaged') }}

),

quarantined as (

    select
        user_id,
        quarantine_reason,
        email_sha256,
        source_file,
        source_row_number,
        signup_at,
        updated_at
    from triaged_profiles
    where row_status = 'quarantined'

)

select * from quarantined
