"""Settings for prioritising passives and planning the week's outreach (config key ``plan``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from passives_lib.core._errors import ConfigError, settings_section

STRATEGIES = ("value", "score", "easy_fix", "segment", "testimonial", "engagement")
PROFILES: dict[str, dict[str, float]] = {
    "balanced": dict.fromkeys(STRATEGIES, 1.0),
    "value": {
        "value": 3.0,
        "score": 1.0,
        "easy_fix": 0.5,
        "segment": 1.0,
        "testimonial": 0.5,
        "engagement": 0.5,
    },
    "quick_fix": {
        "value": 0.5,
        "score": 1.0,
        "easy_fix": 3.0,
        "segment": 0.5,
        "testimonial": 0.5,
        "engagement": 0.5,
    },
    "advocacy": {
        "value": 1.0,
        "score": 2.0,
        "easy_fix": 0.5,
        "segment": 0.5,
        "testimonial": 3.0,
        "engagement": 0.5,
    },
    "retention": {
        "value": 1.5,
        "score": 0.5,
        "easy_fix": 0.5,
        "segment": 0.5,
        "testimonial": 0.5,
        "engagement": 3.0,
    },
}
EFFORTS = ("low", "medium", "high")
NEXT_STEPS = {
    "thank_you": "Thank them, say what changed about their concern, and send an incentive to "
    "buy again",
    "fix_and_follow_up": "Fix their quick-fix issue, then call back to say it is done",
    "panel": "Invite them to the customer panel and ask for a testimonial",
    "targeted_offer": "Account manager call with a targeted offer",
    "usage_check_in": "Usage check-in: offer a training session on unused features",
    "voucher": "Call to hear their story; offer a voucher for the next purchase",
}


@dataclass(frozen=True)
class PlanSettings:
    """How passives are prioritised and the week is planned.

    Attributes
    ----------
    profile : str
        Named weighting: ``balanced``, ``value``, ``quick_fix``, ``advocacy`` or ``retention``.
    weights : dict of str to float
        Per-strategy weights that override the profile's.
    capacity : int
        Calls the front-line team can make this week (the call list's length).
    management_share : float
        Share of the week's eligible passives handed to managers (0.10 = 10%), drawn before
        the call list fills its capacity (rounded half up).
    management_capacity : int
        At most this many passives in the management sample.
    managers : list of str
        Managers who call the management sample, assigned in turn.
    segment_weights : dict of str to float
        How much each segment matters (the ``segment`` strategy); unlisted segments get
        ``default_segment_weight``.
    default_segment_weight : float
        Weight of segments not listed.
    theme_effort : dict of str to list of str
        ``low``/``medium``/``high`` to words or phrases: a theme whose label or keywords contain
        one of them has that effort. Themes not matched follow the default rule.
    recontact_after_days : int
        Someone who answered an earlier contact is due again after this many days.
    panel_size : int
        At most this many panel invitations a week.
    incentive_capacity : int
        At most this many incentives a week (the rest stay due for later weeks).
    backlog_weeks : int
        Passives who answered the survey in the planned week or the ``backlog_weeks - 1``
        weeks before it, and were not contacted yet, are eligible; older ones are left out.
    ledger : str
        Contact ledger: a SQLite file path or an SQLAlchemy URL.
    random_state : int
        Seed for the management sample.
    next_steps : dict of str to str
        Replacement wording for the suggested next steps (keys as in ``NEXT_STEPS``).
    soft_promoter_usage_drop : float
        A promoter whose product usage fell by more than this share of the previous period
        is a soft promoter (0.3 = a fall of more than 30%).
    """

    profile: str = "balanced"
    weights: dict[str, float] = field(default_factory=dict)
    capacity: int = 25
    management_share: float = 0.10
    managers: list[str] = field(default_factory=lambda: ["Management"])
    segment_weights: dict[str, float] = field(default_factory=dict)
    default_segment_weight: float = 0.5
    theme_effort: dict[str, list[str]] = field(default_factory=dict)
    recontact_after_days: int = 90
    panel_size: int = 20
    management_capacity: int = 25
    incentive_capacity: int = 25
    backlog_weeks: int = 4
    ledger: str = "reports/ledger.sqlite"
    random_state: int = 42
    next_steps: dict[str, str] = field(default_factory=dict)
    soft_promoter_usage_drop: float = 0.3

    def strategy_weights(self) -> dict[str, float]:
        """The profile's weights with the custom ones applied."""
        return PROFILES[self.profile] | self.weights

    def step_text(self, key: str) -> str:
        """Wording of a next step, the config's if given."""
        return self.next_steps.get(key, NEXT_STEPS[key])


def plan_settings_from_dict(raw: Any, where: str) -> PlanSettings:
    """Validate the ``plan`` section of a config.

    Parameters
    ----------
    raw : mapping
        The parsed section.
    where : str
        Names the config in messages.

    Returns
    -------
    PlanSettings
        The validated settings.

    Raises
    ------
    ConfigError
        If a key is unknown or a value out of range.
    """
    settings = settings_section(raw, "plan", PlanSettings, where)

    def fail(message: str) -> None:
        raise ConfigError(f"{where}: plan.{message}")

    if settings.profile not in PROFILES:
        fail(f"profile must be one of {sorted(PROFILES)}, got {settings.profile!r}")
    bad = sorted(set(settings.weights) - set(STRATEGIES))
    if bad:
        fail(f"weights names unknown strategies {bad}; strategies are {list(STRATEGIES)}")
    if any(not isinstance(w, int | float) or w < 0 for w in settings.weights.values()):
        fail("weights must be numbers >= 0")
    if not isinstance(settings.capacity, int) or settings.capacity < 0:
        fail(f"capacity must be a whole number >= 0, got {settings.capacity!r}")
    if not 0 <= float(settings.management_share) <= 1:
        fail(f"management_share must be between 0 and 1, got {settings.management_share!r}")
    _check_counts(settings, where)
    if not settings.managers or not all(isinstance(m, str) and m for m in settings.managers):
        fail("managers must be a non-empty list of names")
    if any(e not in EFFORTS for e in settings.theme_effort):
        fail(f"theme_effort keys must be {list(EFFORTS)}")
    if any(not isinstance(v, list) for v in settings.theme_effort.values()):
        fail("theme_effort values must be lists of words or phrases")
    bad = sorted(set(settings.next_steps) - set(NEXT_STEPS))
    if bad:
        fail(f"next_steps names unknown steps {bad}; steps are {list(NEXT_STEPS)}")
    if not isinstance(settings.recontact_after_days, int) or settings.recontact_after_days < 0:
        fail("recontact_after_days must be a whole number >= 0")
    _check_share(settings.soft_promoter_usage_drop, "soft_promoter_usage_drop", fail)
    return settings


def _check_share(value: Any, key: str, fail: Any) -> None:
    """A share above 0 and at most 1, or ``fail`` with the key's message."""
    if not isinstance(value, int | float) or isinstance(value, bool) or not 0 < value <= 1:
        fail(f"{key} must be a share above 0 and at most 1, got {value!r}")


def _check_counts(settings: PlanSettings, where: str) -> None:
    """Every list's capacity a whole number >= 0; the backlog at least one week."""
    minimum = {"management_capacity": 0, "panel_size": 0, "incentive_capacity": 0}
    for key, least in (minimum | {"backlog_weeks": 1}).items():
        value = getattr(settings, key)
        if not isinstance(value, int) or isinstance(value, bool) or value < least:
            raise ConfigError(
                f"{where}: plan.{key} must be a whole number >= {least}, got {value!r}"
            )
