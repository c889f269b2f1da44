{#
    `left join` of the right relation's latest row at or before each left
    row, per key: for every left row, the right row of the same key with
    the greatest ordering value not after the left row's (none: nulls).
    DuckDB has ASOF joins; Spark joins on the key and keeps the right row
    whose next ordering value (lead over the key) is after the left row's.
    The right relation is aliased as its own name.
    Usage:
        from running_sums
        {{ smart_segments.asof_left_join('running_sums', 'running_latest', 'user_id', 'read_date') }}
#}
{% macro asof_left_join(left_alias, right_relation, key, ordering_column) -%}
    {{ return(adapter.dispatch('asof_left_join', 'smart_segments')(left_alias, right_relation, key, ordering_column)) }}
{%- endmacro %}

{% macro default__asof_left_join(left_alias, right_relation, key, ordering_column) -%}
    asof left join {{ right_relation }}
        on
            {{ left_alias }}.{{ key }} = {{ right_relation }}.{{ key }}
            and {{ left_alias }}.{{ ordering_column }} >= {{ right_relation }}.{{ ordering_column }}
{%- endmacro %}

{% macro spark__asof_left_join(left_alias, right_relation, key, ordering_column) -%}
    left join (
        select
            *,
            lead({{ ordering_column }}) over (
                partition by {{ key }} order by {{ ordering_column }}
            ) as asof_next_{{ ordering_column }}
        from {{ right_relation }}
    ) as {{ right_relation }}
        on
            {{ left_alias }}.{{ key }} = {{ right_relation }}.{{ key }}
            and {{ left_alias }}.{{ ordering_column }} >= {{ right_relation }}.{{ ordering_column }}
            and (
                {{ right_relation }}.asof_next_{{ ordering_column }} is null
                or {{ left_alias }}.{{ ordering_column }} < {{ right_relation }}.asof_next_{{ ordering_column }}
            )
{%- endmacro %}
