{#
    A number in [0, 1) that depends only on the text of `expression`: the
    first 8 hex digits of its md5 digest read as an integer, divided by
    16^8. The same on every engine with md5 (DuckDB, Postgres, Spark,
    Trino), because the hex digits are read one by one with position()
    instead of an engine's own hex parser. In Python:
    int(hashlib.md5(text.encode()).hexdigest()[:8], 16) / 16**8.
#}
{% macro stable_fraction(expression) -%}
    {%- set digest = dbt.hash(expression) -%}
    (
        {%- for index in range(8) %}
        ({{ dbt.position("substring(" ~ digest ~ ", " ~ (index + 1) ~ ", 1)", "'0123456789abcdef'") }} - 1)
        * {{ 16 ** (7 - index) }}{{ ' +' if not loop.last }}
        {%- endfor %}
    ) / {{ 16 ** 8 }}.0
{%- endmacro %}
