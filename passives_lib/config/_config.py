"""The whole configuration: how to read the export, and one model per section."""

from __future__ import annotations

from dataclasses import field
from pathlib import Path
from typing import Any, ClassVar

from pydantic import model_validator
from pydantic.dataclasses import dataclass

from passives_lib.config._briefs import BriefSettings
from passives_lib.config._columns import (
    Columns,
    ContactStatuses,
    DateOrder,
    Delimiter,
    Encoding,
    ScoreValues,
    Sheet,
)
from passives_lib.config._email import EmailSettings
from passives_lib.config._nps import NpsSettings
from passives_lib.config._plan import PlanSettings
from passives_lib.config._themes import ThemeSettings
from passives_lib.config._values import MODEL, Section, whole

__all__ = ["Config"]

# Keys whose ``null`` means "the defaults" (``email: null`` means no e-mail).
_NULL_IS_DEFAULT = ("columns", "contact_statuses", "score_values")
# Sections read from the file even when absent, so that their defaults are read as the file's
# (the default ``plan.ledger`` is in the config file's folder).
_SECTIONS = ("nps", "themes", "plan", "briefs")


@dataclass(frozen=True, config=MODEL)
class Config(Section):
    """Settings read from a YAML file (all optional; unknown keys are refused).

    Attributes
    ----------
    columns : dict of str to str
        Canonical column name to the header used in the export.
    dates : {"auto", "iso", "dayfirst", "monthfirst"}
        How to read dates; ``auto`` infers the order from the values and refuses mixed ones.
    encoding : str
        ``auto`` or a Python codec name such as ``cp1252``.
    delimiter : str
        ``auto``, ``,``, ``;`` or ``tab``.
    sheet : str or int, optional
        The worksheet of an XLSX file (the first one by default).
    max_comment_chars : int
        Longer comments are cut to this length and the cut is reported.
    contact_statuses : dict of str to str
        Export value (case-insensitive) to one of the canonical contact statuses.
    score_values : dict of str to int or None
        When given, the complete list of the export's score values (case-insensitive), each
        with its 0-10 score, or ``None`` for "no score" (such as "Don't know"); a score not
        listed is rejected with its row. For exports that label their scores ("10 -
        Extremely likely") or use another scale.
    nps : NpsSettings
        Thresholds for the small-sample warning.
    themes : ThemeSettings
        Theme model settings.
    plan : PlanSettings
        Prioritisation and the week's plan.
    email : EmailSettings, optional
        Where the weekly digest is sent (``passives report --email``).
    briefs : BriefSettings
        Changes to the call briefs' question bank.
    source : Path, optional
        The file the configuration came from (set by :func:`load_config`, not a key).
    """

    NOT_KEYS: ClassVar[tuple[str, ...]] = ("source",)

    columns: Columns = field(default_factory=dict)
    dates: DateOrder = "auto"
    encoding: Encoding = "auto"
    delimiter: Delimiter = "auto"
    sheet: Sheet = None
    max_comment_chars: whole(minimum=1) = 5000
    contact_statuses: ContactStatuses = field(default_factory=dict)
    score_values: ScoreValues = field(default_factory=dict)
    nps: NpsSettings = field(default_factory=NpsSettings)
    themes: ThemeSettings = field(default_factory=ThemeSettings)
    plan: PlanSettings = field(default_factory=PlanSettings)
    email: EmailSettings | None = None
    briefs: BriefSettings = field(default_factory=BriefSettings)
    source: Path | None = None

    @model_validator(mode="before")
    @classmethod
    def _nulls(cls, data: Any) -> Any:
        if isinstance(data, dict):
            kept = {k: v for k, v in data.items() if not (k in _NULL_IS_DEFAULT and v is None)}
            return kept | {k: {} for k in _SECTIONS if kept.get(k) is None}
        return data
