"""The project's own dbt-score rules (pyproject.toml, [tool.dbt-score]).

dbt-score's generic rules check descriptions; these check what the house
style asks of every model: tests, a name that says its layer, layers that
only flow forward, and no fan-out of leaves from one model. No
`from __future__ import annotations`: dbt-score reads the annotations.
"""

from dbt_score import Model, RuleViolation, rule

# folder under models/ -> the prefixes a model's name may start with there
LAYER_PREFIXES = {
    "staging": ("base_", "stg_"),
    "intermediate": ("int_",),
    "marts": ("dim_", "fct_", "seg_"),
}
# steps after the membership log: marts by their place in the DAG, int_ by role
INTERNAL_MARTS_FOLDERS = ("models/marts/segments/internal/", "models/marts/campaigns/internal/")


def layer(model: Model) -> str | None:
    """staging, intermediate or marts: the first folder under models/."""
    parts = model.original_file_path.split("/")
    return parts[1] if len(parts) > 2 and parts[0] == "models" else None


@rule
def has_data_tests(model: Model) -> RuleViolation | None:
    """A model has at least one data test: on the model, on a column or on a key expression."""
    if model.config.get("materialized") == "ephemeral":
        return None  # inlined into its readers and tested there; dbt cannot test it
    # every test attached to the model: dbt-score's model.tests leaves out a model-level test
    # over an expression (unique of "a || '|' || b"), and column.tests only names columns
    if not model._raw_test_values:
        return RuleViolation(message="Model has no data test.")
    return None


@rule
def name_says_its_layer(
    model: Model, interface_names: list[str] | None = None
) -> RuleViolation | None:
    """A model's name starts with its layer's prefix (stg_, int_, dim_/fct_/seg_).

    interface_names: marts the spec names otherwise, kept for the tools that read them.
    """
    where = layer(model)
    if model.original_file_path.startswith(INTERNAL_MARTS_FOLDERS):
        prefixes: tuple[str, ...] = ("int_",)
    else:
        prefixes = LAYER_PREFIXES.get(where or "", ())
    if not prefixes or model.name.startswith(prefixes) or model.name in (interface_names or []):
        return None
    return RuleViolation(
        message=f"{model.name} is in {where}; its name should start with {' or '.join(prefixes)}."
    )


@rule
def intermediate_reads_no_mart(model: Model) -> RuleViolation | None:
    """An intermediate model reads staging and intermediate models only, never a mart."""
    if layer(model) != "intermediate":
        return None
    marts = sorted(
        parent.name
        for parent in model.parents
        if isinstance(parent, Model) and layer(parent) == "marts"
    )
    if marts:
        return RuleViolation(message=f"Reads marts: {', '.join(marts)}.")
    return None


@rule
def staging_reads_no_later_layer(model: Model) -> RuleViolation | None:
    """A staging model reads sources, seeds and staging models only."""
    if layer(model) != "staging":
        return None
    later = sorted(
        parent.name
        for parent in model.parents
        if isinstance(parent, Model) and layer(parent) != "staging"
    )
    if later:
        return RuleViolation(message=f"Reads later layers: {', '.join(later)}.")
    return None


@rule
def limited_leaf_fan_out(model: Model, max_leaf_children: int = 3) -> RuleViolation | None:
    """At most max_leaf_children models read this one and feed nothing else.

    Many leaves cut from one model usually hide a missing mart. Segment
    tables (tag segment) are the exception by design: one table per
    segment, all cut from the current members.
    """
    leaves = sorted(
        child.name
        for child in model.children
        if isinstance(child, Model)
        and "segment" not in child.tags
        and not any(isinstance(grandchild, Model) for grandchild in child.children)
    )
    if len(leaves) > max_leaf_children:
        listed = ", ".join(leaves)
        return RuleViolation(
            message=f"{len(leaves)} leaf models read it (> {max_leaf_children}): {listed}."
        )
    return None
