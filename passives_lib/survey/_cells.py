"""The accepted cells cleaned and typed: white space, comments, numbers, dates, statuses.

Comments are kept as text: undecodable bytes replaced (with a warning), accents read with the
wrong code page repaired (with a warning, :func:`passives_lib.core.repair_code_page`), French
"je" split from the word glued to it (with a warning, :func:`passives_lib.core.repair_glued_je`),
cut to the config's ``max_comment_chars`` (with a warning), formula-like starts counted in the
notes (every CSV written neutralises them). The other cells become the typed columns of
``responses``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from passives_lib.config import Config
from passives_lib.core import repair_code_page, repair_glued_je
from passives_lib.survey._columns import ColumnMapping
from passives_lib.survey._problems import problem_rows
from passives_lib.survey._schema import UNDECODABLE_PATTERN, ParsedCells, normalise_status

FORMULA_PREFIXES = ("=", "+", "-", "@")


def stripped(cells: pd.Series) -> pd.Series:
    """Strip white space, once per distinct value when values repeat (scores, dates, ...)."""
    codes, uniques = pd.factorize(cells)
    if len(uniques) * 2 > len(cells):
        return cells.str.strip()
    stripped = pd.Series(uniques, dtype=object).str.strip().to_numpy()
    return pd.Series(stripped[codes], index=cells.index, name=cells.name)


def clean_comments(
    accepted: pd.DataFrame,
    mapping: ColumnMapping,
    max_chars: int,
    undecodable_in_file: bool,
    notes: list[str],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The comments stripped, undecodable bytes replaced and cut to length; the warnings."""
    if "comment" not in accepted:
        accepted = accepted.assign(comment="")
        notes.append("no comment column: comments are empty")
        return accepted, problem_rows(accepted.iloc[:0], "", "comment", "")
    header = mapping.columns["comment"]
    comment = accepted["comment"].str.strip()
    found = []
    undecodable = undecodable_in_file and comment.str.contains(UNDECODABLE_PATTERN, regex=True)
    if undecodable_in_file and undecodable.any():
        found.append(
            problem_rows(
                accepted[undecodable],
                header,
                "comment",
                "undecodable bytes in the comment were replaced by '\ufffd'",
            )
        )
        comment = comment.str.replace(UNDECODABLE_PATTERN, "\ufffd", regex=True)
    repaired = comment.map(repair_code_page)
    misread = repaired != comment
    if misread.any():
        found.append(
            problem_rows(
                accepted[misread],
                header,
                "comment",
                "accents repaired: the comment had been read with the wrong code page "
                "('employ\u201as' for 'employés')",
            )
        )
        comment = repaired
    split = comment.map(repair_glued_je)
    glued = split != comment
    if glued.any():
        found.append(
            problem_rows(
                accepted[glued],
                header,
                "comment",
                "French 'je' split from the word glued to it ('jesuis' for 'je suis')",
            )
        )
        comment = split
    too_long = comment.str.len() > max_chars
    if too_long.any():
        lengths = comment[too_long].str.len().astype(str)
        cut = problem_rows(accepted[too_long], header, "comment", "")
        cut["reason"] = f"comment cut to {max_chars} characters (was " + lengths.to_numpy() + ")"
        found.append(cut)
        comment = comment.where(~too_long, comment.str.slice(0, max_chars))
    formulas = comment.str.startswith(FORMULA_PREFIXES).sum()
    if formulas:
        notes.append(
            f"{formulas} comment(s) start with =, +, - or @; they are kept as text and "
            "neutralised in every CSV written"
        )
    warnings = (
        pd.concat(found, ignore_index=True)
        if found
        else problem_rows(accepted.iloc[:0], "", "comment", "")
    )
    return accepted.assign(comment=comment), warnings


def typed_responses(
    text: pd.DataFrame, parsed: ParsedCells, has_dates: bool, config: Config, notes: list[str]
) -> pd.DataFrame:
    """The accepted text cells as the typed columns of ``LoadedSurvey.responses``."""

    def numeric(name: str) -> pd.Series:
        return parsed.numeric(text[name]).reindex(text.index)

    out: dict[str, Any] = {"source_row": text.index.to_numpy(dtype="int64")}
    out["respondent_id"] = text["respondent_id"].to_numpy()
    out["score"] = numeric("score").round().astype("int64").to_numpy()
    out["comment"] = text["comment"].to_numpy()
    if has_dates:
        out["responded_at"] = parsed.dates(text["responded_at"]).reindex(text.index).to_numpy()
    else:
        out["responded_at"] = np.full(len(text), np.datetime64("NaT"), dtype="datetime64[ns]")
        notes.append("no response-date column: weekly figures are not available")
    if "segment" in text:
        out["segment"] = text["segment"].where(text["segment"] != "", "unknown").to_numpy()
    else:
        out["segment"] = np.full(len(text), "all", dtype=object)
        notes.append("no segment column: every response is in segment 'all'")
    for name in ("lifetime_value", "usage_current", "usage_previous"):
        if name in text:
            out[name] = numeric(name).to_numpy("float64")
    for name in ("features_purchased", "features_used"):
        if name in text:
            out[name] = numeric(name).round().astype("Int64").to_numpy()
    if "contact_status" in text:
        out["contact_status"] = normalise_status(
            text["contact_status"], config.contact_statuses
        ).to_numpy()
    return pd.DataFrame(out)
