"""The global control group: a stable ~5% of users, in no activation export."""

from __future__ import annotations

import hashlib

import duckdb

from tests.conftest import DbtProject


def in_group(user_id: str, share: float = 0.05) -> bool:
    """The spec's rule, independently of the SQL: md5('global_control:' || user_id)."""
    return (
        int(hashlib.md5(f"global_control:{user_id}".encode()).hexdigest()[:8], 16) / 16**8 < share
    )


def test_the_group_is_the_documented_hash_of_every_known_user(generated_sample: DbtProject) -> None:
    users = [row[0] for row in generated_sample.query("select user_id from marts.dim_customers")]
    group = {
        row[0]
        for row in generated_sample.query("select user_id from marts.dim_global_control_group")
    }
    assert group == {user for user in users if in_group(user)}
    # 2,000 generated users, seed 11: the count is exact for this sample
    assert (len(group), len(users)) == (102, 1992)
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
