"""The seed's trigger segments and the co-purchase table, on hand-made users, as of 2026-03-31 (D).

"In the last 7 days" is (03-24, 03-31], "in the last 14 days" (03-17, 03-31].
Category transitions (an order's category -> the same customer's next
order's), counted when the next order is on or before D:

    books -> courses      af_1, af_2        2 of 3 leaving books: recommended
    books -> apparel      af_3              1
    apparel -> books      af_4, rb_books    2 of 3 leaving apparel: recommended
    apparel -> accessories af_5             1
    nutrition -> apparel  af_7              1 of 2: a tie, apparel first by name
    nutrition -> books    af_6              1
    courses -> nutrition  af_1 on 04-02     after D: not counted
"""

from __future__ import annotations

import pytest

from tests.conftest import DbtProject, build_fixture_project
from tests.test_segments import ev, order, profile, ts

D = "2026-03-31"


def buy(user: str, day: str, category: str | None, revenue: float = 20.0) -> dict:
    extra = {"category": category} if category else {}
    return order(user, day, revenue, **extra)


def download(user: str, day: str) -> dict:
    return ev("content_download", ts(day), user=user, content_id="wp-1", content_category="fitness")


def demo(user: str, day: str) -> dict:
    return ev("demo_requested", ts(day), user=user)


EVENTS_BY_USER = {
    # white_paper_downloaders
    "wp_in": [download("wp_in", "03-25")],  # D-6: in
    "wp_edge_out": [download("wp_edge_out", "03-24")],  # D-7: out
    "wp_demo_after": [download("wp_demo_after", "03-26"), demo("wp_demo_after", "03-27")],  # out
    "wp_order_after": [
        download("wp_order_after", "03-26"),
        buy("wp_order_after", "03-28", None),
    ],  # out
    "wp_demo_before": [demo("wp_demo_before", "03-20"), download("wp_demo_before", "03-26")],  # in
    # demo_requesters (also wp_demo_after, wp_demo_before)
    "dr_in": [demo("dr_in", "03-18")],  # D-13: in
    "dr_edge_out": [demo("dr_edge_out", "03-17")],  # D-14: out
    "dr_paid": [
        ev(
            "subscription_started",
            ts("02-01"),
            user="dr_paid",
            plan="basic",
            price=9.99,
            currency="USD",
        ),
        demo("dr_paid", "03-25"),
    ],  # paid: out
    # the co-purchase history
    "af_1": [
        buy("af_1", "01-10", "books"),
        buy("af_1", "01-20", "courses"),
        buy("af_1", "04-02", "nutrition"),
    ],
    "af_2": [buy("af_2", "01-11", "books"), buy("af_2", "01-21", "courses")],
    "af_3": [buy("af_3", "01-12", "books"), buy("af_3", "01-22", "apparel")],
    "af_4": [buy("af_4", "01-13", "apparel"), buy("af_4", "01-23", "books")],
    "af_5": [buy("af_5", "01-14", "apparel"), buy("af_5", "01-24", "accessories")],
    "af_6": [buy("af_6", "01-15", "nutrition"), buy("af_6", "01-25", "books")],
    "af_7": [buy("af_7", "01-16", "nutrition"), buy("af_7", "01-26", "apparel")],
    # recent_buyers (also wp_order_after)
    "rb_books": [buy("rb_books", "02-01", "apparel"), buy("rb_books", "03-25", "books")],
    "rb_apparel": [buy("rb_apparel", "03-30", "apparel")],
    "rb_nutrition": [buy("rb_nutrition", "03-29", "nutrition")],
    "rb_edge_out": [buy("rb_edge_out", "03-24", "books")],  # D-7: out
}
PROFILES = [profile(user, signup="2026-01-02") for user in EVENTS_BY_USER]
EVENTS = [event for events in EVENTS_BY_USER.values() for event in events]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> DbtProject:
    # models only: the exact rows below are the check (the data tests run on the sample in make test)
    return build_fixture_project(
        tmp_path_factory.mktemp("triggers"),
        profiles=PROFILES,
        events=EVENTS,
        campaigns=[],
        as_of_date=D,
        command=("run",),
    )


def members(project: DbtProject, segment: str) -> set[str]:
    return {row[0] for row in project.query(f"select user_id from marts.seg_{segment}")}


def test_white_paper_downloaders(built: DbtProject) -> None:
    assert members(built, "white_paper_downloaders") == {"wp_in", "wp_demo_before"}


def test_demo_requesters(built: DbtProject) -> None:
    assert members(built, "demo_requesters") == {"dr_in", "wp_demo_after", "wp_demo_before"}


def test_recent_buyers_with_the_category_to_offer_next(built: DbtProject) -> None:
    assert built.query(
        "select user_id, last_order_category, recommended_category from marts.seg_recent_buyers order by 1"
    ) == [
        ("rb_apparel", "apparel", "books"),
        ("rb_books", "books", "courses"),
        ("rb_nutrition", "nutrition", "apparel"),  # a tie: apparel before books
        ("wp_order_after", None, None),  # an order without a category
    ]


def test_the_co_purchase_table_as_of_d(built: DbtProject) -> None:
    assert built.query(
        "select from_category, to_category, transitions, round(transition_share, 6), affinity_rank, "
        "is_recommended from marts.fct_category_affinity order by 1, 5"
    ) == [
        ("apparel", "books", 2, round(2 / 3, 6), 1, True),
        ("apparel", "accessories", 1, round(1 / 3, 6), 2, False),
        ("books", "courses", 2, round(2 / 3, 6), 1, True),
        ("books", "apparel", 1, round(1 / 3, 6), 2, False),
        ("nutrition", "apparel", 1, 0.5, 1, True),
        ("nutrition", "books", 1, 0.5, 2, False),
    ]
    assert (
        built.scalar("select distinct as_of_date from marts.fct_category_affinity").isoformat() == D
    )
