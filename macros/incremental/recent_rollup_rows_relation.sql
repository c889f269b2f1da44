{# The relation holding the rollup rows the last run saw received since its next cut-off, whole. #}
{% macro recent_rollup_rows_relation() -%}
    {{ return(api.Relation.create(
        database=this.database, schema=this.schema, identifier=this.identifier ~ '__recent_rollup_rows')) }}
{%- endmacro %}
