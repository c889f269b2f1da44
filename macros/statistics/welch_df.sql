{#
    Welch-Satterthwaite degrees of freedom of a difference of two means,
    from each group's squared standard error (variance / n) and size:
    (e1 + e2)^2 / (e1^2 / (n1 - 1) + e2^2 / (n2 - 1)). Null unless the
    squared errors add up to more than 0 and both groups have 2 members or
    more.
#}
{% macro welch_df(squared_error_1, squared_error_2, n1, n2) -%}
    case
        when {{ squared_error_1 }} + {{ squared_error_2 }} > 0 and {{ n1 }} > 1 and {{ n2 }} > 1
            then
                pow({{ squared_error_1 }} + {{ squared_error_2 }}, 2)
                / (
                    pow({{ squared_error_1 }}, 2) / ({{ n1 }} - 1)
                    + pow({{ squared_error_2 }}, 2) / ({{ n2 }} - 1)
                )
    end
{%- endmacro %}
