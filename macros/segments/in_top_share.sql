{#
    Whether a rank (1 = best) falls in the top `share` of `total` ranked
    rows: rank <= floor(total * share), in exact decimal arithmetic. With
    share 1/k this is NTILE(k) = k over the ascending order, which puts
    floor(total / k) rows in the last tile.
#}
{% macro in_top_share(rank_column, total_column, share) -%}
    {%- if share is not number or share <= 0 or share > 1 -%}
        {{ exceptions.raise_compiler_error("in_top_share: share must be in (0, 1], got " ~ share) }}
    {%- endif -%}
    ({{ rank_column }} <= floor({{ total_column }} * cast({{ share }} as decimal(9, 6))))
{%- endmacro %}
