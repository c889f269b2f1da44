{#
    Publish the warehouse as it is now: every table of the marts schema is
    written aside as a new publication - a DuckDB file in the storage format
    segments__publish_storage_version (with a table main.published_tables:
    every table's row count and the build that wrote it) and one Parquet
    file per table (a Hive-partitioned folder where the model's meta sets
    publish_partition_by) - and then made current together with the
    activation exports the build staged, by smart_segments_publish()
    (smart_segments_ops/publication.py). publish_build calls it after a
    passing build; `dbt run-operation publish_marts` publishes a warehouse
    that `dbt run` wrote and `dbt test` passed (what the bench does), and
    nothing checks that the tests ran: prefer `dbt build`.
#}
{% macro publish_marts() -%}
    {%- set started = modules.datetime.datetime.now() -%}
    {%- set tables = [] -%}
    {%- for node in graph.nodes.values() | sort(attribute='name')
        if node.resource_type in ['model', 'seed', 'snapshot'] and node.schema == 'marts'
        and node.config.materialized != 'ephemeral' -%}
        {#- no catalog query: it would open a transaction, and DETACH cannot run in one -#}
        {%- set relation = api.Relation.create(database=node.database, schema=node.schema, identifier=node.alias) -%}
        {%- do tables.append({'name': node.alias, 'relation': relation,
            'partition_by': (node.config.meta or {}).get('publish_partition_by')}) -%}
    {%- endfor -%}

    {%- set dates_node = graph.nodes.values() | selectattr('name', 'equalto', 'int_as_of_dates') | first -%}
    {%- set dates = api.Relation.create(database=dates_node.database, schema=dates_node.schema, identifier=dates_node.alias) -%}
    {%- set current = run_query(
        'select cast(as_of_date as varchar), is_provisional from ' ~ dates ~ ' where is_current').rows[0] -%}
    {%- set as_of_date, is_provisional = current[0], current[1] -%}
    {%- set count_sql -%}
        {%- for table in tables %}
        select '{{ table.name }}' as table_name, count(*) as row_count from {{ table.relation }}
        {{ 'union all' if not loop.last }}
        {%- endfor %}
    {%- endset -%}
    {%- set counted = run_query(count_sql) -%}
    {%- set row_counts = dict(zip(counted.columns[0].values(), counted.columns[1].values())) -%}

    {%- set warehouse = smart_segments.warehouse_path() -%}
    {%- set stem = modules.re.sub('\\.(duckdb|db)$', '', warehouse.split('/')[-1]) -%}
    {%- set plan = {
        'publish_path': smart_segments.publish_path(),
        'publication_id': run_started_at.strftime('%Y%m%dT%H%M%SZ') ~ '-' ~ invocation_id[:8],
        'warehouse': warehouse,
        'invocation_id': invocation_id,
        'as_of_date': as_of_date,
        'as_of_date_is_provisional': is_provisional,
        'build_started_at': run_started_at.strftime('%Y-%m-%dT%H:%M:%SZ'),
        'dbt_version': dbt_version,
        'duckdb_file': stem ~ '.duckdb',
        'storage_version': var('segments__publish_storage_version'),
        'activation_output_path': smart_segments.activation_output_path(),
        'tables': {},
    } -%}
    {%- for table in tables -%}
        {%- do plan['tables'].update({table.name: {
            'rows': row_counts[table.name] | int,
            'parquet': 'parquet/' ~ table.name ~ ('' if table.partition_by else '.parquet'),
            'partitioned_by': table.partition_by}}) -%}
    {%- endfor -%}

    {%- set partial = run_query("select smart_segments_publication_start('"
        ~ plan | tojson | replace("'", "''") ~ "')").columns[0].values()[0] -%}
    {%- set database = 'smart_segments_publication' -%}
    {%- call statement('publish_duckdb_file', auto_begin=False) -%}
        attach '{{ partial }}/{{ plan.duckdb_file }}' as {{ database }}
            (storage_version '{{ plan.storage_version }}');
        create schema {{ database }}.marts;
        {%- for table in tables %}
        create table {{ database }}.marts.{{ table.name }} as select * from {{ table.relation }};
        {%- endfor %}
        create table {{ database }}.main.published_tables as
        select * from (values
            {%- for table in tables %}
            ('marts', '{{ table.name }}', {{ plan.tables[table.name].rows }}){{ ',' if not loop.last }}
            {%- endfor %}
        ) as published (schema_name, table_name, row_count)
        cross join (select
            '{{ plan.publication_id }}' as publication_id,
            '{{ invocation_id }}' as invocation_id,
            cast('{{ as_of_date }}' as date) as as_of_date,
            {{ 'true' if is_provisional else 'false' }} as as_of_date_is_provisional,
            cast('{{ plan.build_started_at }}' as timestamp) as build_started_at);
        detach {{ database }};
    {%- endcall -%}
    {%- call statement('publish_parquet', auto_begin=False) -%}
        {%- for table in tables %}
        copy {{ table.relation }} to '{{ partial }}/{{ plan.tables[table.name].parquet }}'
            (format parquet, compression zstd
            {%- if table.partition_by %}, partition_by ({{ table.partition_by }}){% endif %});
        {%- endfor %}
    {%- endcall -%}
    {%- do plan.update({'write_seconds': (modules.datetime.datetime.now() - started).total_seconds()}) -%}
    {%- set published = run_query("select smart_segments_publish('"
        ~ plan | tojson | replace("'", "''") ~ "')").columns[0].values()[0] -%}
    {{ log(published, info=True) }}
    {{ return('') }}
{%- endmacro %}
