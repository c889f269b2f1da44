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
