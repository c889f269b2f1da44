"""Generator settings: scale knobs and the rate of every planted dirty-data case."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Every dirty-data case of the raw data contract, with its default rate.
# Event cases are drawn once per event row and are mutually exclusive, so each
# planted row lands in exactly one place in staging; duplicates are extra
# copies of a row.  Profile field cases are drawn per user and apply to every
# row of that user.  Rates are probabilities in [0, 1].
DEFAULT_RATES: dict[str, float] = {
    # events
    "duplicate_event_id": 0.010,  # per event row: one or two extra copies
    "missing_identity": 0.002,  # neither user_id nor anonymous_id
    "unknown_event_name": 0.002,  # a name that is not in the taxonomy
    "malformed_properties": 0.002,  # properties that are not valid JSON
    "null_event_ts": 0.005,  # event_ts null: staging imputes received_at
    "future_event_ts": 0.001,  # event_ts more than 24 h after received_at
    "ancient_event_ts": 0.001,  # event_ts before 2000-01-01
    "invalid_revenue": 0.030,  # per order: negative, non-numeric or unknown currency
    "event_unknown_country": 0.005,  # junk country on an otherwise clean event
    "late_arrival": 0.020,  # received 3.5 to 10 days after event_ts (clean)
    "clock_skew": 0.005,  # event_ts 1 to 20 h after received_at (clean)
    # profiles
    "profile_missing_user_id": 0.005,  # per profile row: an extra copy without user_id
    "profile_duplicate_row": 0.005,  # per profile row: an exact extra copy
    "invalid_birth_date": 0.010,  # per user: in the future or more than 110 years ago
    "negative_income": 0.010,  # per user
    "location_out_of_range": 0.010,  # per user: latitude/longitude impossible
    "profile_unknown_country": 0.010,  # per user: junk country
    # campaigns
    "campaign_duplicate_row": 0.050,  # per campaign: an exact extra copy
    "campaign_missing_id": 0.030,  # per campaign: an extra copy without campaign_id
    # identity
    "shared_device": 0.004,  # per user: lends a device to another user
}


# Per-event cases drawn from one roll, so at most one applies to a row.
EXCLUSIVE_EVENT_CASES = (
    "missing_identity",
    "unknown_event_name",
    "malformed_properties",
    "null_event_ts",
    "future_event_ts",
    "ancient_event_ts",
    "event_unknown_country",
    "late_arrival",
    "clock_skew",
)


@dataclass(frozen=True)
class GeneratorConfig:
    """Everything that determines the generated files; same config, same bytes."""

    users: int = 5_000
    days: int = 180
    start_date: dt.date = dt.date(2026, 1, 1)
    seed: int = 42
    events_per_active_day: float = 6.0
    chunk_size: int = 5_000  # users per chunk: peak memory ~0.6 GB per worker at 365 days
    campaign_every_days: int = 4
    # must equal the dbt vars segments__holdout_share and
    # segments__global_control_share of the build that reads the data: the
    # generator sends campaigns to the audiences the warehouse's exports hold
    holdout_share: float = 0.10
    global_control_share: float = 0.05
    rates: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_RATES))

    @property
    def end_date(self) -> dt.date:
        """The last day with events (inclusive)."""
        return self.start_date + dt.timedelta(days=self.days - 1)

    @property
    def chunks(self) -> int:
        return max(1, -(-self.users // self.chunk_size))

    def validate(self) -> None:
        """Raise ValueError with a one-line reason on a bad setting."""
        if self.users < 1:
            raise ValueError(f"--users must be at least 1, got {self.users}")
        if self.days < 7:
            raise ValueError(f"--days must be at least 7, got {self.days}")
        if self.chunk_size < 1:
            raise ValueError(f"--chunk-size must be at least 1, got {self.chunk_size}")
        if self.events_per_active_day <= 0:
            raise ValueError(
                f"--events-per-active-day must be positive, got {self.events_per_active_day}"
            )
        if self.start_date < dt.date(2001, 1, 1):
            raise ValueError(f"--start-date must be 2001-01-01 or later, got {self.start_date}")
        if not 0.0 <= self.holdout_share < 1.0:
            raise ValueError(f"--holdout-share must be within [0, 1), got {self.holdout_share}")
        if not 0.0 <= self.global_control_share <= 0.5:
            raise ValueError(
                f"--global-control-share must be within [0, 0.5], got {self.global_control_share}"
            )
        unknown = sorted(set(self.rates) - set(DEFAULT_RATES))
        if unknown:
            raise ValueError(f"unknown dirty-data case(s): {', '.join(unknown)}")
        for case, rate in self.rates.items():
            if not 0.0 <= rate <= 1.0:
                raise ValueError(f"rate of {case} must be within [0, 1], got {rate}")
        total = sum(self.rates[c] for c in EXCLUSIVE_EVENT_CASES)
        if total > 1.0:
            raise ValueError(f"per-event case rates add up to {total:.3f}, more than 1")
