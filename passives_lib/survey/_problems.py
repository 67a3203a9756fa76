"""The account of a load: one row per problem, for the rejected and the warnings files.

A row of the export is rejected with every reason it failed (empty, a score the config's
``score_values`` does not know, a schema check, a respondent answering again later), or
accepted with a warning when it was altered (an optional number blanked, a short row).
Each frame has the columns :data:`PROBLEM_COLUMNS`.
"""

from __future__ import annotations

import pandas as pd

from passives_lib.core import RawTable
from passives_lib.survey._columns import ColumnMapping
from passives_lib.survey._schema import OPTIONAL_NUMBER_COLUMNS, ParsedCells

PROBLEM_COLUMNS = ["source_row", "respondent_id", "column", "field", "value", "reason"]


def problem_rows(frame: pd.DataFrame, column: str, field_name: str, reason: str) -> pd.DataFrame:
    """One problem per row of ``frame`` (its index is the source row), all for one reason."""
    return pd.DataFrame(
        {
            "source_row": frame.index.to_numpy(dtype="int64"),
            "respondent_id": frame["respondent_id"].to_numpy() if len(frame) else [],
            "column": column,
            "field": field_name,
            "value": "",
            "reason": reason,
        },
        columns=PROBLEM_COLUMNS,
    )


def empty_rows(cells: pd.DataFrame, score_header: str) -> pd.Series:
    """Rows whose every cell is blank (looked at only where the score is blank, for speed)."""
    candidates = cells[cells[score_header].str.strip() == ""]
    blank = candidates.apply(lambda column: column.str.strip() == "").all(axis=1)
    return blank.reindex(cells.index, fill_value=False).astype(bool)


def scores_from_values(
    text: pd.DataFrame, mapping: ColumnMapping, score_values: dict[str, int | None]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Scores read through the config's ``score_values``; rows without a score set apart."""
    raw = text["score"]
    key = raw.str.lower()
    listed = key.isin(list(score_values))
    score = key.map(score_values)
    no_score = listed & score.isna()
    unlisted = ~listed & (raw != "")  # a blank score is the schema's to report
    header = mapping.columns["score"]
    found = []
    for rows, why in (
        (no_score, "means no score (score_values in the config)"),
        (unlisted, f"is not one of the config's score_values {sorted(score_values)}"),
    ):
        problems = problem_rows(text[rows], header, "score", "")
        problems["value"] = raw[rows].to_numpy()
        problems["reason"] = "score " + raw[rows].map(repr).to_numpy() + f" {why}"
        found.append(problems)
    kept = text[~(no_score | unlisted)].copy()
    kept["score"] = score[kept.index].map(lambda s: "" if pd.isna(s) else str(int(s)))
    kept.loc[~listed[kept.index], "score"] = raw[kept.index][~listed[kept.index]]
    return kept, pd.concat(found, ignore_index=True)


def blank_optional_cells(
    checked: pd.DataFrame, failures: pd.DataFrame, parsed: ParsedCells
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Blank the bad cells of optional number columns: the cells, the other failures, those."""
    optional = failures["field"].isin(OPTIONAL_NUMBER_COLUMNS)
    # A row rejected anyway keeps every reason in the rejected file.
    optional &= ~failures["source_row"].isin(failures.loc[~optional, "source_row"])
    blanked = failures[optional].copy()
    if blanked.empty:
        return checked, failures, blanked
    blanked["reason"] = blanked["reason"] + "; the value was blanked and the response kept"
    checked = checked.copy()
    for name, rows in blanked.groupby("field")["source_row"]:
        checked.loc[rows.to_numpy(), name] = ""
        parsed.forget(str(name))
    return checked, failures[~optional], blanked


def short_row_warnings(raw: RawTable, accepted: pd.DataFrame) -> pd.DataFrame:
    """Accepted rows that had fewer fields than the header, as warnings."""
    rows = [row for row in raw.short_rows if row in accepted.index]
    found = problem_rows(accepted.loc[rows], "(row)", "(row)", "")
    found["reason"] = [
        f"the row has {raw.short_rows[row]} fields but the header has {len(raw.headers)}; "
        "the missing cells were read as blank"
        for row in rows
    ]
    return found


def with_blanked(
    warnings: pd.DataFrame, blanked: pd.DataFrame, short: pd.DataFrame, notes: list[str]
) -> pd.DataFrame:
    """The warnings with the blanked optional values and the short rows first."""
    found = [frame[PROBLEM_COLUMNS] for frame in (blanked, short) if len(frame)]
    if not found:
        return warnings
    count = sum(len(frame) for frame in found)
    notes.append(
        f"{count} blank(s) put in place of an invalid optional value or a missing field; "
        "the responses were kept (listed in the warnings file)"
    )
    return pd.concat([*found, warnings], ignore_index=True)


def keep_latest(
    responses: pd.DataFrame, mapping: ColumnMapping
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The latest response of each respondent, and the earlier ones as superseded problems."""
    order = responses.sort_values(
        ["responded_at", "source_row"], kind="stable", na_position="first"
    )
    dropped = order.duplicated("respondent_id", keep="last")
    if not dropped.any():
        return responses.reset_index(drop=True), problem_rows(
            pd.DataFrame({"respondent_id": []}), "", "respondent_id", ""
        )
    kept_row = order[~dropped].set_index("respondent_id")["source_row"]
    losers = order[dropped]
    superseded = pd.DataFrame(
        {
            "source_row": losers["source_row"].to_numpy(),
            "respondent_id": losers["respondent_id"].to_numpy(),
            "column": mapping.columns.get("respondent_id", "respondent_id"),
            "field": "respondent_id",
            "value": losers["respondent_id"].to_numpy(),
            "reason": "duplicate respondent_id: superseded by the later response on row "
            + losers["respondent_id"].map(kept_row).astype(str).to_numpy(),
        },
        columns=PROBLEM_COLUMNS,
    )
    kept = responses[~responses["source_row"].isin(losers["source_row"])]
    return kept.reset_index(drop=True), superseded
