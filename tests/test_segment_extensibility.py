"""Adding a segment takes one model file and one YAML entry, nothing else.

A copy of the project gets seg_big_spenders (revenue_365d_usd >= 500) and
its entry in _segments.yml; on the hand-made users of test_segments the
members are hv_a, hv_b (1000) and pr_aov (500).
"""

from __future__ import annotations

import hashlib

import duckdb
import pytest

from tests.conftest import DbtProject
from tests.test_segments import CAMPAIGNS, EVENTS, PROFILES, D, holdout

MODEL = """{#- Customers who spent at least 500 USD in the last 365 days. -#}

{% call smart_segments.segment_rule() %}
    revenue_365d_usd >= 500
{% endcall %}
"""

ENTRY = """
  - name: seg_big_spenders
    description: Customers who spent at least 500 USD in the last 365 days.
    config:
      <<: *segment_config
      meta:
        segment:
          family: value
          rule: revenue_365d_usd >= 500
          owner: test-suite
    data_tests: *segment_tests
    columns:
      - *user_id
      - *email_sha256
      - *country
      - *primary_platform
      - name: revenue_365d_usd
        data_type: decimal(18,4)
        description: Revenue in the last 365 days.
      - *is_contactable
      - *is_holdout
      - *as_of_date
      - *entered_at
"""
MEMBERS = {"hv_a", "hv_b", "pr_aov"}


@pytest.fixture(scope="module")
def extended(tmp_path_factory: pytest.TempPathFactory) -> DbtProject:
    project = DbtProject(tmp_path_factory.mktemp("extended"))
    catalogue = project.project_dir / "models" / "marts" / "segments" / "catalogue"
    (catalogue / "value" / "seg_big_spenders.sql").write_text(MODEL)
    with (catalogue / "_segments.yml").open("a") as handle:
        handle.write(ENTRY)
    project.write_raw("profiles", PROFILES)
    project.write_raw("events", EVENTS)
    project.write_raw("campaigns", CAMPAIGNS)
    run = project.dbt("build", variables={"as_of_date": D})
    assert run.success, run.text
    return project


def test_the_new_segment_is_in_the_catalogue(extended: DbtProject) -> None:
    assert extended.query(
        "select segment_name, model_name, family, rule, owner, definition_hash from marts.dim_segments "
        "where segment_name = 'big_spenders'"
    ) == [
        ("big_spenders", "seg_big_spenders", "value", "revenue_365d_usd >= 500", "test-suite",
         hashlib.md5(b"revenue_365d_usd >= 500").hexdigest())
    ]  # fmt: skip


def test_the_new_segment_has_its_table_and_memberships(extended: DbtProject) -> None:
    assert {
        row[0] for row in extended.query("select user_id from marts.seg_big_spenders")
    } == MEMBERS
    assert {
        row[0]
        for row in extended.query(
            "select user_id from marts.fct_segment_membership where segment_name = 'big_spenders'"
        )
    } == MEMBERS
    assert extended.scalar(
        "select count(*) from marts.fct_segment_membership_history where segment_name = 'big_spenders'"
    ) == len(MEMBERS)


def test_the_new_segment_is_exported(extended: DbtProject) -> None:
    path = extended.activation / "big_spenders.parquet"
    exported = {row[0] for row in duckdb.sql(f"select user_id from '{path}'").fetchall()}
    assert exported == {user for user in MEMBERS if not holdout("big_spenders", user)}
    assert extended.scalar(
        "select exported_members from marts.fct_segment_activation_exports where segment_name = 'big_spenders'"
    ) == len(exported)


def test_an_incomplete_entry_fails_with_the_model_name(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    project = DbtProject(tmp_path_factory.mktemp("incomplete"))
    catalogue = project.project_dir / "models" / "marts" / "segments" / "catalogue"
    (catalogue / "value" / "seg_big_spenders.sql").write_text(MODEL)
    with (catalogue / "_segments.yml").open("a") as handle:
        handle.write(ENTRY.replace("          family: value\n", "          family: valuable\n"))
    run = project.dbt("compile", "--select", "int_segment_definitions", variables={"as_of_date": D})
    assert not run.success
    assert (
        "Segment model seg_big_spenders" in run.text
        and "meta.segment.family must be one of" in run.text
    )
    assert "(got valuable)" in run.text


def test_a_metric_the_inputs_lack_fails_with_a_clear_message(extended: DbtProject) -> None:
    catalogue = extended.project_dir / "models" / "marts" / "segments" / "catalogue"
    (catalogue / "value" / "seg_misnamed.sql").write_text(MODEL)
    with (catalogue / "_segments.yml").open("a") as handle:
        handle.write(
            ENTRY.replace("seg_big_spenders", "seg_misnamed").replace(
                "name: revenue_365d_usd", "name: revenue_last_year_usd"
            )
        )
    run = extended.dbt("run", "--select", "seg_misnamed", variables={"as_of_date": D})
    assert not run.success
    assert (
        "Segment model seg_misnamed lists column revenue_last_year_usd in its YAML entry, but "
        "int_segment_inputs_as_of has no such column" in run.text
    )
