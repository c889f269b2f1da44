{#
    The pooled two-proportion z statistic for x1 of n1 against x2 of n2:
    (x1/n1 - x2/n2) / sqrt(p (1 - p) (1/n1 + 1/n2)), p = (x1 + x2) / (n1 + n2).
    Null when a group is empty or the pooled rate is 0 or 1 (no variance):
    the test says nothing there, and a null beats an infinity.
#}
{% macro two_proportion_z(x1, n1, x2, n2) -%}
    case
        when {{ n1 }} > 0 and {{ n2 }} > 0 and {{ x1 }} + {{ x2 }} > 0 and {{ x1 }} + {{ x2 }} < {{ n1 }} + {{ n2 }}
            then
                (cast({{ x1 }} as double) / {{ n1 }} - cast({{ x2 }} as double) / {{ n2 }})
                / sqrt(
                    (cast({{ x1 }} + {{ x2 }} as double) / ({{ n1 }} + {{ n2 }}))
                    * (1 - cast({{ x1 }} + {{ x2 }} as double) / ({{ n1 }} + {{ n2 }}))
                    * (1.0 / {{ n1 }} + 1.0 / {{ n2 }})
                )
    end
{%- endmacro %}
