{#
    The statistics macros on hand-picked counts, against values computed
    with scipy (norm.sf, binomtest().proportion_ci(method='wilson')):
    undefined cases give null, never an error or an infinity; defined ones
    agree to 1e-9 in size (the p-value approximation: 1.2e-7 relative).
    Returns the cases that do not.
#}

with

cases as (

    select
        case_name,
        x1,
        n1,
        x2,
        n2,
        expected_p_value,
        expected_ci_low,
        expected_ci_high
    from (
        values
        ('empty group', 0, 0, 3, 10, null, null, null),
        ('nobody converts', 0, 5, 0, 5, null, 0.0, 0.43448246478317476),
        ('everybody converts', 5, 5, 5, 5, null, 0.5655175352168252, 1.0),
        ('one of two against none of two', 1, 2, 0, 2, 0.24821307898992362, 0.09453120573423074, 0.9054687942657693)
    ) as fixtures (case_name, x1, n1, x2, n2, expected_p_value, expected_ci_low, expected_ci_high)  -- noqa: AL05

),

computed as (

    select
        *,
        {{ smart_segments.two_sided_normal_p_value(smart_segments.two_proportion_z('x1', 'n1', 'x2', 'n2')) }}
            as p_value,
        {{ smart_segments.wilson_interval('x1', 'n1', 'low') }} as ci_low,
        {{ smart_segments.wilson_interval('x1', 'n1', 'high') }} as ci_high
    from cases

),

far_tail as (

    select
        'z = 8' as case_name,
        {{ smart_segments.two_sided_normal_p_value('8.0') }} as p_value,
        1.244192114854348e-15 as expected_p_value

)

select case_name from computed
where
    (expected_p_value is null) != (p_value is null)
    or abs(p_value - expected_p_value) > 1.2e-7 * expected_p_value
    or (expected_ci_low is null) != (ci_low is null)
    or abs(ci_low - expected_ci_low) > 1e-9
    or abs(ci_high - expected_ci_high) > 1e-9
union all
select case_name from far_tail
where abs(p_value - expected_p_value) > 1.2e-7 * expected_p_value
