{#
    Every column of the relation in scope (or of the one aliased
    `relation_alias`) except the ones named: DuckDB spells it
    `* exclude (...)`, Spark and Databricks `* except (...)`.
    Usage: select {{ smart_segments.star_except(['filename', 'file_row_number']) }}
#}
{% macro star_except(column_names, relation_alias=none) -%}
    {{ return(adapter.dispatch('star_except', 'smart_segments')(column_names, relation_alias)) }}
{%- endmacro %}

{% macro default__star_except(column_names, relation_alias=none) -%}
    {{ relation_alias ~ '.' if relation_alias }}* exclude ({{ column_names | join(', ') }})
{%- endmacro %}

{% macro spark__star_except(column_names, relation_alias=none) -%}
    {{ relation_alias ~ '.' if relation_alias }}* except ({{ column_names | join(', ') }})
{%- endmacro %}
