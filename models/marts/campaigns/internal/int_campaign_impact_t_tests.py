"""The Welch t test of every mean measure of int_campaign_impact_measures.

SQL has no t distribution, so this is the one step of campaign impact in
Python: from each row's difference, standard error and Welch-Satterthwaite
degrees of freedom (computed in SQL), the two-sided p-value and the 97.5%
quantile of t that makes the 95% interval. One row per (campaign_id,
measure) whose test is defined (a standard error above 0); the same
numbers as scipy.stats.ttest_ind(equal_var=False).
"""

import numpy as np
import pyarrow as pa
from scipy import stats


def model(dbt, session):
    dbt.config(materialized="table")
    rows = (
        dbt.ref("int_campaign_impact_measures")
        .filter("measure_kind = 'mean' and standard_error > 0")
        .project("campaign_id, measure, difference, standard_error, welch_df")
        .order("campaign_id, measure")
        .fetchnumpy()
    )
    difference = np.asarray(rows["difference"], dtype=float)
    standard_error = np.asarray(rows["standard_error"], dtype=float)
    df = np.asarray(rows["welch_df"], dtype=float)
    t_statistic = difference / standard_error if len(df) else difference
    return pa.table(
        {
            "campaign_id": pa.array([str(item) for item in rows["campaign_id"]], pa.string()),
            "measure": pa.array([str(item) for item in rows["measure"]], pa.string()),
            "t_critical": pa.array(stats.t.ppf(0.975, df), pa.float64()),
            "p_value": pa.array(2 * stats.t.sf(np.abs(t_statistic), df), pa.float64()),
        }
    )
