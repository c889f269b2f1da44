{#
    The rows of `relation` (a CTE name) with Benjamini-Hochberg q-values of
    `p_value` added as `q_value`, within each group of `partition_by` (a
    list of columns; empty: all rows are one family): with the m non-null
    p-values of a group ranked
    1..m (ties in the order of `tiebreak`, a list of columns),
    q(i) = min over j >= i of p(j) * m / j, capped at 1. A null p-value
    gets a null q-value and does not count in m. The select of a CTE; its
    rows carry the helper columns bh_tested and bh_rank too.
#}
{% macro benjamini_hochberg(relation, p_value, q_value, partition_by, tiebreak) -%}
    {%- set partition = (partition_by + [p_value ~ ' is null']) | join(', ') -%}
    select
        ranked.*,
        case
            when {{ p_value }} is not null
                then least(
                    1.0,
                    min({{ p_value }} * bh_tested / bh_rank) over (
                        partition by {{ partition }}
                        order by {{ p_value }} desc{% for column in tiebreak %}, {{ column }} desc{% endfor %}
                        rows between unbounded preceding and current row
                    )
                )
        end as {{ q_value }}
    from (
        select
            *,
            count({{ p_value }}) over ({{ 'partition by ' ~ partition_by | join(', ') if partition_by }}) as bh_tested,
            row_number() over (
                partition by {{ partition }}
                order by {{ p_value }}{% for column in tiebreak %}, {{ column }}{% endfor %}
            ) as bh_rank
        from {{ relation }}
    ) as ranked
{%- endmacro %}
