{#
    delete_rows on Spark (plain Parquet tables, no DELETE): rewrite the
    partitions that hold a matching row, without those rows.

      1. the partitions that hold a matching row (a table without partition
         columns is one partition; no match: nothing is written);
      2. their rows that do not match, copied into `<table>__dbt_kept`;
      3. `insert overwrite` of the table from that copy: with Spark's dynamic
         partition overwrite (the profile's and this macro's setting) it
         replaces exactly the partitions the copy holds rows of;
      4. the partitions left with no row are dropped; the copy is dropped.

    Every step leaves the table whole: before step 3 it is untouched, after
    it the kept rows are in place, and a partition dropped in step 4 holds
    only rows to delete. A run that fails in between is repeated as it
    stands (the condition is evaluated again). Steps 2-4 read the copy, not
    the table (Spark cannot overwrite a table that its own statement
    reads). A matching row in a partition whose value is null (Spark's
    default partition, which no partition spec names) rewrites the whole
    table instead (a static overwrite).
#}
{% macro spark__delete_rows(relation, condition) -%}
    {%- if execute -%}
        {%- set matches = "coalesce((" ~ condition ~ "), false)" -%}
        {%- set partition_columns = smart_segments.spark_partition_columns(relation) -%}
        {%- if partition_columns | length > 1 -%}
            {{ exceptions.raise_compiler_error(
                "delete_rows: " ~ relation ~ " is partitioned by " ~ partition_columns | join(', ')
                ~ "; it rewrites tables of one partition column (a date) or none") }}
        {%- endif -%}
        {%- set kept = api.Relation.create(
            database=relation.database, schema=relation.schema, identifier=relation.identifier ~ '__dbt_kept') -%}
        {%- set columns = adapter.get_columns_in_relation(relation) | map(attribute='quoted') | join(', ') -%}
        {%- set whole_table = partition_columns | length == 0 -%}
        {%- set touched = [] -%}
        {%- if whole_table -%}
            {%- set matching = run_query("select count(*) from " ~ relation ~ " where " ~ matches)
                .columns[0].values()[0] -%}
            {%- set scope = "true" -%}
        {%- else -%}
            {%- set partition = partition_columns[0] -%}
            {%- set values = run_query(
                "select distinct cast(" ~ partition ~ " as string) from " ~ relation ~ " where " ~ matches
            ).columns[0].values() | list -%}
            {%- set matching = values | length -%}
            {%- if none in values -%}
                {%- set whole_table = true -%}
                {%- set scope = "true" -%}
            {%- else -%}
                {%- for value in values -%}
                    {%- do touched.append("'" ~ value ~ "'") -%}
                {%- endfor -%}
                {%- set scope = partition ~ " in (" ~ touched | join(', ') ~ ")" -%}
            {%- endif -%}
        {%- endif -%}
        {%- if matching > 0 -%}
            {%- do run_query("drop table if exists " ~ kept) -%}
            {%- do run_query("create table " ~ kept ~ " using parquet as select " ~ columns ~ " from "
                ~ relation ~ " where " ~ scope ~ " and not " ~ matches) -%}
            {%- do run_query("set spark.sql.sources.partitionOverwriteMode = "
                ~ ("static" if whole_table else "dynamic")) -%}
            {%- do run_query("insert overwrite table " ~ relation ~ " select " ~ columns ~ " from " ~ kept) -%}
            {%- do run_query("set spark.sql.sources.partitionOverwriteMode = dynamic") -%}
            {%- if not whole_table -%}
                {%- set kept_values = run_query("select distinct cast(" ~ partition ~ " as string) from " ~ kept)
                    .columns[0].values() | list -%}
                {%- for value in values if value not in kept_values -%}
                    {%- do run_query("alter table " ~ relation ~ " drop if exists partition ("
                        ~ partition ~ " = '" ~ value ~ "')") -%}
                {%- endfor -%}
            {%- endif -%}
            {%- do run_query("drop table " ~ kept) -%}
            {%- do log(relation.identifier ~ ": deleted the rows a run recomputes by rewriting "
                ~ ("the table" if whole_table else touched | length ~ " partition(s) of " ~ partition), info=true) -%}
        {%- endif -%}
    {%- endif -%}
    select 1
{%- endmacro %}
