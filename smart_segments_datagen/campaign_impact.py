"""Campaigns aimed at segments, and the effects planted on the members they reach.

A targeted campaign goes to its segment's contactable members at launch who
are neither in the segment's holdout nor in the global control group, the
audience the warehouse's activation export holds (same hashes, same rules as
the catalogue in models/marts/segments/catalogue/, evaluated on the user's
own events up to the day before the launch). Some campaigns carry a planted
effect on the members they reach, within the campaign window:

* ``conversion``: each treated member who would not have converted in the
  window (no order, no subscription_started) places an order with
  probability ``size``;
* ``reactivation``: each treated member with no product activity in the 30
  days before the launch and none in the window comes back (a session, an
  order in 30% of cases) with probability ``size``;
* ``order_value``: every order a treated member places in the window is
  worth ``1 + size`` times as much.

The generator counts the realised effect on the treated (the outcome with
the effect minus the outcome it replaced), which is what a holdout
comparison estimates; the manifest records it per campaign.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

WINDOW_DAYS = 30  # dbt var segments__campaign_window_days
LAPSE_DAYS = 30  # dbt var segments__reactivated_lapse_days: "inactive at launch"

# what the warehouse counts as product activity in a campaign window: opening
# or clicking a message is not using the product
PRODUCT_ACTIVITY = frozenset(
    {
        "app_open",
        "page_view",
        "screen_view",
        "search",
        "content_download",
        "demo_requested",
        "product_view",
        "add_to_cart",
        "order_completed",
        "subscription_started",
        "subscription_upgraded",
        "subscription_cancelled",
        "survey_answered",
    }
)
# what the segment rules count as activity (everything but these)
NON_ACTIVITY = frozenset({"message_sent", "message_delivered"})


@dataclass(frozen=True)
class TargetedCampaign:
    """A campaign of the sample aimed at a segment, launched days_before_end before the last day."""

    name: str
    target_segment: str
    channel: str
    objective: str
    days_before_end: int
    effect: str | None = None  # conversion, reactivation or order_value
    size: float = 0.0


TARGETED_CAMPAIGNS = (
    TargetedCampaign(
        "Onboarding push", "new_without_order", "push", "onboarding", 72, "conversion", 0.30
    ),
    TargetedCampaign(
        "Win-back email", "dormant_users", "email", "reactivation", 66, "reactivation", 0.25
    ),
    TargetedCampaign("Spring sale", "active_users", "email", "promo", 60, "order_value", 0.40),
    TargetedCampaign("Cart reminder", "cart_abandoners", "push", "promo", 54),
    TargetedCampaign("Lapsing check-in", "lapsing_customers", "email", "reactivation", 50),
    TargetedCampaign("Cross-sell picks", "recent_buyers", "email", "upsell", 46),
    TargetedCampaign("Onboarding tips", "new_without_order", "in_app", "onboarding", 42),
    TargetedCampaign("Summer preview", "active_users", "push", "announcement", 36),
)


def stable_fraction(text: str) -> float:
    """The warehouse's macro stable_fraction: md5's first 8 hex digits / 16^8."""
    return int(hashlib.md5(text.encode()).hexdigest()[:8], 16) / 16**8


def is_holdout(segment: str, user_id: str, share: float) -> bool:
    """The warehouse's macro is_holdout (share: dbt var segments__holdout_share)."""
    return stable_fraction(f"{segment}:{user_id}") < share


def is_global_control(user_id: str, share: float) -> bool:
    """The macro is_global_control (share: dbt var segments__global_control_share)."""
    return stable_fraction(f"global_control:{user_id}") < share


@dataclass
class UserState:
    """What the segment rules read about a user, as of the end of a day (day numbers)."""

    signup_day: int
    order_days: list[int]
    last_seen_day: int | None
    last_cart_day: int | None
    last_cart_t: int | None
    last_order_t: int | None
    active_days_7d: int


def is_member(segment: str, state: UserState, day: int) -> bool:
    """The catalogue rule of `segment` as of the end of `day` (default vars)."""
    if state.signup_day > day:
        return False
    if segment == "new_without_order":
        return state.signup_day > day - 14 and not state.order_days
    if segment == "dormant_users":
        if state.last_seen_day is None:
            return state.signup_day <= day - 90
        return state.last_seen_day <= day - 90
    if segment == "active_users":
        return state.active_days_7d >= 1
    if segment == "cart_abandoners":
        return (
            state.last_cart_day is not None
            and state.last_cart_day > day - 3
            and (state.last_order_t is None or state.last_order_t < state.last_cart_t)
        )
    if segment == "recent_buyers":
        return any(order_day > day - 7 for order_day in state.order_days)
    if segment == "lapsing_customers":
        return (
            len(state.order_days) >= 2
            and state.last_seen_day is not None
            and day - 89 <= state.last_seen_day <= day - 30
        )
    raise ValueError(f"the generator has no rule for segment {segment!r}")
