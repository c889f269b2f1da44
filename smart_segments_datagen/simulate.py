"""Simulates users, their behaviour and their CRM rows, one chunk of users at a time.

Behaviour model (the documented drivers that propensity models can learn):

* Engagement: each user gets a daily activity probability (log-normal around
  8%).  Users are active from sign-up until a churn day (exponential, mean
  150 days); 20% of churned users come back after a 35 to 70 day gap for a
  short stretch (reactivation).
* Sessions: mobile sessions open with `app_open`; then page/screen views
  whose content category follows the user's survey interests, searches, and
  a view -> cart -> order funnel scaled by the user's buying propensity;
  order values lognormal around 55 USD times the user's own spend level.
* Conversion (free -> paid, `subscription_started`): per active day
  0.3% x engagement factor x 3 after a content download x 5 after a demo
  request.  Upgrade (basic -> premium): 0.4% x engagement factor x 3 after
  two downloads x 4 after a demo request.  Cancellation: 1.2% / engagement
  factor.  The engagement factor is the activity probability / 8%, capped at 3.
* Campaigns: every few days a broadcast goes to about half of the users
  signed up before its launch who are contactable then (marketing consent)
  and not in the global control group; campaigns aimed at segments
  (campaign_impact.TARGETED_CAMPAIGNS) go to the segment's contactable
  members outside its holdout, some with a planted effect on behaviour in
  the campaign window; deliveries, opens and clicks follow a per-user
  responsiveness (30% never open).  Every campaign has a cost.
* Satisfaction: 20% of users answer one NPS survey; engaged users score
  higher.
* Identity: 60% of users signing up in the window browse anonymously first;
  a second device is linked by `login`; 10% of web sessions are logged out
  (anonymous_id only) and are stitched later; a few devices are shared.

Every chunk uses its own random stream derived from (seed, chunk index), so
the files do not depend on the number of worker processes.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from collections import Counter
from dataclasses import dataclass, field
from enum import IntEnum

from smart_segments_datagen import campaign_impact, catalog
from smart_segments_datagen.config import EXCLUSIVE_EVENT_CASES, GeneratorConfig

SECOND = 1_000_000
HOUR = 3600 * SECOND
DAY = 24 * HOUR
EPOCH = dt.datetime(1970, 1, 1)

EVENT_COLUMNS = [
    "event_id",
    "user_id",
    "anonymous_id",
    "event_name",
    "event_ts",
    "received_at",
    "platform",
    "os_version",
    "device_model",
    "app_version",
    "country",
    "city",
    "properties",
]
# an event row is a list in EVENT_COLUMNS order (cheap at 100M events);
# code reads and edits its fields by name: row[Field.received_at]
Field = IntEnum("Field", {name: index for index, name in enumerate(EVENT_COLUMNS)})

PROFILE_COLUMNS = [
    "user_id",
    "email",
    "full_name",
    "phone",
    "birth_date",
    "gender",
    "marital_status",
    "education",
    "annual_income",
    "occupation",
    "life_stage",
    "country",
    "region",
    "city",
    "postal_code",
    "latitude",
    "longitude",
    "location_type",
    "signup_at",
    "plan",
    "marketing_consent",
    "consent_updated_at",
    "interests",
    "lifestyle",
    "deletion_requested_at",
    "updated_at",
]
CAMPAIGN_COLUMNS = [
    "campaign_id",
    "name",
    "channel",
    "objective",
    "is_important",
    "launched_at",
    # contract v1.1
    "target_segment",
    "cost",
    "cost_currency",
    "ends_at",
]
# what a campaign costs, per user of the base, on top of 0.10 USD per user of
# creative and set-up work
CHANNEL_COST_USD_PER_USER = {
    "email": 0.02,
    "push": 0.01,
    "sms": 0.08,
    "in_app": 0.005,
    "whatsapp": 0.05,
}


def to_us(value: dt.datetime | dt.date) -> int:
    """Microseconds since the Unix epoch of a naive UTC datetime or date."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    return (value - EPOCH) // dt.timedelta(microseconds=1)


@dataclass
class Campaign:
    campaign_id: str
    name: str
    channel: str
    objective: str
    is_important: bool
    launched_at: int  # microseconds
    audience_share: float  # broadcasts: the share of the eligible users messaged
    target_segment: str | None = None
    cost: float = 0.0
    cost_currency: str = "USD"
    ends_at: int | None = None
    effect: str | None = None  # a planted effect (campaign_impact)
    effect_size: float = 0.0


@dataclass
class ChunkResult:
    """Columnar rows of one chunk and what was planted in them."""

    events: dict[str, list] = field(default_factory=lambda: {c: [] for c in EVENT_COLUMNS})
    profiles: dict[str, list] = field(default_factory=lambda: {c: [] for c in PROFILE_COLUMNS})
    counts: Counter = field(default_factory=Counter)


def make_campaigns(config: GeneratorConfig) -> tuple[dict[str, list], list[Campaign], Counter]:
    """All campaigns (small, generated once) and their raw rows with planted copies."""
    rng = random.Random(f"{config.seed}:campaigns")
    start = to_us(config.start_date)
    campaigns: list[Campaign] = []
    channels = ["email", "push", "sms", "in_app", "whatsapp"]
    objectives = ["onboarding", "reactivation", "upsell", "promo", "announcement"]
    day = 1
    number = 0
    while day < config.days:
        number += 1
        objective = rng.choice(objectives)
        campaigns.append(
            Campaign(
                campaign_id=f"cmp_{number:04d}",
                name=f"{objective.title()} wave {number}",
                channel=rng.choices(channels, weights=[5, 4, 1, 2, 1])[0],
                objective=objective,
                is_important=rng.random() < 0.2,
                launched_at=start + day * DAY + rng.randrange(8 * HOUR, 18 * HOUR),
                audience_share=rng.uniform(0.4, 0.65),
            )
        )
        day += config.campaign_every_days
    campaigns.extend(targeted_campaigns(config, start, number))
    price_campaigns(config, campaigns)
    rows: dict[str, list] = {c: [] for c in CAMPAIGN_COLUMNS}
    counts: Counter = Counter()
    planted: list[tuple] = []
    for campaign in campaigns:
        row = (
            campaign.campaign_id,
            campaign.name,
            rng.choice([campaign.channel, campaign.channel.upper()]),
            campaign.objective,
            campaign.is_important,
            campaign.launched_at,
            campaign.target_segment,
            campaign.cost,
            campaign.cost_currency,
            campaign.ends_at,
        )
        planted.append(row)
        if rng.random() < config.rates["campaign_duplicate_row"]:
            planted.append(row)
            counts["campaign_duplicate_row"] += 1
        if rng.random() < config.rates["campaign_missing_id"]:
            planted.append((None, *row[1:]))
            counts["campaign_missing_id"] += 1
    for row in planted:
        for column, value in zip(CAMPAIGN_COLUMNS, row, strict=True):
            rows[column].append(value)
    counts["campaigns"] = len(campaigns)
    counts["raw_rows"] = len(planted)
    return rows, campaigns, counts


def targeted_campaigns(config: GeneratorConfig, start: int, number: int) -> list[Campaign]:
    """The campaigns aimed at segments, numbered after the broadcasts; none before day 1."""
    rng = random.Random(f"{config.seed}:targeted_campaigns")
    campaigns = []
    for spec in campaign_impact.TARGETED_CAMPAIGNS:
        day = config.days - spec.days_before_end
        launched_at = start + day * DAY + rng.randrange(8 * HOUR, 18 * HOUR)
        if day < 1:
            continue
        number += 1
        campaigns.append(
            Campaign(
                campaign_id=f"cmp_{number:04d}",
                name=spec.name,
                channel=spec.channel,
                objective=spec.objective,
                is_important=False,
                launched_at=launched_at,
                audience_share=1.0,
                target_segment=spec.target_segment,
                ends_at=launched_at + 7 * DAY,
                effect=spec.effect,
                effect_size=spec.size,
            )
        )
    return campaigns


def price_campaigns(config: GeneratorConfig, campaigns: list[Campaign]) -> None:
    """Every campaign's cost in USD, EUR or GBP: set-up plus a per-user rate of its channel."""
    rng = random.Random(f"{config.seed}:campaign_costs")
    for campaign in campaigns:
        usd = config.users * (0.10 + CHANNEL_COST_USD_PER_USER[campaign.channel])
        usd *= rng.uniform(0.8, 1.2)
        currency = rng.choices(["USD", "EUR", "GBP"], weights=[6, 3, 1])[0]
        campaign.cost = round(usd / RATES_TO_USD[currency], 2)
        campaign.cost_currency = currency


def app_version_at(t: int, release_zero: int) -> int:
    """Newest released minor version at time t."""
    return max(0, (t - release_zero) // (catalog.APP_RELEASE_EVERY_DAYS * DAY))


class ChunkSimulator:
    """Generates users [first_index, first_index + size) of one chunk."""

    def __init__(
        self,
        config: GeneratorConfig,
        campaigns: list[Campaign],
        chunk_index: int,
    ) -> None:
        self.config = config
        self.campaigns = campaigns
        self.chunk_index = chunk_index
        self.rng = random.Random(f"{config.seed}:chunk:{chunk_index}")
        self.start = to_us(config.start_date)
        self.end = self.start + config.days * DAY  # exclusive
        self.release_zero = self.start - 60 * DAY
        self.result = ChunkResult()
        self.country_weights = [country.weight for country in catalog.COUNTRIES]

    # ----------------------------------------------------------------- users
    def run(self) -> ChunkResult:
        first = self.chunk_index * self.config.chunk_size
        last = min(self.config.users, first + self.config.chunk_size)
        users = [self.make_user(index) for index in range(first, last)]
        self.share_devices(users)
        for user in users:
            self.simulate_user(user)
        self.result.counts["users"] += len(users)
        self.result.counts["ambiguous_anonymous_ids"] = self.count_ambiguous_ids()
        return self.result

    def count_ambiguous_ids(self) -> int:
        """Anonymous ids seen with more than one user_id in the written rows.

        Devices are only shared within a chunk, so per-chunk counts add up.
        """
        seen: dict[str, set] = {}
        events = self.result.events
        for user_id, anonymous_id in zip(events["user_id"], events["anonymous_id"], strict=True):
            if user_id is not None and anonymous_id is not None:
                seen.setdefault(anonymous_id, set()).add(user_id)
        return sum(1 for users in seen.values() if len(users) > 1)

    def make_user(self, index: int) -> dict:
        rng = self.rng
        days = self.config.days
        # a quarter signed up before the window (their early history is not in it)
        signup_day = rng.randint(-150, -1) if rng.random() < 0.25 else rng.randint(0, days - 1)
        country = rng.choices(catalog.COUNTRIES, weights=self.country_weights)[0]
        city = rng.choices(country.cities, weights=[city.weight for city in country.cities])[0]
        age = self.draw_age()
        engagement = min(0.85, 0.08 * math.exp(rng.gauss(0.0, 0.8)))
        main_platform = rng.choices(["ios", "android", "web"], weights=[35, 35, 30])[0]
        devices = [self.make_device(index, 0, main_platform, signup_day)]
        if rng.random() < 0.4:
            second = "web" if main_platform != "web" else rng.choice(["ios", "android"])
            devices.append(self.make_device(index, 1, second, signup_day + rng.randint(0, 60)))
        interests = rng.sample(catalog.INTERESTS, rng.randint(1, 4))
        churn_after = int(rng.expovariate(1 / 150))
        if signup_day < 0 and rng.random() < 0.35:
            churn_after = rng.randint(0, max(0, -signup_day))  # gone before the window
        plan = (
            rng.choices(["free", "basic", "premium"], weights=[75, 18, 7])[0]
            if signup_day < 0
            else "free"
        )
        return {
            "index": index,
            "user_id": f"u{index:07d}",
            "signup_day": signup_day,
            "signup_at": self.start + signup_day * DAY + rng.randrange(7 * HOUR, 23 * HOUR),
            "country": country,
            "city": city,
            "age": age,
            "engagement": engagement,
            "engagement_factor": min(3.0, engagement / 0.08),
            "buying": math.exp(rng.gauss(0.0, 0.7)),
            # what the user spends per order, relative to everyone: its own
            # stream, so adding it changed no other draw
            "spend_level": math.exp(
                random.Random(f"{self.config.seed}:spend:{index}").gauss(0.0, 0.5)
            ),
            "coupon_share": 0.75 if rng.random() < 0.15 else 0.05,
            "responsiveness": rng.choices([0.0, 0.2, 0.65], weights=[30, 40, 30])[0],
            "devices": devices,
            "interests": interests,
            "churn_day": signup_day + churn_after,
            "returns": rng.random() < 0.2,
            "has_anonymous_history": signup_day >= 0 and rng.random() < 0.6,
            "plan": plan,
            "initial_plan": plan,
            "borrowed_device": None,
            "lends_device": False,
        }

    def draw_age(self) -> int:
        rng = self.rng
        band = rng.choices(
            [(15, 17), (18, 24), (25, 34), (35, 44), (45, 54), (55, 64), (65, 85)],
            weights=[2, 16, 26, 20, 14, 11, 11],
        )[0]
        return rng.randint(*band)

    def make_device(self, index: int, number: int, platform: str, first_day: int) -> dict:
        rng = self.rng
        models, os_versions = catalog.DEVICES[platform]
        return {
            "anonymous_id": f"a-{rng.getrandbits(32):08x}-{index:07d}{number}",
            "platform": platform,
            "spelling": rng.choice(catalog.PLATFORM_SPELLINGS[platform]),
            "device_model": rng.choice(models),
            "os_version": rng.choice(os_versions),
            "installed_at": self.start + first_day * DAY,
            # days behind the newest release; None: never updates after install
            "update_lag_days": (
                None
                if rng.random() < 0.12
                else (rng.randint(0, 7) if rng.random() < 0.75 else rng.randint(8, 40))
            ),
            "linked": number == 0,
        }

    def share_devices(self, users: list[dict]) -> None:
        """Lend a device of some users to another user of the chunk (ambiguous ids)."""
        rate = self.config.rates["shared_device"]
        if len(users) < 2:
            return
        for lender in users:
            if self.rng.random() >= rate:
                continue
            borrower = self.rng.choice([u for u in (self.rng.sample(users, 2)) if u is not lender])
            if borrower["borrowed_device"] is not None:
                continue
            borrower["borrowed_device"] = lender["devices"][0]
            lender["lends_device"] = True
            self.result.counts["shared_device"] += 1

    # ------------------------------------------------------------ behaviour
    def simulate_user(self, user: dict) -> None:
        rng = self.rng
        events: list[list] = []
        user["events"] = events
        user["event_seq"] = 0
        user["downloads"] = 0
        user["demo"] = False
        user["plan_changes"] = []  # (time, plan)
        days = self.config.days
        signup_day = user["signup_day"]
        if user["has_anonymous_history"]:
            for offset in sorted(rng.sample(range(1, 11), rng.randint(1, 3)), reverse=True):
                day = signup_day - offset
                if day >= 0:
                    self.session(user, day, anonymous=True)
        if signup_day >= 0:
            device = user["devices"][0]
            self.emit(user, device, "sign_up", user["signup_at"], None)
        active_from = max(0, signup_day)
        stretches = [(active_from, min(days - 1, user["churn_day"]))]
        if user["returns"] and user["churn_day"] < days - 10:
            back = user["churn_day"] + rng.randint(35, 70)
            stretches.append((max(back, active_from), min(days - 1, back + rng.randint(5, 20))))
        for first_day, last_day in stretches:
            for day in range(first_day, last_day + 1):
                if rng.random() < user["engagement"]:
                    for _ in range(1 if rng.random() < 0.75 else 2):
                        self.session(user, day, anonymous=False)
                    self.subscription_step(user, day)
        # both users of a shared device are seen on it at least once in the window
        if user["lends_device"]:
            day = rng.randint(max(0, signup_day), days - 1)
            self.session(user, day, anonymous=False, device=user["devices"][0], identified=True)
        if user["borrowed_device"] is not None:
            day = rng.randint(max(0, signup_day), days - 1)
            self.session(
                user, day, anonymous=False, device=user["borrowed_device"], identified=True
            )
        self.survey(user)
        self.profile_rows(user)
        self.messaging(user)
        self.targeted_campaigns(user)
        self.plant_event_cases(user)

    def session(
        self,
        user: dict,
        day: int,
        anonymous: bool,
        device: dict | None = None,
        identified: bool = False,
    ) -> None:
        rng = self.rng
        if device is None:
            devices = user["devices"]
            device = devices[0] if len(devices) == 1 or rng.random() < 0.75 else devices[1]
            if device["installed_at"] > self.start + day * DAY:
                device = devices[0]
        t = self.start + day * DAY + rng.randrange(6 * HOUR, 23 * HOUR)
        logged_out = (
            not anonymous and not identified and device["platform"] == "web" and rng.random() < 0.1
        )
        anon = anonymous or logged_out
        if not anon and not device.get("linked_to", {}).get(user["user_id"]):
            device.setdefault("linked_to", {})[user["user_id"]] = True
            if not (device is user["devices"][0] and user["signup_day"] >= 0):
                self.emit(user, device, "login", t, None)
                t += rng.randrange(1, 20) * SECOND
                if rng.random() < 0.1:
                    self.emit(user, device, "identify", t, None)
        if device["platform"] != "web":
            self.emit(user, device, "app_open", t, None, anon)
        view_name = "page_view" if device["platform"] == "web" else "screen_view"
        favourite = [i for i in user["interests"] if i in catalog.CONTENT_CATEGORIES]
        budget = max(1, int(rng.expovariate(1 / max(1.0, self.config.events_per_active_day - 2))))
        for _ in range(budget):
            t += rng.randrange(5, 240) * SECOND
            if favourite and rng.random() < 0.6:
                category = rng.choice(favourite)
            else:
                category = rng.choice(catalog.CONTENT_CATEGORIES)
            self.emit(user, device, view_name, t, {"content_category": category}, anon)
            roll = rng.random()
            if roll < 0.12:
                t += rng.randrange(5, 60) * SECOND
                query = rng.choice(catalog.SEARCH_TERMS)
                props = {"query": query, "content_category": category}
                self.emit(user, device, "search", t, props, anon)
            elif roll < 0.15:
                t += rng.randrange(5, 60) * SECOND
                props = {"content_id": f"wp_{rng.randint(1, 40):03d}", "content_category": category}
                self.emit(user, device, "content_download", t, props, anon)
                if not anon:
                    user["downloads"] += 1
            elif roll < 0.155 and not anon:
                t += rng.randrange(5, 60) * SECOND
                self.emit(user, device, "demo_requested", t, None)
                user["demo"] = True
        if rng.random() < 0.35:
            t = self.funnel(user, device, t, anon)

    def funnel(self, user: dict, device: dict, t: int, anon: bool) -> int:
        rng = self.rng
        product = f"p_{rng.randint(1, 300):04d}"
        category = rng.choice(catalog.PRODUCT_CATEGORIES)
        price = round(rng.uniform(5, 150), 2)
        t += rng.randrange(10, 120) * SECOND
        props = {"product_id": product, "category": category, "price": price}
        self.emit(user, device, "product_view", t, props, anon)
        if rng.random() >= min(0.9, 0.35 * user["buying"]):
            return t
        t += rng.randrange(10, 300) * SECOND
        self.emit(user, device, "add_to_cart", t, {**props, "quantity": rng.randint(1, 3)}, anon)
        if anon or rng.random() >= min(0.9, 0.45 * user["buying"]):
            return t
        t += rng.randrange(30, 900) * SECOND
        currency = user["country"].currency
        rate = RATES_TO_USD[currency]
        revenue = round(rng.lognormvariate(math.log(55 * user["spend_level"]), 0.6) / rate, 2)
        coupon = f"SAVE{rng.randint(5, 30)}" if rng.random() < user["coupon_share"] else None
        order = {
            "order_id": f"o-{user['index']:07d}-{user['event_seq']:05d}",
            "revenue": revenue,
            "currency": currency,
            "coupon_code": coupon,
            "category": category,
        }
        self.emit(user, device, "order_completed", t, order)
        return t

    def subscription_step(self, user: dict, day: int) -> None:
        rng = self.rng
        factor = user["engagement_factor"]
        plan = user["plan"]
        t = self.start + day * DAY + rng.randrange(23 * HOUR, 24 * HOUR - SECOND)
        device = user["devices"][0]
        currency = user["country"].currency
        prices = catalog.PLAN_PRICES.get(currency, catalog.PLAN_PRICES["USD"])
        price_currency = currency if currency in catalog.PLAN_PRICES else "USD"
        if plan == "free":
            p = 0.003 * factor * (3 if user["downloads"] else 1) * (5 if user["demo"] else 1)
            if rng.random() < p:
                new_plan = "basic" if rng.random() < 0.75 else "premium"
                price = prices[0] if new_plan == "basic" else prices[1]
                props = {"plan": new_plan, "price": price, "currency": price_currency}
                self.emit(user, device, "subscription_started", t, props)
                user["plan"] = new_plan
                user["plan_changes"].append((t, new_plan))
            return
        if plan == "basic":
            p = 0.004 * factor * (3 if user["downloads"] >= 2 else 1) * (4 if user["demo"] else 1)
            if rng.random() < p:
                props = {
                    "from_plan": "basic",
                    "to_plan": "premium",
                    "price": prices[1],
                    "currency": price_currency,
                }
                self.emit(user, device, "subscription_upgraded", t, props)
                user["plan"] = "premium"
                user["plan_changes"].append((t, "premium"))
                return
        if rng.random() < 0.012 / factor:
            reason = rng.choice(["too_expensive", "not_using", "switched_provider"])
            self.emit(user, device, "subscription_cancelled", t, {"plan": plan, "reason": reason})
            user["plan"] = "free"
            user["plan_changes"].append((t, "free"))

    def survey(self, user: dict) -> None:
        """One NPS answer from 20% of users who used the product, on one of their active days."""
        rng = self.rng
        active_days = sorted(
            {
                (row[Field.event_ts] - self.start) // DAY
                for row in user["events"]
                if row[Field.user_id] is not None and row[-1] in campaign_impact.PRODUCT_ACTIVITY
            }
        )
        if not active_days or rng.random() >= 0.2:
            return
        day = rng.choice(active_days)
        t = self.start + day * DAY + rng.randrange(23 * HOUR, 24 * HOUR - SECOND)
        when = self.config.start_date + dt.timedelta(days=day)
        mean = 4.0 + 4.0 * user["engagement_factor"] / 3.0
        score = max(0, min(10, round(rng.gauss(mean, 2.5))))
        props = {"survey_id": f"nps_{when.year}q{(when.month - 1) // 3 + 1}", "nps_score": score}
        self.emit(user, user["devices"][0], "survey_answered", t, props)

    def is_contactable(self, user: dict, t: int) -> bool:
        """Consent on the latest profile row updated by the end of t's day; never erased."""
        day_end = self.start + ((t - self.start) // DAY + 1) * DAY
        consent = False
        for row in user["profile_history"]:
            if row["deletion_requested_at"] is not None:
                return False
            if row["updated_at"] < day_end:
                consent = row["marketing_consent"]
        return consent

    def messaging(self, user: dict) -> None:
        """Broadcasts: a share of the users contactable at launch, less the global control."""
        rng = self.rng
        in_control = campaign_impact.is_global_control(
            user["user_id"], self.config.global_control_share
        )
        for campaign in self.campaigns:
            if campaign.target_segment is not None or campaign.launched_at < user["signup_at"]:
                continue
            if rng.random() >= campaign.audience_share:
                continue
            eve = campaign.launched_at - (campaign.launched_at - self.start) % DAY - SECOND
            if in_control or not self.is_contactable(user, eve):
                continue
            self.send(user, campaign, rng)

    def send(self, user: dict, campaign: Campaign, rng: random.Random) -> None:
        """A campaign's message to the user: sent, then delivered, opened and clicked by chance."""
        device = user["devices"][0]
        t = campaign.launched_at + rng.randrange(0, 2 * HOUR)
        props = {
            "campaign_id": campaign.campaign_id,
            "channel": campaign.channel,
            "message_id": f"m-{campaign.campaign_id}-{user['index']:07d}",
        }
        self.emit(user, device, "message_sent", t, props)
        if rng.random() >= 0.92:
            return
        t += rng.randrange(1, 600) * SECOND
        self.emit(user, device, "message_delivered", t, props)
        if rng.random() >= user["responsiveness"]:
            return
        t += rng.randrange(60, 48 * 3600) * SECOND
        self.emit(user, device, "message_opened", t, props)
        if rng.random() < 0.3:
            t += rng.randrange(5, 600) * SECOND
            self.emit(user, device, "message_clicked", t, props)

    # ------------------------------------------------- targeted campaigns
    def user_state(self, user: dict, day: int) -> campaign_impact.UserState:
        """What the segment rules read about the user at the end of `day`."""
        end = self.start + (day + 1) * DAY
        order_days, active_days = [], set()
        last_seen = last_cart_t = last_order_t = None
        for row in user["events"]:
            t, name = row[Field.event_ts], row[-1]
            if t >= end:
                continue
            event_day = (t - self.start) // DAY
            if name not in campaign_impact.NON_ACTIVITY:
                last_seen = event_day if last_seen is None else max(last_seen, event_day)
                if event_day > day - 7:
                    active_days.add(event_day)
            if name == "order_completed" and row[Field.user_id] is not None:
                order_days.append(event_day)
                last_order_t = t if last_order_t is None else max(last_order_t, t)
            elif name == "add_to_cart" and row[Field.user_id] is not None:
                last_cart_t = t if last_cart_t is None else max(last_cart_t, t)
        return campaign_impact.UserState(
            signup_day=user["signup_day"],
            order_days=order_days,
            last_seen_day=last_seen,
            last_cart_day=None if last_cart_t is None else (last_cart_t - self.start) // DAY,
            last_cart_t=last_cart_t,
            last_order_t=last_order_t,
            active_days_7d=len(active_days),
        )

    def targeted_campaigns(self, user: dict) -> None:
        """Each targeted campaign reaches the user if its export held them, with its effect."""
        rng = random.Random(f"{self.config.seed}:impact:{user['index']}")
        counts = self.result.counts
        for campaign in self.campaigns:
            if campaign.target_segment is None:
                continue
            launch_day = (campaign.launched_at - self.start) // DAY
            state = self.user_state(user, launch_day - 1)
            if not campaign_impact.is_member(campaign.target_segment, state, launch_day - 1):
                continue
            if (
                campaign_impact.is_holdout(
                    campaign.target_segment, user["user_id"], self.config.holdout_share
                )
                or campaign_impact.is_global_control(
                    user["user_id"], self.config.global_control_share
                )
                or not self.is_contactable(user, self.start + (launch_day - 1) * DAY)
            ):
                continue
            self.send(user, campaign, rng)
            key = f"impact:{campaign.campaign_id}"
            counts[f"{key}:treated"] += 1
            if campaign.effect is not None:
                self.plant_effect(user, campaign, launch_day, rng, key)

    def window_events(self, user: dict, first_day: int, last_day: int) -> list[list]:
        low, high = self.start + first_day * DAY, self.start + (last_day + 1) * DAY
        return [row for row in user["events"] if low <= row[Field.event_ts] < high]

    def plant_effect(
        self, user: dict, campaign: Campaign, launch_day: int, rng: random.Random, key: str
    ) -> None:
        """The campaign's effect on one treated member; counts what it changed (see the module)."""
        counts = self.result.counts
        last_day = launch_day + campaign_impact.WINDOW_DAYS - 1
        window = self.window_events(user, launch_day, last_day)
        identified = [row for row in window if row[Field.user_id] is not None]
        if campaign.effect == "conversion":
            converted = any(
                row[-1] in ("order_completed", "subscription_started") for row in identified
            )
            if not converted and rng.random() < campaign.effect_size:
                self.campaign_order(user, launch_day + rng.randint(0, 13), rng)
                counts[f"{key}:changed"] += 1
        elif campaign.effect == "reactivation":
            before = self.window_events(
                user, launch_day - campaign_impact.LAPSE_DAYS, launch_day - 1
            )
            if any(row[-1] in campaign_impact.PRODUCT_ACTIVITY for row in before):
                return
            counts[f"{key}:eligible"] += 1
            active = any(row[-1] in campaign_impact.PRODUCT_ACTIVITY for row in window)
            if not active and rng.random() < campaign.effect_size:
                day = launch_day + rng.randint(0, 13)
                device = user["devices"][0]
                t = self.start + day * DAY + rng.randrange(8 * HOUR, 22 * HOUR)
                if device["platform"] != "web":
                    self.emit(user, device, "app_open", t, None)
                view = "page_view" if device["platform"] == "web" else "screen_view"
                category = rng.choice(catalog.CONTENT_CATEGORIES)
                self.emit(user, device, view, t + SECOND, {"content_category": category})
                if rng.random() < 0.3:
                    self.campaign_order(user, day, rng)
                counts[f"{key}:changed"] += 1
        elif campaign.effect == "order_value":
            orders = [row for row in identified if row[-1] == "order_completed"]
            if not orders:
                return
            added_usd = 0.0
            for row in orders:
                order = json.loads(row[Field.properties])
                before = order["revenue"]
                order["revenue"] = round(before * (1 + campaign.effect_size), 2)
                added_usd += (order["revenue"] - before) * RATES_TO_USD[order["currency"]]
                row[Field.properties] = json.dumps(order, separators=(",", ":"))
            counts[f"{key}:changed_usd"] += added_usd
        else:
            raise ValueError(f"unknown planted effect {campaign.effect!r}")

    def campaign_order(self, user: dict, day: int, rng: random.Random) -> None:
        """An order placed because of a campaign: a product view, a cart and the order."""
        device = user["devices"][0]
        t = self.start + day * DAY + rng.randrange(8 * HOUR, 22 * HOUR)
        props = {
            "product_id": f"p_{rng.randint(1, 300):04d}",
            "category": rng.choice(catalog.PRODUCT_CATEGORIES),
            "price": round(rng.uniform(5, 150), 2),
        }
        self.emit(user, device, "product_view", t, props)
        self.emit(user, device, "add_to_cart", t + 60 * SECOND, {**props, "quantity": 1})
        currency = user["country"].currency
        revenue = rng.lognormvariate(math.log(55 * user["spend_level"]), 0.6)
        order = {
            "order_id": f"o-{user['index']:07d}-{user['event_seq']:05d}",
            "revenue": round(revenue / RATES_TO_USD[currency], 2),
            "currency": currency,
            "coupon_code": None,
            "category": props["category"],
        }
        self.emit(user, device, "order_completed", t + 300 * SECOND, order)

    def emit(
        self,
        user: dict,
        device: dict,
        name: str,
        t: int,
        properties: dict | None,
        anonymous: bool = False,
    ) -> None:
        if t >= self.end or t < self.start:
            return
        seq = user["event_seq"]
        user["event_seq"] = seq + 1
        minor = app_version_at(t, self.release_zero)
        if device["platform"] == "web":
            app_version = None
        else:
            lag = device["update_lag_days"]
            if lag is None:
                minor = app_version_at(
                    max(device["installed_at"], self.release_zero), self.release_zero
                )
            else:
                minor = app_version_at(max(t - lag * DAY, self.release_zero), self.release_zero)
            app_version = f"{catalog.APP_MAJOR}.{minor}.{seq % 3}"
        country = user["country"]
        user["events"].append(
            [
                f"e{user['index']:07d}{seq:06d}",
                None if anonymous else user["user_id"],
                device["anonymous_id"],
                self.spell_event_name(name),
                t,
                t + self.rng.randrange(50_000, 120 * SECOND),
                device["spelling"],
                device["os_version"],
                device["device_model"],
                app_version,
                self.spell_country(country),
                user["city"].name,
                None if properties is None else json.dumps(properties, separators=(",", ":")),
                name,  # canonical name, used for planting only
            ]
        )

    def spell_event_name(self, name: str) -> str:
        roll = self.rng.random()
        if roll < 0.6:
            return name
        if roll < 0.75:
            return name.replace("_", " ").title()
        if roll < 0.85:
            return f" {name.upper().replace('_', '-')} "
        if roll < 0.92:
            return name.replace("_", ".")
        aliases = catalog.EVENT_ALIASES.get(name)
        return self.rng.choice(aliases) if aliases else name

    def spell_country(self, country: tuple) -> str:
        roll = self.rng.random()
        if roll < 0.8:
            return country.code
        if roll < 0.9:
            return country.code.lower()
        return country.name

    # -------------------------------------------------------- dirty events
    def plant_event_cases(self, user: dict) -> None:
        rng = self.rng
        rates = self.config.rates
        counts = self.result.counts
        out = self.result.events
        thresholds = []
        total = 0.0
        for case in EXCLUSIVE_EVENT_CASES:
            total += rates[case]
            thresholds.append((total, case))
        for row in user["events"]:
            canonical = row.pop()
            roll = rng.random()
            case = next((c for limit, c in thresholds if roll < limit), None)
            is_order = canonical == "order_completed"
            if case is None and is_order and rng.random() < rates["invalid_revenue"]:
                case = "invalid_revenue"
            if case is not None:
                self.apply_event_case(row, case)
                counts[case] += 1
            counts["raw_rows"] += 1
            for column, value in zip(EVENT_COLUMNS, row, strict=True):
                out[column].append(value)
            if rng.random() < rates["duplicate_event_id"]:
                for copy in range(1 if rng.random() < 0.8 else 2):
                    duplicate = list(row)
                    duplicate[Field.received_at] = (
                        row[Field.received_at] + (copy + 1) * rng.randrange(1, 600) * SECOND
                    )
                    for column, value in zip(EVENT_COLUMNS, duplicate, strict=True):
                        out[column].append(value)
                    counts["duplicate_event_id"] += 1
                    counts["raw_rows"] += 1

    def apply_event_case(self, row: list, case: str) -> None:
        rng = self.rng
        if case == "missing_identity":
            row[Field.user_id] = None
            row[Field.anonymous_id] = None
        elif case == "unknown_event_name":
            row[Field.event_name] = rng.choice(catalog.UNKNOWN_EVENT_NAMES)
        elif case == "malformed_properties":
            text = row[Field.properties] or '{"note":"x"}'
            row[Field.properties] = text[: max(1, len(text) // 2)]
        elif case == "null_event_ts":
            row[Field.event_ts] = None
        elif case == "future_event_ts":
            row[Field.event_ts] = row[Field.received_at] + rng.randrange(25 * HOUR, 30 * DAY)
        elif case == "ancient_event_ts":
            row[Field.event_ts] = to_us(
                dt.date(rng.choice([1970, 1980, 1999]), 1, 1)
            ) + rng.randrange(DAY)
        elif case == "event_unknown_country":
            row[Field.country] = rng.choice(catalog.JUNK_COUNTRIES)
        elif case == "late_arrival":
            row[Field.received_at] = row[Field.event_ts] + rng.randrange(84 * HOUR, 10 * DAY)
        elif case == "clock_skew":
            row[Field.event_ts] = row[Field.received_at] + rng.randrange(1 * HOUR, 20 * HOUR)
        elif case == "invalid_revenue":
            order = json.loads(row[Field.properties])
            kind = rng.choice(["negative", "non_numeric", "unknown_currency"])
            if kind == "negative":
                order["revenue"] = -abs(order["revenue"]) or -1.0
            elif kind == "non_numeric":
                order["revenue"] = rng.choice(["abc", "12,50 EUR", "NaN-ish"])
            else:
                order["currency"] = rng.choice(catalog.UNKNOWN_CURRENCIES)
            row[Field.properties] = json.dumps(order, separators=(",", ":"))

    # ------------------------------------------------------------- profiles
    def profile_rows(self, user: dict) -> None:
        rng = self.rng
        rates = self.config.rates
        counts = self.result.counts
        index = user["index"]
        first = rng.choice(catalog.FIRST_NAMES)
        last = rng.choice(catalog.LAST_NAMES)
        email = f"{first}.{last}{index}@example.com"
        if rng.random() < 0.3:
            email = f"  {email.upper()} "
        age = user["age"]
        birth = self.config.end_date - dt.timedelta(days=int(age * 365.25) + rng.randint(0, 300))
        flags = {
            case: rng.random() < rates[case]
            for case in [
                "invalid_birth_date",
                "negative_income",
                "location_out_of_range",
                "profile_unknown_country",
            ]
        }
        if flags["invalid_birth_date"]:
            birth = rng.choice(
                [
                    self.config.end_date + dt.timedelta(days=rng.randint(30, 4000)),
                    dt.date(1890, 5, 17),
                ]
            )
        income = round(rng.lognormvariate(math.log(55_000), 0.6), 2)
        if flags["negative_income"]:
            income = -income
        country = user["country"]
        city = user["city"]
        spread = 0.15 if city.name == "Berlin" else 0.4
        latitude = round(city.latitude + rng.uniform(-spread, spread), 5)
        longitude = round(city.longitude + rng.uniform(-spread, spread), 5)
        if flags["location_out_of_range"]:
            latitude, longitude = rng.choice(
                [(123.4, longitude), (latitude, -222.0), (95.0, 190.0)]
            )
        country_text = self.spell_country(country)
        if flags["profile_unknown_country"]:
            country_text = rng.choice(catalog.JUNK_COUNTRIES)
        if age >= 65:
            life_stage = "retired" if rng.random() < 0.8 else "empty_nester"
        elif age <= 24:
            life_stage = "student" if rng.random() < 0.7 else "young_professional"
        else:
            life_stage = rng.choice(["young_professional", "parent", "parent", "empty_nester"])
        gender = rng.choices(list(catalog.GENDER_RAW), weights=[47, 46, 3, 4])[0]
        marital = rng.choice(list(catalog.MARITAL_RAW))
        consent = rng.random() < (0.6 if country.code in EU_CODES else 0.75)
        base = {
            "user_id": user["user_id"],
            "email": email,
            "full_name": f"{first} {last}",
            "phone": f"+{rng.randint(1, 99)} {rng.randint(100, 999)} {rng.randrange(10**6, 10**7)}",
            # a planted bad value is always present, so the manifest counts it
            "birth_date": birth if flags["invalid_birth_date"] or rng.random() < 0.95 else None,
            "gender": rng.choice(catalog.GENDER_RAW[gender]),
            "marital_status": rng.choice(catalog.MARITAL_RAW[marital]),
            "education": rng.choice(catalog.EDUCATION_RAW),
            "annual_income": income if flags["negative_income"] or rng.random() < 0.9 else None,
            "occupation": "student" if life_stage == "student" else rng.choice(catalog.OCCUPATIONS),
            "life_stage": life_stage,
            "country": country_text,
            "region": None,
            "city": city.name,
            "postal_code": f"{rng.randint(10000, 99999)}",
            "latitude": latitude,
            "longitude": longitude,
            "location_type": rng.choices(["urban", "suburban", "rural"], weights=[6, 3, 1])[0],
            "signup_at": user["signup_at"],
            "plan": user["plan"],
            "marketing_consent": consent,
            "consent_updated_at": user["signup_at"],
            "interests": ";".join(user["interests"]),
            "lifestyle": rng.choice(catalog.LIFESTYLES),
            "deletion_requested_at": None,
            "updated_at": user["signup_at"] + rng.randrange(SECOND, 60 * SECOND),
        }
        initial_plan = user["initial_plan"]
        rows = [{**base, "plan": initial_plan}]
        current = dict(rows[0])
        for t, plan in user["plan_changes"]:
            current = {**current, "plan": plan, "updated_at": t + rng.randrange(HOUR, 20 * HOUR)}
            rows.append(current)
        for _ in range(rng.choice([0, 0, 1, 2])):
            t = user["signup_at"] + rng.randrange(DAY, 200 * DAY)
            plan = initial_plan
            for change_t, change_plan in user["plan_changes"]:
                if change_t <= t:
                    plan = change_plan
            consent_now = (
                not current["marketing_consent"]
                if rng.random() < 0.3
                else current["marketing_consent"]
            )
            update = {
                **current,
                "plan": plan,
                "lifestyle": rng.choice(catalog.LIFESTYLES),
                "marketing_consent": consent_now,
                "consent_updated_at": t
                if consent_now != current["marketing_consent"]
                else current["consent_updated_at"],
                "updated_at": t,
            }
            rows.append(update)
        if rng.random() < 0.01:
            t = max(user["signup_at"], self.start) + rng.randrange(DAY, 150 * DAY)
            rows.append({**rows[-1], "deletion_requested_at": t, "updated_at": t + HOUR})
        rows = [row for row in rows if row["updated_at"] < self.end]
        rows.sort(key=lambda row: row["updated_at"])
        user["profile_history"] = rows
        out = self.result.profiles
        for row in rows:
            planted = [row]
            if rng.random() < rates["profile_duplicate_row"]:
                planted.append(row)
                counts["profile_duplicate_row"] += 1
            if rng.random() < rates["profile_missing_user_id"]:
                planted.append({**row, "user_id": None})
                counts["profile_missing_user_id"] += 1
            for item in planted:
                for column in PROFILE_COLUMNS:
                    out[column].append(item[column])
            counts["profile_raw_rows"] += len(planted)
            counts["profile_clean_rows"] += 1
            for case, flagged in flags.items():
                if flagged:
                    counts[f"profile_rows_{case}"] += 1
        if rows:
            counts["profile_users"] += 1
            for case, flagged in flags.items():
                if flagged:
                    counts[f"profile_users_{case}"] += 1


EU_CODES = set(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
    ]
)

# Must agree with seeds/fx_rates_to_usd.csv (the generator prices in local currency).
RATES_TO_USD = {
    "USD": 1.0,
    "EUR": 1.08,
    "GBP": 1.27,
    "PLN": 0.25,
    "SEK": 0.095,
    "BRL": 0.2,
    "INR": 0.012,
    "CAD": 0.74,
    "AUD": 0.66,
    "JPY": 0.0067,
    "MXN": 0.058,
    "CHF": 1.13,
}
