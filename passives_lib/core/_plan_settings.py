"""Settings for prioritising passives and planning the week's outreach (config key ``plan``)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from passives_lib.core._checks import (
    config_path,
    number_mapping,
    real_number,
    text_list,
    text_value,
    whole_number,
)
from passives_lib.core._errors import ConfigError, settings_section
from passives_lib.core._weeks import MAX_WEEKS

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


def plan_settings_from_dict(raw: Any, where: str, base: Path | None = None) -> PlanSettings:
    """Validate the ``plan`` section of a config, every value by type and range.

    Parameters
    ----------
    raw : mapping
        The parsed section.
    where : str
        Names the config in messages.
    base : Path, optional
        The config file's folder: a relative ``ledger`` path is resolved against it.

    Returns
    -------
    PlanSettings
        The validated settings.

    Raises
    ------
    ConfigError
        If a key is unknown or a value has the wrong type or is out of range, in the form
        ``plan.panel_size must be a whole number >= 0, got -5``.
    """
    settings = settings_section(raw, "plan", PlanSettings, where)
    profile = text_value(settings.profile, "plan.profile", where)
    if profile not in PROFILES:
        raise ConfigError(
            f"{where}: plan.profile must be one of {sorted(PROFILES)}, got {profile!r}"
        )
    weights = number_mapping(settings.weights, "plan.weights", where)
    _known_keys(weights, STRATEGIES, "plan.weights", "strategies", where)
    if not any((PROFILES[profile] | weights).values()):
        raise ConfigError(
            f"{where}: plan.weights must leave at least one strategy weight above 0 (else "
            f"every priority is 0), got {weights!r}"
        )
    steps = settings.next_steps
    if not isinstance(steps, dict):
        raise ConfigError(f"{where}: plan.next_steps must be a mapping of steps to texts")
    _known_keys(steps, NEXT_STEPS, "plan.next_steps", "steps", where)
    return replace(
        settings,
        profile=profile,
        weights=weights,
        capacity=whole_number(settings.capacity, "plan.capacity", where, minimum=0),
        management_share=real_number(
            settings.management_share, "plan.management_share", where, minimum=0, maximum=1
        ),
        managers=text_list(settings.managers, "plan.managers", where),
        segment_weights=number_mapping(settings.segment_weights, "plan.segment_weights", where),
        default_segment_weight=real_number(
            settings.default_segment_weight, "plan.default_segment_weight", where, minimum=0
        ),
        theme_effort=_theme_effort(settings.theme_effort, where),
        recontact_after_days=whole_number(
            settings.recontact_after_days,
            "plan.recontact_after_days",
            where,
            minimum=0,
            maximum=MAX_WEEKS * 7,
        ),
        panel_size=whole_number(settings.panel_size, "plan.panel_size", where, minimum=0),
        management_capacity=whole_number(
            settings.management_capacity, "plan.management_capacity", where, minimum=0
        ),
        incentive_capacity=whole_number(
            settings.incentive_capacity, "plan.incentive_capacity", where, minimum=0
        ),
        backlog_weeks=whole_number(
            settings.backlog_weeks, "plan.backlog_weeks", where, minimum=1, maximum=MAX_WEEKS
        ),
        soft_promoter_usage_drop=real_number(
            settings.soft_promoter_usage_drop,
            "plan.soft_promoter_usage_drop",
            where,
            maximum=1,
            above=0,
        ),
        ledger=config_path(settings.ledger, "plan.ledger", where, base),
        random_state=whole_number(
            settings.random_state, "plan.random_state", where, minimum=0, maximum=2**32 - 1
        ),
        next_steps={k: text_value(v, f"plan.next_steps.{k}", where) for k, v in steps.items()},
    )


def _known_keys(mapping: dict, known: Any, key: str, kind: str, where: str) -> None:
    bad = sorted(set(map(str, mapping)) - set(known))
    if bad:
        raise ConfigError(f"{where}: {key} names unknown {kind} {bad}; {kind} are {list(known)}")


def _theme_effort(raw: Any, where: str) -> dict[str, list[str]]:
    if not isinstance(raw, dict):
        raise ConfigError(
            f"{where}: plan.theme_effort must be a mapping of {list(EFFORTS)} to lists of "
            f"words, got {raw!r}"
        )
    _known_keys(raw, EFFORTS, "plan.theme_effort", "efforts", where)
    return {str(k): text_list(v, f"plan.theme_effort.{k}", where) for k, v in raw.items()}
