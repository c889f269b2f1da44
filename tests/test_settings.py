"""Every threshold var can be set to another sensible value and the build still passes.

Unit tests used to read the user's vars: setting
segments__min_plausible_event_date to 1990-01-01, as the README invites,
failed the triage unit test and stopped the build. Now every unit test pins
the vars its model reads (checked statically below), and one build of a
generated sample with a non-default value for every numeric and date var
must succeed, unit tests included.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml

from smart_segments_datagen.config import GeneratorConfig
from smart_segments_datagen.writer import generate
from tests.conftest import REPO, DbtProject

DEFAULTS = yaml.safe_load((REPO / "dbt_project.yml").read_text())["vars"]

# A non-default value for every numeric or date var of dbt_project.yml.
NON_DEFAULT = {
    "segments__max_clock_skew_hours": 48,
    "segments__min_plausible_event_date": "1990-01-01",
    "segments__max_age_years": 120,
    "segments__max_annual_income_usd": 50_000_000,
    "segments__max_amount_usd": 500_000_000,
    "segments__max_quarantine_share": 0.5,
    "segments__quarantine_guardrail_min_rows": 20,
    "segments__max_unknown_value_share_warn": 0.02,
    "segments__max_unknown_value_share_error": 0.6,
    "segments__incremental_lookback_days": 5,
    "segments__as_of_grace_hours": 6,
    "segments__late_event_days": 5,
    "segments__max_late_event_share": 0.1,
    "segments__max_anonymous_ids_per_user": 30,
    "segments__venue_latitude": 48.8566,
    "segments__venue_longitude": 2.3522,
    "segments__max_backfill_days": 60,
    "segments__history_days": 5,
    "segments__feature_retention_days": 200,
    "segments__feature_store_rows_per_write": 50_000,
    "segments__activity_rows_per_write": 5_000,
    "segments__campaign_window_days": 14,
    "segments__message_response_days": 3,
    "segments__campaign_audience_max_age_days": 7,
    "segments__campaign_min_nonzero_values": 5,
    "segments__campaign_min_group_members": 10,
    "segments__campaign_max_difference_skewness": 0.5,
    "segments__campaign_min_successes": 3,
    "segments__campaign_sample_ratio_alpha": 0.01,
    "segments__campaign_result_grace_days": 3,
    "segments__holdout_share": 0.2,
    "segments__new_signup_days": 21,
    "segments__active_users_min_active_days": 2,
    "segments__reactivated_recent_days": 10,
    "segments__reactivated_lapse_days": 20,
    "segments__cart_abandonment_days": 5,
    "segments__white_paper_download_days": 10,
    "segments__demo_request_days": 21,
    "segments__recent_buyer_days": 5,
    "segments__global_control_share": 0.1,
    "segments__lapsing_min_orders": 3,
    "segments__lapsing_min_days_since_seen": 20,
    "segments__lapsing_max_days_since_seen": 80,
    "segments__dormant_days": 60,
    "segments__high_value_top_share": 0.2,
    "segments__engaged_min_messages_delivered": 2,
    "segments__engaged_min_open_rate": 0.4,
    "segments__unresponsive_min_messages_delivered": 4,
    "segments__retiree_min_age": 67,
    "segments__venue_radius_km": 50,
    "segments__fitness_min_content_views_90d": 3,
    "segments__discount_min_orders_365d": 2,
    "segments__discount_min_coupon_order_share": 0.4,
    "segments__premium_top_avg_order_value_share": 0.3,
    "segments__outdated_app_min_minor_versions_behind": 3,
    "segments__likely_to_convert_top_share": 0.3,
    "segments__likely_to_upgrade_top_share": 0.3,
    "segments__churn_risk_min_orders": 3,
    "segments__churn_risk_max_probability_alive": 0.4,
    "segments__performance_window_days": 60,
    "segments__propensity_horizon_days": 20,
    "segments__propensity_evaluation_offset_days": 20,
    "segments__propensity_inverse_regularization": 0.5,
    "segments__max_segment_size_change": 0.6,
    "segments__max_audience_drop": 0.7,
    "segments__as_of_offsets_days": [0, 20, 30, 60, 90],
}


def is_threshold(value) -> bool:
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    return is_number or (
        isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None
    )


def test_every_threshold_var_has_a_non_default_value_here() -> None:
    thresholds = {name for name, value in DEFAULTS.items() if is_threshold(value)}
    assert thresholds <= set(NON_DEFAULT), sorted(thresholds - set(NON_DEFAULT))
    for name, value in NON_DEFAULT.items():
        assert value != DEFAULTS[name], name


def test_every_numeric_var_has_a_range_check() -> None:
    ranges = (REPO / "macros" / "vars" / "var_ranges.sql").read_text()
    checked = set(re.findall(r"'(segments__\w+)': \[", ranges))
    numeric = {
        name
        for name, value in DEFAULTS.items()
        if is_threshold(value) and not isinstance(value, str)
    }
    assert numeric - checked == set()
    assert checked - set(DEFAULTS) == set()


MACROS = {
    match.group(1): path.read_text()
    for path in (REPO / "macros").rglob("*.sql")
    for match in re.finditer(r"{%-?\s*macro\s+(\w+)", path.read_text())
}


def vars_read(text: str, seen: set[str]) -> set[str]:
    """The vars a model's text reads, directly or through the project's macros it calls."""
    names = set(re.findall(r"""\bvar\(\s*['"](\w+)['"]""", text))
    names |= set(re.findall(r"""\b(?:number_var|date_var)\(\s*['"](\w+)['"]""", text))
    for called in re.findall(r"\b(\w+)\(", text):
        if called in MACROS and called not in seen:
            seen.add(called)
            names |= vars_read(MACROS[called], seen)
    return names


def test_every_unit_test_pins_the_vars_its_model_reads() -> None:
    models = {
        path.stem: path for path in (REPO / "models").rglob("*") if path.suffix in (".sql", ".py")
    }
    unpinned = {}
    for path in (REPO / "models").rglob("*.yml"):
        for unit_test in (yaml.safe_load(path.read_text()) or {}).get("unit_tests") or []:
            read = vars_read(models[unit_test["model"]].read_text(), set())
            pinned = set(((unit_test.get("overrides") or {}).get("vars") or {}).keys())
            if read - pinned:
                unpinned[unit_test["name"]] = sorted(read - pinned)
    assert unpinned == {}


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> DbtProject:
    project = DbtProject(tmp_path_factory.mktemp("settings"))
    generate(
        GeneratorConfig(users=300, days=150, start_date=dt.date(2026, 1, 1), seed=5), project.raw
    )
    return project


def test_a_build_with_every_threshold_changed_passes(sample: DbtProject) -> None:
    run = sample.dbt("build", variables=NON_DEFAULT, unit_tests=True)
    assert run.success, run.text
    # the settings took effect: the 20% holdout share and the Paris venue
    assert sample.scalar("select count(*) from marts.dim_customers") > 0
    share = sample.scalar(
        "select avg(case when is_holdout then 1 else 0 end) from marts.fct_segment_membership"
    )
    assert 0.15 < share < 0.25


def test_unit_tests_pass_whatever_the_users_vars(sample: DbtProject) -> None:
    # the finding: the triage unit test failed with this documented setting
    run = sample.dbt(
        "test",
        "--select",
        "test_type:unit",
        variables={
            "segments__min_plausible_event_date": "1990-01-01",
            "segments__max_clock_skew_hours": 1,
        },
        unit_tests=True,
    )
    assert run.success, run.text
