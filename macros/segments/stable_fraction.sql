{#
    A number in [0, 1) that depends only on the text of `expression`: the
    first 8 hex digits of its md5 digest read as an integer, divided by
    16^8. The same on every engine with md5 (DuckDB, Postgres, Spark,
    Trino), because the hex digits are read one by one with position()
    instead of an engine's own hex parser. In Python:
    int(hashlib.md5(text.encode()).hexdigest()[:8], 16) / 16**8.
    The digits are summed as bigints and divided as a double: Spark's
    integers are 32-bit (the sum of 8 hex digits overflows them, to null
    or a wrong number with ANSI mode off) and its `/ 4294967296.0` a
    decimal division.
#}
{% macro stable_fraction(expression) -%}
    {%- set digest = dbt.hash(expression) -%}
    (
        {%- for index in range(8) %}
        cast({{ dbt.position("substring(" ~ digest ~ ", " ~ (index + 1) ~ ", 1)", "'0123456789abcdef'") }} - 1 as bigint)
        * {{ 16 ** (7 - index) }}{{ ' +' if not loop.last }}
        {%- endfor %}
    ) / cast({{ 16 ** 8 }} as double)
{%- endmacro %}
