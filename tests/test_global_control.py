"""The global control group: a stable ~5% of users, in no activation export."""

from __future__ import annotations

import duckdb

from tests.conftest import DbtProject
from tests.test_segments import global_control as in_group


def test_the_group_is_the_documented_hash_of_every_known_user(generated_sample: DbtProject) -> None:
    users = [row[0] for row in generated_sample.query("select user_id from marts.dim_customers")]
    group = {
        row[0]
        for row in generated_sample.query("select user_id from marts.dim_global_control_group")
    }
    assert group == {user for user in users if in_group(user)}
    # 2,000 generated users, seed 11: the count is exact for this sample
    assert (len(group), len(users)) == (99, 1986)
    assert abs(len(group) / len(users) - 0.05) < 0.01


def test_no_member_of_the_group_is_exported(generated_sample: DbtProject) -> None:
    group = {
        row[0]
        for row in generated_sample.query("select user_id from marts.dim_global_control_group")
    }
    files = [
        row[0]
        for row in generated_sample.query(
            "select file_path from marts.fct_segment_activation_exports"
        )
    ]
    assert files
    exported = {
        row[0] for path in files for row in duckdb.sql(f"select user_id from '{path}'").fetchall()
    }
    assert exported and not exported & group


def test_every_segment_table_flags_the_group_and_its_activatable_members_are_the_export(
    generated_sample: DbtProject,
) -> None:
    """The README's audience query (`where is_activatable`) returns exactly the export's rows."""
    exports = generated_sample.query(
        "select segment_name, file_path from marts.fct_segment_activation_exports order by 1"
    )
    assert len(exports) > 30
    flagged = 0
    for segment, path in exports:
        rows = generated_sample.query(
            f"select user_id, is_global_control, is_activatable, is_contactable, is_holdout "
            f"from marts.seg_{segment}"
        )
        for user_id, is_global_control, is_activatable, is_contactable, is_holdout in rows:
            assert is_global_control == in_group(user_id), (segment, user_id)
            assert is_activatable == (is_contactable and not is_holdout and not is_global_control)
            flagged += is_global_control and is_contactable and not is_holdout
        activatable = sorted(row[0] for row in rows if row[2])
        exported = sorted(row[0] for row in duckdb.sql(f"select user_id from '{path}'").fetchall())
        assert activatable == exported, segment
    # the finding: contactable non-holdout members of the group were in the old audience query
    assert flagged > 100
