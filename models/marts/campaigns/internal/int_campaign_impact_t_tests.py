"""The t distribution for int_campaign_impact_measures.

SQL has no t distribution, so this is the one step of campaign impact in
Python. From each row's difference, standard error and Welch-Satterthwaite
degrees of freedom (computed in SQL): the two-sided p-value and the 97.5%
quantile of t that makes the 95% interval, for the unadjusted test of a
mean (the same numbers as scipy.stats.ttest_ind(equal_var=False)), for the
CUPED-adjusted test of a measure with a covariate, and the quantile for the
attributed revenue's interval (int_campaign_impact_attributed: one group,
n - 1 degrees of freedom; measure attributed_revenue_per_member_usd). One
row per (campaign_id, measure) with at least one of them defined.
"""

import numpy as np
import pyarrow as pa
from scipy import stats

from smart_segments_models.frames import engine_table, frame


def t_test(difference, standard_error, df):
    """(t quantile, two-sided p-value) per row; null where the test is undefined."""
    difference, standard_error, df = (
        np.ma.filled(np.ma.asarray(column, dtype=float), np.nan)
        for column in (difference, standard_error, df)
    )
    defined = np.isfinite(standard_error) & (standard_error > 0) & np.isfinite(df)
    t_statistic = np.divide(
        difference, standard_error, out=np.zeros_like(difference), where=defined
    )
    critical = np.where(defined, stats.t.ppf(0.975, np.where(defined, df, 1.0)), np.nan)
    p_value = np.where(
        defined, 2 * stats.t.sf(np.abs(t_statistic), np.where(defined, df, 1.0)), np.nan
    )
    return pa.array(critical, pa.float64(), mask=~defined), pa.array(
        p_value, pa.float64(), mask=~defined
    )


def model(dbt, session):
    dbt.config(materialized="table")
    measures = (
        frame(dbt.ref("int_campaign_impact_measures"))
        .filter("standard_error > 0 or adjusted_standard_error > 0")
        .project(
            "campaign_id, measure, difference, standard_error, welch_df, "
            "adjusted_difference, adjusted_standard_error, adjusted_welch_df"
        )
    )
    attributed = (
        frame(dbt.ref("int_campaign_impact_attributed"))
        .filter("test_status = 'tested'")
        .project(
            "campaign_id, 'attributed_revenue_per_member_usd' as measure, "
            "treated_value as difference, standard_error, welch_df, "
            "cast(null as double) as adjusted_difference, "
            "cast(null as double) as adjusted_standard_error, "
            "cast(null as double) as adjusted_welch_df"
        )
    )
    rows = measures.union(attributed).order("campaign_id, measure").fetchnumpy()
    t_critical, p_value = t_test(rows["difference"], rows["standard_error"], rows["welch_df"])
    adjusted_t_critical, adjusted_p_value = t_test(
        rows["adjusted_difference"], rows["adjusted_standard_error"], rows["adjusted_welch_df"]
    )
    table = pa.table(
        {
            "campaign_id": pa.array([str(item) for item in rows["campaign_id"]], pa.string()),
            "measure": pa.array([str(item) for item in rows["measure"]], pa.string()),
            "t_critical": t_critical,
            "p_value": p_value,
            "adjusted_t_critical": adjusted_t_critical,
            "adjusted_p_value": adjusted_p_value,
        }
    )
    return engine_table(session, table)
