{# The relation holding what the model's last run stitched with. #}
{% macro stitching_state_relation() -%}
    {{ return(api.Relation.create(
        database=this.database, schema=this.schema, identifier=this.identifier ~ '__stitching')) }}
{%- endmacro %}
