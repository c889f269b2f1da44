"""As known at D: a date's snapshot counts what was received by its cut-off, outcomes count later.

The campaign-impact fixture (tests/test_campaign_impact.py, as of D = 2026-03-31
with 31 days of history: every date from 02-28 is an as-of date of the build)
plus two late arrivals, with segments__as_of_grace_hours at its default, 0 (a
date's cut-off is its end):

- ct1 orders for 15 USD on 03-27, received 03-29 10:00 (two days late). Before
  it, ct1's one order was 30 USD on 02-21. So ct1 has 1 order and 30 USD as
  of 03-27 and 03-28, and 2 orders and 45 USD from 03-29 on. The order falls
  in t_active's window (03-01..03-30), whose results are measured as of D:
  ct1's revenue in the window is 15 there (0 in the fixture without it).
- device a_late views a page on 03-11 (received on time) and is identified
  as ct2 by a page view dated 03-12 that arrives on 03-29. The link is known
  from 03-29: ct2's active days in 30 days are 03-01 (a click), 03-10 and
  03-12 (orders) as of 03-28, and add 03-11 from 03-29 on.

With segments__campaign_result_grace_days 1, t_active's results are final
from the day after its window (03-31 = D): measured as of 03-31, as known
then, and kept by later runs; b_news (window 03-02..03-31, final on 04-01)
is still measuring.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from tests.conftest import DbtProject
from tests.test_campaign_impact import (
    BROADCAST_ONLY,
    EVENTS,
    USERS,
    VARIABLES,
    build_campaigns,
)
from tests.test_segments import ev, order, profile, ts


def received(event: dict, when: dt.datetime) -> dict:
    return event | {"received_at": when}


LATE_ORDER = received(order("ct1", "03-27", 15.0), ts("03-29"))
ANONYMOUS_VIEW = ev("page_view", ts("03-11"), anon="a_late", content_category="travel")
LATE_IDENTIFY = received(
    ev("page_view", ts("03-12"), user="ct2", anon="a_late", content_category="travel"), ts("03-29")
)


FINAL_T_ACTIVE = VARIABLES | {"segments__campaign_result_grace_days": 1}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> DbtProject:
    return build_campaigns(
        DbtProject(tmp_path_factory.mktemp("as-known")),
        [profile(user) for user in USERS + BROADCAST_ONLY],
        [*EVENTS, LATE_ORDER, ANONYMOUS_VIEW, LATE_IDENTIFY],
        FINAL_T_ACTIVE,
    )


def test_a_late_event_counts_from_the_first_date_whose_cut_off_it_makes(
    built: DbtProject,
) -> None:
    rows = built.query(
        "select cast(as_of_date as varchar), orders_lifetime, revenue_lifetime_usd "
        "from intermediate.int_customer_activity_as_of "
        "where user_id = 'ct1' and as_of_date between '2026-03-26' and '2026-03-30' "
        "order by as_of_date"
    )
    assert rows == [
        ("2026-03-26", 1, 30),
        ("2026-03-27", 1, 30),  # the order's own date: not received yet
        ("2026-03-28", 1, 30),
        ("2026-03-29", 2, 45),  # received 03-29 10:00: known from 03-29
        ("2026-03-30", 2, 45),
    ]
    assert built.query(
        "select known_date from staging.stg_raw__events where event_id = ?",
        [LATE_ORDER["event_id"]],
    ) == [(dt.date(2026, 3, 29),)]


def test_a_late_identify_stitches_from_the_date_it_was_received(built: DbtProject) -> None:
    rows = built.query(
        "select cast(as_of_date as varchar), active_days_30d "
        "from intermediate.int_customer_activity_as_of "
        "where user_id = 'ct2' and as_of_date between '2026-03-27' and '2026-03-29' "
        "order by as_of_date"
    )
    assert rows == [("2026-03-27", 3), ("2026-03-28", 3), ("2026-03-29", 4)]
    assert built.query(
        "select user_id, cast(stitched_from_date as varchar) from intermediate.int_identity_map "
        "where anonymous_id = 'a_late'"
    ) == [("ct2", "2026-03-29")]


def test_a_campaign_outcome_counts_the_late_event(built: DbtProject) -> None:
    # measured as of its final date, 03-31: the order known from 03-29 counts
    assert built.query(
        "select assigned_group, orders, revenue_usd, cast(results_as_of_date as varchar), "
        "cast(final_date as varchar) from intermediate.int_campaign_impact_members "
        "where campaign_id = 't_active' and user_id = 'ct1'"
    ) == [("treated", 1, 15, "2026-03-31", "2026-03-31")]


def test_a_final_campaign_is_kept_by_the_next_run_and_a_measuring_one_recomputed(
    built: DbtProject, capfd: pytest.CaptureFixture[str]
) -> None:
    """Plant a value in both campaigns' stored rows: the next run keeps the final one's only.

    The run writes its users in four batches: the batches after the first still see
    only the campaigns kept before it (macro campaign_impact_kept_campaigns), not the
    recomputed campaign's rows the first batch wrote.
    """
    members = "intermediate.int_campaign_impact_members"
    with duckdb.connect(str(built.database)) as connection:
        connection.execute(f"update {members} set revenue_usd = -1 where user_id = 'ct0'")
    daily_rows = built.scalar("select count(*) from intermediate.int_user_daily_activity")
    rows_per_write = -(-daily_rows // 4)
    in_batches = {**FINAL_T_ACTIVE, "segments__activity_rows_per_write": rows_per_write}
    run = built.dbt("run", "--select", "int_campaign_impact_members", variables=in_batches)
    assert run.success, run.text
    batches = -(-daily_rows // rows_per_write)
    assert batches == 4
    log = capfd.readouterr().out  # dbt's log of the run
    assert f"int_campaign_impact_members: wrote {batches} batches of users" in log
    assert built.query(
        f"select campaign_id, revenue_usd from {members} where user_id = 'ct0' order by 1"
    ) == [("b_news", 100), ("t_active", -1)]  # b_news recomputed (ct0 bought for 100 on 03-05)
    assert built.query(
        f"select count(*), count(*) filter (where revenue_usd < 0) from {members} "
        "where campaign_id = 'b_news'"
    ) == [(11, 0)]
    # restore: a full refresh of the model recomputes t_active too
    run = built.dbt(
        "run", "--select", "int_campaign_impact_members", "--full-refresh", variables=FINAL_T_ACTIVE
    )
    assert run.success, run.text
    assert built.query(
        f"select revenue_usd from {members} where user_id = 'ct0' and campaign_id = 't_active'"
    ) == [(100,)]
