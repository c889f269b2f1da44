"""Propensity and lifetime-value scores on generated data.

The generated sample has documented drivers of conversion and upgrade
(engagement, content downloads, demo requests): the fitted models must
rank better than recency alone, the SQL scores must equal the stored
model's own predictions in scikit-learn, the figures of the evaluation
table must equal a recomputation in Python, and no training feature may
use data after its row's as-of date.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections import Counter
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest
import yaml
from sklearn.metrics import roc_auc_score

from smart_segments_models.lifetime_value import fit_bgnbd, fit_gamma_gamma
from smart_segments_models.propensity import fit_propensity_model, pipeline_from_terms
from tests.conftest import REPO, SCHEMAS, DbtProject

NOT_FEATURES = {
    "model_name",
    "user_id",
    "role",
    "has_outcome",
    "days_since_last_seen",
    "as_of_date",
}


@pytest.fixture(scope="module")
def built(generated_sample_on_each_engine: DbtProject) -> DbtProject:
    """The generated sample, on DuckDB, then on Spark (make test-spark)."""
    return generated_sample_on_each_engine


def feature_names(project: DbtProject) -> list[str]:
    columns = project.columns("intermediate.int_propensity_features_as_of")
    return [name for name in columns if name not in NOT_FEATURES]


def terms_of(project: DbtProject, model_name: str, as_of_date=None) -> list[dict]:
    """The model's terms: the mart's (the current date's), or those fitted for as_of_date."""
    if as_of_date is None:
        rows = project.query(
            "select term, mean, scale, coefficient from marts.fct_propensity_model_terms "
            f"where model_name = '{model_name}' order by term_order"
        )
    else:
        rows = project.query(
            "select term, mean, scale, coefficient from intermediate.int_propensity_model_terms "
            f"where model_name = '{model_name}' and as_of_date = ? order by term_order",
            [as_of_date],
        )
    return [{"term": t, "mean": m, "scale": s, "coefficient": c} for t, m, s, c in rows]


def current_date(project: DbtProject) -> dt.date:
    return project.scalar("select as_of_date from intermediate.int_as_of_dates where is_current")


def recorded_dates(project: DbtProject) -> list[dt.date]:
    return [
        row[0]
        for row in project.query(
            "select as_of_date from intermediate.int_as_of_dates where is_recorded order by 1"
        )
    ]


@pytest.mark.parametrize("model_name", ["conversion", "upgrade"])
def test_both_models_are_fitted_and_beat_the_recency_baseline(
    built: DbtProject, model_name: str
) -> None:
    rows = dict(
        built.query(
            f"select scorer, auc from marts.fct_propensity_evaluation where model_name = '{model_name}'"
        )
    )
    assert (
        built.scalar(
            f"select distinct status from marts.fct_propensity_model_terms where model_name = '{model_name}'"
        )
        == "fitted"
    )
    assert rows["logistic_regression"] > rows["recency_baseline"], rows


@pytest.mark.parametrize("model_name", ["conversion", "upgrade"])
def test_sql_scores_equal_the_stored_models_predictions(built: DbtProject, model_name: str) -> None:
    """Each recorded date is scored with its own model, the evaluation date with the current one."""
    names = feature_names(built)
    current = current_date(built)
    dates = recorded_dates(built)
    assert len(dates) == 36 and dates[-1] == current
    scored = 0
    for model_date, where in [
        *((date, f"role = 'scoring' and as_of_date = '{date}'") for date in dates),
        (current, "role = 'evaluation'"),
    ]:
        pipeline = pipeline_from_terms(terms_of(built, model_name, model_date), names)
        rows = built.query(
            f"select {', '.join('features.' + n for n in names)}, scores.propensity_score "
            "from intermediate.int_propensity_features_as_of as features "
            "inner join intermediate.int_propensity_scores_as_of as scores "
            "using (model_name, role, as_of_date, user_id) "
            f"where features.model_name = '{model_name}' and features.{where} "
            "order by features.user_id"
        )
        assert len(rows) > 10, (model_date, where)
        features = np.array([row[:-1] for row in rows], dtype=float)
        sql_scores = np.array([row[-1] for row in rows], dtype=float)
        python_scores = pipeline.predict_proba(features)[:, 1]
        assert np.max(np.abs(sql_scores - python_scores)) < 1e-9, (model_date, where)
        scored += len(rows)
    # and nothing else was scored
    assert scored == built.scalar(
        f"select count(*) from intermediate.int_propensity_scores_as_of where model_name = '{model_name}'"
    )


@pytest.mark.parametrize("model_name", ["conversion", "upgrade"])
@pytest.mark.parametrize("recorded", ["current", "oldest"])
def test_refitting_the_training_rows_gives_the_stored_model(
    built: DbtProject, model_name: str, recorded: str
) -> None:
    """The model of a recorded date R is fitted on R - 60, R - 90, R - 120 and R - 150."""
    names = feature_names(built)
    fitted_for = recorded_dates(built)[-1 if recorded == "current" else 0]
    training_dates = [fitted_for - dt.timedelta(days=days) for days in (60, 90, 120, 150)]
    rows = built.query(
        f"select {', '.join(names)}, cast(has_outcome as integer) from intermediate.int_propensity_features_as_of "
        f"where role = 'training' and model_name = '{model_name}' and as_of_date in (?, ?, ?, ?) "
        "order by as_of_date, user_id",
        training_dates,
    )
    features = np.array([row[:-1] for row in rows], dtype=float)
    labels = np.array([row[-1] for row in rows], dtype=int)
    terms, status = fit_propensity_model(features, labels, names, 1.0)
    assert status == "fitted"
    assert built.query(
        "select distinct training_rows from intermediate.int_propensity_model_terms "
        f"where model_name = '{model_name}' and as_of_date = ?",
        [fitted_for],
    ) == [(len(rows),)]
    stored = terms_of(built, model_name, fitted_for)
    assert [term["term"] for term in terms] == [term["term"] for term in stored]
    for fresh, kept in zip(terms, stored, strict=True):
        assert fresh["coefficient"] == pytest.approx(kept["coefficient"], abs=1e-9)


@pytest.mark.parametrize("model_name", ["conversion", "upgrade"])
def test_evaluation_figures_equal_a_recomputation(built: DbtProject, model_name: str) -> None:
    for scorer, column in [
        ("logistic_regression", "propensity_score"),
        ("recency_baseline", "recency_baseline_score"),
    ]:
        rows = built.query(
            f"select {column}, has_outcome, user_id from intermediate.int_propensity_scores_as_of "
            f"where role = 'evaluation' and model_name = '{model_name}'"
        )
        scores = np.array([row[0] for row in rows], dtype=float)
        outcomes = np.array([row[1] for row in rows], dtype=int)
        auc, base_rate, precision, lift, users = built.query(
            "select auc, base_rate, top_decile_precision, top_decile_lift, evaluated_users "
            f"from marts.fct_propensity_evaluation where model_name = '{model_name}' and scorer = '{scorer}'"
        )[0]
        assert users == len(rows)
        assert auc == pytest.approx(roc_auc_score(outcomes, scores), abs=1e-12)
        assert base_rate == pytest.approx(outcomes.mean(), abs=1e-12)
        # top decile: NTILE(10) over (score desc, user_id desc) -> the first ceil(n / 10) rows
        order = sorted(range(len(rows)), key=lambda i: (-scores[i], [-ord(c) for c in rows[i][2]]))
        top = order[: -(-len(rows) // 10)]
        assert precision == pytest.approx(outcomes[top].mean(), abs=1e-12)
        assert lift == pytest.approx(outcomes[top].mean() / outcomes.mean(), abs=1e-12)


def test_predictive_segments_follow_the_scores(built: DbtProject) -> None:
    scored = built.query(
        "select user_id from marts.dim_customer_scores as scores inner join marts.dim_customers using (user_id) "
        "where current_plan = 'free' and not is_ever_paid and conversion_propensity is not null "
        "order by conversion_propensity desc, user_id desc"
    )
    top = {row[0] for row in scored[: len(scored) * 2 // 10]}
    assert {row[0] for row in built.query("select user_id from marts.seg_likely_to_convert")} == top
    at_risk = built.query(
        "select user_id from marts.dim_customer_scores inner join marts.dim_customers using (user_id) "
        "where orders_lifetime >= 2 and probability_alive < 0.3"
    )
    assert at_risk, "no churn risk on the generated data"
    assert {row[0] for row in built.query("select user_id from marts.seg_churn_risk")} == {
        r[0] for r in at_risk
    }


def test_the_build_holds_the_training_dates_of_every_recorded_date(built: DbtProject) -> None:
    """35 days of history: recorded 0..35 days back, each trains at 60, 90, 120 and 150 before."""
    rows = built.query(
        "select days_before_current, is_recorded, propensity_role, is_feature_only "
        "from intermediate.int_as_of_dates"
    )
    assert {row[0] for row in rows if row[1]} == set(range(36))
    assert {row[0] for row in rows if row[2] == "training"} == set(range(60, 186))
    assert {row[0] for row in rows if row[2] == "evaluation"} == {30}
    # features only: the training dates that are no offset (0, 30, 60, 90), base training
    # offset (60, 90, 120, 150) or recorded date
    assert {row[0] for row in rows if row[3]} == set(range(61, 186)) - {90, 120, 150}
    # recorded and training dates; the offsets and the evaluation date (30) are among them
    assert len(rows) == 36 + 126
    pairs = Counter(
        (as_of_date - training_as_of_date).days
        for training_as_of_date, as_of_date in built.query(
            "select training_as_of_date, as_of_date from intermediate.int_propensity_training_dates"
        )
    )
    assert sorted(pairs.items()) == [(60, 36), (90, 36), (120, 36), (150, 36)]


def test_predictive_segments_have_members_on_every_recorded_date(built: DbtProject) -> None:
    """Each recorded date's predictive segments come from that date's own models.

    Before issue 26 only the current date was scored: likely_to_convert was
    empty on every history day and the transitions showed it filling at once.
    """
    dates = recorded_dates(built)
    sizes = {}
    for date in dates:
        scored = built.query(
            "select user_id from intermediate.int_customer_scores_as_of "
            "inner join intermediate.int_customers_as_of using (as_of_date, user_id) "
            "where as_of_date = ? and current_plan = 'free' and not is_ever_paid "
            "and conversion_propensity is not null order by conversion_propensity desc, user_id desc",
            [date],
        )
        at_risk = built.query(
            "select user_id from intermediate.int_customer_scores_as_of "
            "inner join intermediate.int_customers_as_of using (as_of_date, user_id) "
            "where as_of_date = ? and orders_lifetime >= 2 and probability_alive < 0.3",
            [date],
        )

        def members(segment_name: str, date=date) -> set[str]:
            return {
                row[0]
                for row in built.query(
                    "select user_id from marts.fct_segment_membership "
                    "where segment_name = ? and as_of_date = ?",
                    [segment_name, date],
                )
            }

        assert members("likely_to_convert") == {row[0] for row in scored[: len(scored) * 2 // 10]}
        assert members("churn_risk") == {row[0] for row in at_risk}
        sizes[date] = (len(scored) * 2 // 10, len(at_risk))
    assert all(convert > 0 and risk > 0 for convert, risk in sizes.values()), sizes
    # the transitions of the history days are daily moves, not the segment filling at once
    entered = dict(
        built.query(
            "select as_of_date, count(*) from marts.fct_segment_transitions "
            "where segment_name = 'likely_to_convert' and transition = 'entered' group by 1"
        )
    )
    assert entered[dates[-1]] < sizes[dates[-1]][0] / 2, (entered, sizes)


def test_a_recorded_dates_scores_are_those_its_own_build_computes(
    built: DbtProject, tmp_path_factory
) -> None:
    """The oldest recorded date, scored as history, equals a build whose current date it is.

    Its models read nothing after the date (features and labels as known by
    then), so the models, propensities and lifetime values a build records
    for a past date never move: here the as-of models of a copy of the
    warehouse are rebuilt with as_of_date = that date and no history.
    Erasure is the one exception, by design: an erasure requested after the
    date removes the user from it too, so the copy dates the requests that
    came after it on it (the original build saw them).
    """
    oldest = recorded_dates(built)[0]
    copy = DbtProject(tmp_path_factory.mktemp("as-of-oldest-recorded"), engine=built.engine)
    shutil.copytree(built.raw, copy.raw, dirs_exist_ok=True)
    if built.engine == "spark":
        built.copy_spark_tables_into(copy)
    else:
        copy.database.write_bytes(built.database.read_bytes())
    moved = copy.update(
        "staging.stg_raw__profiles_triaged",
        {"deletion_requested_at": f"timestamp '{oldest} 12:00:00'"},
        "cast(deletion_requested_at as date) > ? and cast(deletion_requested_at as date) <= ?",
        [oldest, current_date(built)],
    )
    assert moved > 0  # the sample has erasures in those 35 days
    run = copy.dbt(
        "run",
        "--select",
        "int_as_of_dates+,+int_customer_scores_as_of",
        "--exclude",
        "config.materialized:incremental",
        variables={"as_of_date": str(oldest), "segments__history_days": 0},
    )
    assert run.success, run.text
    assert copy.scalar("select count(*) from intermediate.int_as_of_dates where is_recorded") == 1
    for relation, order, differing in [
        # is_current differs by construction: the date is current in the copy only
        ("intermediate.int_propensity_model_terms", "model_name, term_order", {"is_current"}),
        ("intermediate.int_lifetime_value_fits", "model_name", {"started_from", "is_current"}),
        ("intermediate.int_customer_scores_as_of", "user_id", set()),
    ]:
        columns = ", ".join(name for name in built.columns(relation) if name not in differing)
        sql = f"select {columns} from {relation} where as_of_date = ? order by {order}"
        rows = copy.query(sql, [oldest])
        assert len(rows) > 1 and rows == built.query(sql, [oldest]), sql


def test_one_time_buyers_are_alive_and_lifetime_models_are_fitted(built: DbtProject) -> None:
    assert built.query(
        "select count(*), min(probability_alive), max(probability_alive) from marts.dim_customer_scores "
        "where is_one_time_buyer"
    )[0][1:] == (1.0, 1.0)
    statuses = dict(built.query("select model_name, status from marts.fct_lifetime_value_models"))
    assert statuses["bgnbd"] == "fitted"
    assert statuses["gamma_gamma"].startswith("fitted")
    repeat = built.query(
        "select max(probability_alive) from marts.dim_customer_scores where not is_one_time_buyer"
    )
    assert repeat[0][0] < 1.0


LIFETIME_PARAMETERS = {"bgnbd": ("r", "alpha", "a", "b"), "gamma_gamma": ("p", "q", "gamma")}


CURRENT_DATE_ONLY = (
    "as_of_date = (select as_of_date from intermediate.int_as_of_dates where is_current)"
)


def stored_fits(project: DbtProject) -> dict[str, dict[str, float]]:
    """The current date's fits."""
    rows = project.query(
        "select model_name, log_likelihood, fitted_customers, r, alpha, a, b, p, q, gamma "
        f"from intermediate.int_lifetime_value_fits where {CURRENT_DATE_ONLY}"
    )
    names = ("log_likelihood", "fitted_customers", "r", "alpha", "a", "b", "p", "q", "gamma")
    return {row[0]: dict(zip(names, row[1:], strict=True)) for row in rows}


def assert_same_fits(left: dict, right: dict, rel: float) -> None:
    for model_name, parameters in LIFETIME_PARAMETERS.items():
        assert left[model_name]["fitted_customers"] == right[model_name]["fitted_customers"]
        assert left[model_name]["log_likelihood"] == pytest.approx(
            right[model_name]["log_likelihood"], rel=1e-12
        )
        for name in parameters:
            assert left[model_name][name] == pytest.approx(right[model_name][name], rel=rel), (
                model_name,
                name,
            )


def test_the_weighted_lifetime_fits_equal_a_fit_on_every_customer(built: DbtProject) -> None:
    # the model fits distinct (x, t_x, T) rows weighted by their customers; here every customer
    x, t_x, age, value = (
        np.array(column, dtype=float)
        for column in zip(
            *built.query(
                "select repeat_purchases, recency_weeks, age_weeks, "
                "coalesce(repeat_purchase_mean_value_usd, 0) "
                f"from intermediate.int_customer_purchase_histories where {CURRENT_DATE_ONLY}"
            ),
            strict=True,
        )
    )
    bgnbd = fit_bgnbd(x, t_x, age)
    repeat = (x > 0) & (value > 0)
    gamma_gamma = fit_gamma_gamma(x[repeat], value[repeat])
    every_customer = {
        "bgnbd": {"fitted_customers": bgnbd.customers, "log_likelihood": bgnbd.log_likelihood}
        | {name: getattr(bgnbd, name) for name in LIFETIME_PARAMETERS["bgnbd"]},
        "gamma_gamma": {
            "fitted_customers": gamma_gamma.customers,
            "log_likelihood": gamma_gamma.log_likelihood,
        }
        | {name: getattr(gamma_gamma, name) for name in LIFETIME_PARAMETERS["gamma_gamma"]},
    }
    # 1e-6 relative, what issue 15 asks. On this sample BG/NBD's a and b are
    # large (about 150 and 1,100) and the likelihood nearly flat along them:
    # it falls by 2e-4 from a = 150 to a = 75. Both fits stop where the exact
    # gradient vanishes, about 4e-11 apart; a fit that stopped at BFGS's
    # tolerance instead was 4e-4 off in a (CI on 8ad2011), and says so here
    assert bgnbd.converged and gamma_gamma.converged
    assert dict(
        built.query(
            "select model_name, status from intermediate.int_lifetime_value_fits "
            f"where {CURRENT_DATE_ONLY}"
        )
    ) == {
        "bgnbd": "fitted",
        "gamma_gamma": "fitted",
    }
    assert_same_fits(stored_fits(built), every_customer, rel=1e-6)


def test_a_warm_started_lifetime_fit_lands_on_the_cold_fit(built: DbtProject) -> None:
    cold = stored_fits(built)
    # start far from the maximum: the stored parameters, each doubled
    parameters = ("r", "alpha", "a", "b", "p", "q", "gamma")
    built.update(
        "intermediate.int_lifetime_value_fits", {name: f"{name} * 2" for name in parameters}, "true"
    )
    warm_run = built.dbt(
        "run",
        "--select",
        "int_lifetime_value_fits",
        variables={"segments__lifetime_value_warm_start": True},
    )
    warm = stored_fits(built)
    started = built.query("select distinct started_from from intermediate.int_lifetime_value_fits")
    # and back to the cold fit the other tests of this build read
    cold_run = built.dbt("run", "--select", "int_lifetime_value_fits")
    assert warm_run.success and cold_run.success, warm_run.messages + cold_run.messages
    assert started == [("last build",)]
    assert_same_fits(warm, cold, rel=1e-6)
    assert stored_fits(built) == cold


def test_the_unit_test_conditions_are_the_compiled_rules(built: DbtProject) -> None:
    unit_tests = yaml.safe_load(
        (REPO / "models/intermediate/segments/_int_segments__unit_tests.yml").read_text()
    )
    test = next(
        t
        for t in unit_tests["unit_tests"]
        if t["name"] == "predictive_segments_at_their_boundaries"
    )
    conditions = {
        row["segment_name"]: row["condition"]
        for row in test["overrides"]["macros"]["smart_segments.segment_models"]
    }
    compiled = dict(built.query("select segment_name, condition_sql from marts.dim_segments"))
    for segment_name, condition in conditions.items():
        assert compiled[segment_name] == condition


def test_no_training_feature_uses_data_after_its_date(built: DbtProject, tmp_path_factory) -> None:
    """Drop every event after the latest training date d: the features at d do not change."""
    d = built.scalar(
        "select max(as_of_date) from intermediate.int_as_of_dates where propensity_role = 'training'"
    )
    as_of_date = built.scalar(
        "select as_of_date from intermediate.int_as_of_dates where is_current"
    )
    truncated = DbtProject(tmp_path_factory.mktemp("truncated"), engine=built.engine)
    cutoff = dt.datetime.combine(d + dt.timedelta(days=1), dt.time())
    for source in ("events", "profiles", "campaigns"):
        for path in sorted(Path(built.raw, source).rglob("*.parquet")):
            table = pq.read_table(path)
            if source == "events":
                times = table.column("event_ts").to_pylist()
                received = table.column("received_at").to_pylist()
                keep = [(t or r) < cutoff for t, r in zip(times, received, strict=True)]
                table = table.filter(keep)
            target = truncated.raw / path.relative_to(built.raw)
            target.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(table, target)
    # one anonymous, never-identified event on the as-of date keeps that date within the
    # data (the as-of check refuses a date after the last event); it is nobody's feature
    clock = {name: None for name in SCHEMAS["events"].names} | {
        "event_id": "leakage-clock", "anonymous_id": "leakage-clock", "event_name": "page_view",
        "event_ts": dt.datetime.combine(as_of_date, dt.time(12)),
        "received_at": dt.datetime.combine(as_of_date, dt.time(12)), "platform": "web",
    }  # fmt: skip
    truncated.write_raw("events", [clock], "clock.parquet")
    assert truncated.dbt("seed").success
    # the features and what they are computed from (a model reads only its ancestors)
    run = truncated.dbt(
        "run",
        "--select",
        "+int_propensity_features_as_of",
        variables={"as_of_date": str(as_of_date)},
    )
    assert run.success, run.text
    columns = built.columns("intermediate.int_propensity_features_as_of")
    columns.remove(
        "has_outcome"
    )  # the outcome is after d by definition; everything else must match
    sql = (
        f"select {', '.join(columns)} from intermediate.int_propensity_features_as_of "
        f"where as_of_date = '{d}' order by model_name, user_id"
    )
    full = built.query(sql)
    assert full and full == truncated.query(sql)
    assert len(columns) == len(full[0]) == 17
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(d))
