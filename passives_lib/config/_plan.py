"""Settings for prioritising passives and planning the week's outreach (config key ``plan``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from typing import Annotated, Any

from pydantic import AfterValidator, ConfigDict, Field, model_validator, with_config
from pydantic.dataclasses import dataclass
from typing_extensions import TypedDict

from passives_lib.config._callers import Callers
from passives_lib.config._contact_policy import ContactPolicy
from passives_lib.config._values import (
    MODEL,
    ConfigPath,
    Key,
    Names,
    NumberMap,
    Section,
    Text,
    choice,
    fail,
    mapping,
    number,
    one_of,
    only_keys,
    whole,
)
from passives_lib.core import MAX_WEEKS

__all__ = ["EFFORTS", "NEXT_STEPS", "PROFILES", "STRATEGIES", "PlanSettings"]

STRATEGIES = ("value", "score", "easy_fix", "segment", "testimonial", "engagement")
PROFILES: dict[str, dict[str, float]] = {
    "balanced": dict.fromkeys(STRATEGIES, 1.0),
    "value": dict(zip(STRATEGIES, (3.0, 1.0, 0.5, 1.0, 0.5, 0.5), strict=True)),
    "quick_fix": dict(zip(STRATEGIES, (0.5, 1.0, 3.0, 0.5, 0.5, 0.5), strict=True)),
    "advocacy": dict(zip(STRATEGIES, (1.0, 2.0, 0.5, 0.5, 3.0, 0.5), strict=True)),
    "retention": dict(zip(STRATEGIES, (1.5, 0.5, 0.5, 0.5, 0.5, 3.0), strict=True)),
}
EFFORTS = ("low", "medium", "high")
# The steps of the call list and the management sample offer no voucher or incentive: an
# incentive goes only to the incentives list (the contact lifecycle's rule), with "thank_you".
NEXT_STEPS = {
    "thank_you": "Thank them, say what changed about their concern, and send an incentive to "
    "buy again",
    "fix_reached": "Say what changed about their concern and when, and ask whether the fix "
    "reached them",
    "fix_and_follow_up": "Fix their quick-fix issue, then call back to say it is done",
    "panel": "Invite them to the customer panel and ask for a testimonial",
    "targeted_offer": "Account manager call with a targeted offer",
    "usage_check_in": "Usage check-in: offer a training session on unused features",
    "hear_story": "Call to hear their story and what would make them recommend us",
}


def _names_only(known: Any, kind: str) -> AfterValidator:
    def check(value: dict) -> dict:
        only_keys(value, known, kind)
        return value

    return AfterValidator(check)


@with_config(ConfigDict(extra="forbid"))
class _IssueKind(TypedDict, total=False):
    effort: choice(EFFORTS)
    label: Text
    words: Names


_Weights = Annotated[NumberMap, _names_only(STRATEGIES, "strategies")]
_ThemeEffort = Annotated[
    dict[Key, Names],
    mapping(f"a mapping of {list(EFFORTS)} to lists of words"),
    _names_only(EFFORTS, "efforts"),
]
_IssueKinds = Annotated[
    dict[Key, Annotated[_IssueKind, mapping("a mapping with effort, label and words")]],
    mapping("a mapping of kinds"),
]
_NextSteps = Annotated[
    dict[Key, Text], mapping("a mapping of steps to texts"), _names_only(NEXT_STEPS, "steps")
]


@dataclass(frozen=True, config=MODEL)
class PlanSettings(Section):
    """How passives are prioritised and the week is planned.

    Attributes
    ----------
    profile : str
        Named weighting: ``balanced``, ``value``, ``quick_fix``, ``advocacy`` or ``retention``.
    weights : dict of str to float
        Per-strategy weights that override the profile's.
    capacity : int
        Calls the front-line team can make this week (the call list's length) when no
        ``callers`` are named.
    callers : list of Caller
        The front-line callers (``plan.callers``): the call list is as long as their
        capacities together and split between them by priority, capacity and fit.
    management_share : float
        Share of the week's eligible passives handed to managers (0.10 = 10%), drawn before
        the call list fills its capacity (rounded half up).
    managers : list of str
        Managers who call the management sample, assigned in turn.
    segment_weights : dict of str to float
        How much each segment matters (the ``segment`` strategy); unlisted segments get
        ``default_segment_weight``.
    default_segment_weight : float
        Weight of segments not listed.
    theme_effort : dict of str to list of str
        ``low``/``medium``/``high`` to words or phrases: a theme whose label or keywords contain
        one of them has that effort. Themes not matched follow the issue kinds.
    issue_kinds : dict of str to dict
        Changes to the built-in vocabulary of issue kinds (``themes/issue_kinds.yml``): kind
        name to ``effort`` (low, medium, high), ``label`` and ``words``; a new name adds a kind.
    recontact_after_days : int
        Someone who answered an earlier contact is due again after this many days.
    panel_size : int
        At most this many panel invitations a week.
    management_capacity : int
        At most this many passives in the management sample.
    incentive_capacity : int
        At most this many incentives a week (the rest stay due for later weeks).
    backlog_weeks : int
        Passives who answered the survey in the planned week or the ``backlog_weeks - 1``
        weeks before it, and were not contacted yet, are eligible; older ones are left out.
    ledger : str
        Contact ledger: a SQLite file path or an SQLAlchemy URL (a relative path is read
        from the config file's folder).
    random_state : int
        Seed for the management sample.
    next_steps : dict of str to str
        Replacement wording for the suggested next steps (keys as in ``NEXT_STEPS``).
    soft_promoter_usage_drop : float
        A promoter whose product usage fell by more than this share of the previous period
        is a soft promoter (0.3 = a fall of more than 30%).
    contact_policy : ContactPolicy
        Retries after no answer (how many, how far apart); see :class:`ContactPolicy`.
    """

    profile: Annotated[Text, AfterValidator(one_of(sorted(PROFILES)))] = "balanced"
    weights: _Weights = field(default_factory=dict)
    capacity: whole(minimum=0) = 25
    callers: Callers = field(default_factory=list)
    management_share: number(0, 1) = 0.10
    managers: Names = field(default_factory=lambda: ["Management"])
    segment_weights: NumberMap = field(default_factory=dict)
    default_segment_weight: number(minimum=0) = 0.5
    theme_effort: _ThemeEffort = field(default_factory=dict)
    issue_kinds: _IssueKinds = field(default_factory=dict)
    recontact_after_days: whole(0, MAX_WEEKS * 7) = 90
    panel_size: whole(minimum=0) = 20
    management_capacity: whole(minimum=0) = 25
    incentive_capacity: whole(minimum=0) = 25
    backlog_weeks: whole(1, MAX_WEEKS) = 4
    ledger: ConfigPath = Field(default="reports/ledger.sqlite", validate_default=True)
    random_state: whole(0, 2**32 - 1) = 42
    next_steps: _NextSteps = field(default_factory=dict)
    soft_promoter_usage_drop: number(maximum=1, above=0) = 0.3
    contact_policy: ContactPolicy = field(default_factory=ContactPolicy)

    @model_validator(mode="wrap")
    @classmethod
    def _some_weight(cls, data: Any, handler: Callable[[Any], PlanSettings]) -> PlanSettings:
        """A config (a mapping) leaves some weight above 0; code (the explorer) may pass by 0."""
        settings = handler(data)
        if isinstance(data, dict) and not any(settings.strategy_weights().values()):
            raise fail(
                must="leave at least one strategy weight above 0 (else every priority is 0)",
                found=repr(settings.weights),
                at=("weights",),
            )
        return settings

    @property
    def call_capacity(self) -> int:
        """The call list's length: the callers' capacities together, else ``capacity``."""
        return sum(c.capacity for c in self.callers) if self.callers else self.capacity

    def strategy_weights(self) -> dict[str, float]:
        """The profile's weights with the custom ones applied."""
        return PROFILES[self.profile] | self.weights

    def step_text(self, key: str) -> str:
        """Wording of a next step, the config's if given."""
        return self.next_steps.get(key, NEXT_STEPS[key])
