"""Matching an export's headers to the canonical survey columns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from passives_lib.core import CANONICAL_COLUMNS

# Normalised header names (lower case, single spaces) recognised without a config.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "respondent_id": (
        "respondent id",
        "respondent",
        "response id",
        "customer id",
        "customer number",
        "account id",
        "contact id",
        "user id",
        "id",
    ),
    "score": (
        "score",
        "nps",
        "nps score",
        "likelihood to recommend",
        "ltr",
        "recommend score",
        "recommendation score",
        "rating",
    ),
    "comment": (
        "comment",
        "comments",
        "verbatim",
        "reason",
        "reason for score",
        "why",
        "feedback",
        "open text",
        "open ended",
        "text",
        "response text",
        "nps comment",
    ),
    "responded_at": (
        "responded at",
        "date",
        "response date",
        "survey date",
        "submitted at",
        "submitted",
        "submission date",
        "completed at",
        "created at",
        "timestamp",
        "customer response date",
    ),
    "segment": (
        "segment",
        "customer segment",
        "survey sub type",
        "tier",
        "plan",
        "customer type",
    ),
    "lifetime_value": (
        "lifetime value",
        "ltv",
        "clv",
        "customer lifetime value",
        "cltv",
    ),
    "contact_status": ("contact status", "outreach status", "follow up status", "status"),
    "usage_current": ("usage current", "current usage", "usage this period"),
    "usage_previous": ("usage previous", "previous usage", "usage last period"),
    "features_purchased": ("features purchased", "purchased features", "licensed features"),
    "features_used": ("features used", "used features", "active features"),
}


def normalise_header(header: str) -> str:
    """Lower-case a header and reduce punctuation and underscores to single spaces.

    Parameters
    ----------
    header : str
        A column header as exported.

    Returns
    -------
    str
        The normalised form, e.g. ``"NPS_Score "`` becomes ``"nps score"``.
    """
    return re.sub(r"[^0-9a-z]+", " ", str(header).lower()).strip()


@dataclass(frozen=True)
class ColumnMapping:
    """Which export header feeds each canonical column.

    Attributes
    ----------
    columns : dict of str to str
        Canonical name to export header, for the columns found.
    from_config : frozenset of str
        Canonical names whose header came from the configuration.
    passed_over : dict of str to list of str
        Canonical name to the other headers that also looked like it and were not used (the
        best-named match is used), for columns recognised without a config.
    """

    columns: dict[str, str]
    from_config: frozenset[str]
    passed_over: dict[str, list[str]] = field(default_factory=dict)

    def describe(self) -> list[str]:
        """One line per mapped column, saying whether it was configured or recognised."""
        return [
            f"{canonical} <- {header!r} "
            f"({'config' if canonical in self.from_config else 'recognised'})"
            for canonical, header in self.columns.items()
        ]


def resolve_columns(headers: list[str], configured: dict[str, str]) -> ColumnMapping:
    """Map export headers to canonical columns.

    Configured headers win; the rest are recognised by exact canonical name or synonym
    (case and punctuation ignored), and a header such as "How likely are you to recommend
    us?" is taken as the score.

    Parameters
    ----------
    headers : list of str
        The export's headers, in file order.
    configured : dict of str to str
        Canonical name to header from the configuration.

    Returns
    -------
    ColumnMapping
        The mapping; canonical columns that were not found are absent.

    Raises
    ------
    KeyError
        If a configured header is not in the file (the caller names the file).
    """
    missing = {c: h for c, h in configured.items() if h not in headers}
    if missing:
        raise KeyError(missing)
    mapping = dict(configured)
    taken = set(configured.values())
    by_normal: dict[str, list[str]] = {}
    for header in headers:
        by_normal.setdefault(normalise_header(header), []).append(header)
    passed_over: dict[str, list[str]] = {}
    for canonical in CANONICAL_COLUMNS:
        if canonical in mapping:
            continue
        names = (normalise_header(canonical), *SYNONYMS[canonical])
        found = list(
            dict.fromkeys(h for n in names for h in by_normal.get(n, []) if h not in taken)
        )
        if found:
            mapping[canonical] = found[0]
            taken.add(found[0])
            if len(found) > 1:
                passed_over[canonical] = found[1:]
    if "score" not in mapping:
        for header in headers:
            normal = normalise_header(header)
            if header not in taken and "recommend" in normal and "likely" in normal:
                mapping["score"] = header
                break
    ordered = {c: mapping[c] for c in CANONICAL_COLUMNS if c in mapping}
    return ColumnMapping(
        columns=ordered, from_config=frozenset(configured), passed_over=passed_over
    )
