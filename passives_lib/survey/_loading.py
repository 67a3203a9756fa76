"""Loading a survey export into one trusted table of classified responses.

``rows read = rows accepted + rows rejected`` always holds: a row is either in
``LoadedSurvey.responses`` or, with every reason it failed, in ``LoadedSurvey.rejected``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from passives_lib.config import Config
from passives_lib.core import CONTACT_COLUMNS, AmbiguousDatesError, InputError, RawTable, read_table
from passives_lib.survey._classify import add_classification
from passives_lib.survey._columns import SYNONYMS, ColumnMapping, resolve_columns
from passives_lib.survey._dates import infer_date_order
from passives_lib.survey._schema import (
    OPTIONAL_NUMBER_COLUMNS,
    UNDECODABLE_PATTERN,
    ParsedCells,
    normalise_status,
    survey_schema,
    validate_text_frame,
)

FORMULA_PREFIXES = ("=", "+", "-", "@")
_PROBLEM_COLUMNS = ["source_row", "respondent_id", "column", "field", "value", "reason"]


@dataclass
class LoadedSurvey:
    """A validated, classified survey and the account of what was left out.

    Attributes
    ----------
    path : Path
        The export read.
    responses : pandas.DataFrame
        Accepted responses: the canonical columns present, typed, plus ``source_row``,
        ``category``, ``lean`` and ``iso_week``.
    rejected : pandas.DataFrame
        One row per problem: ``source_row``, ``respondent_id``, ``column`` (export header),
        ``field`` (canonical name), ``value``, ``reason``. A row may fail several checks.
    warnings : pandas.DataFrame
        Accepted rows that were altered (a comment cut to length, undecodable bytes in a
        comment replaced), same columns as ``rejected``.
    mapping : ColumnMapping
        Which header feeds each canonical column.
    rows_read : int
        Data rows in the file.
    notes : list of str
        Plain-language notes on the load (generated ids, missing optional columns, ...).
    file_format, encoding, delimiter, date_order : str or None
        How the file was read.
    contacts : pandas.DataFrame, optional
        The contact details the config maps (``name``, ``phone``, ``email``,
        ``account_owner``, ``channel``) of the accepted responses, by ``respondent_id``;
        kept apart from ``responses`` so that no report, theme or digest can show them.
        None when the config maps none.
    """

    path: Path
    responses: pd.DataFrame
    rejected: pd.DataFrame
    warnings: pd.DataFrame
    mapping: ColumnMapping
    rows_read: int
    notes: list[str] = field(default_factory=list)
    file_format: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    date_order: str | None = None
    contacts: pd.DataFrame | None = None

    @property
    def rows_accepted(self) -> int:
        """Number of responses accepted."""
        return len(self.responses)

    @property
    def rows_rejected(self) -> int:
        """Number of distinct source rows rejected."""
        return int(self.rejected["source_row"].nunique())


def load_survey(path: str | Path, config: Config | None = None) -> LoadedSurvey:
    """Read, map, validate and classify a survey export.

    Parameters
    ----------
    path : str or Path
        CSV, XLSX or Parquet export.
    config : Config, optional
        Column mapping and reading options; without one, headers are recognised.

    Returns
    -------
    LoadedSurvey
        Accepted responses, rejected rows with reasons, and notes.

    Raises
    ------
    InputError
        If the file cannot be read as a survey at all (empty, header only, no score column,
        duplicate headers, mixed or ambiguous dates, ...).
    """
    config = config or Config()
    raw = read_table(path, config.encoding, config.delimiter, config.sheet)
    mapping = _mapping(raw, config)
    notes = _reading_notes(raw, mapping, config)
    text = raw.cells[list(mapping.columns.values())].copy()
    text.columns = list(mapping.columns)
    if "respondent_id" not in text:
        text.insert(0, "respondent_id", "row-" + text.index.astype(str))
        notes.append("no respondent_id column: ids generated from the row number (row-N)")
    date_order = _date_order(raw, mapping, text, config)

    for name in text.columns.drop("comment", errors="ignore"):
        text[name] = _stripped(text[name])
    empty = _empty_rows(raw.cells, mapping.columns["score"])
    problems = [_problems(text[empty], "(all)", "(row)", "the row is empty")]
    checked = text[~empty]
    if config.score_values:
        checked, unscored = _scores_from_values(checked, mapping, config.score_values)
        problems.append(unscored)
    parsed = ParsedCells(date_order or "iso")
    schema = survey_schema(list(checked.columns), parsed, config.contact_statuses, raw.undecodable)
    failures = validate_text_frame(checked, schema)
    failures["field"] = failures["column"]
    failures["column"] = failures["field"].map(mapping.columns).fillna(failures["field"])
    failures["respondent_id"] = checked["respondent_id"].reindex(failures["source_row"]).to_numpy()
    checked, failures, blanked = _blank_optional_cells(checked, failures, parsed)
    problems.append(failures[_PROBLEM_COLUMNS])

    accepted = checked.drop(index=failures["source_row"].unique())
    accepted, warnings = _clean_comments(
        accepted, mapping, config.max_comment_chars, raw.undecodable, notes
    )
    warnings = _with_blanked(warnings, blanked, _short_row_warnings(raw, accepted), notes)
    responses = _typed(accepted, parsed, date_order is not None, config, notes)
    responses, superseded = _keep_latest(responses, mapping)
    problems.append(superseded)
    responses = add_classification(responses)
    rejected = pd.concat(problems, ignore_index=True).sort_values(
        ["source_row", "field"], kind="stable", ignore_index=True
    )
    return LoadedSurvey(
        path=raw.path,
        responses=responses,
        rejected=rejected,
        warnings=warnings,
        mapping=mapping,
        rows_read=len(raw.cells),
        notes=notes,
        file_format=raw.file_format,
        encoding=raw.encoding,
        delimiter=raw.delimiter,
        date_order=date_order,
        contacts=_contacts(raw, responses, config),
    )


def _contacts(raw: RawTable, responses: pd.DataFrame, config: Config) -> pd.DataFrame | None:
    """The mapped contact details of the accepted rows, stripped, by ``respondent_id``."""
    mapped = {c: config.columns[c] for c in CONTACT_COLUMNS if c in config.columns}
    if not mapped:
        return None
    cells = raw.cells.loc[responses["source_row"].to_numpy(), list(mapped.values())]
    contacts = cells.set_axis(list(mapped), axis=1).apply(lambda column: _stripped(column))
    contacts.insert(0, "respondent_id", responses["respondent_id"].to_numpy())
    return contacts.reset_index(drop=True)


def _reading_notes(raw: RawTable, mapping: ColumnMapping, config: Config) -> list[str]:
    notes = [f"column mapping: {line}" for line in mapping.describe()]
    notes += [
        f"headers {others} also look like {canonical}; {mapping.columns[canonical]!r} is used "
        f"(map {canonical} in the config to choose)"
        for canonical, others in mapping.passed_over.items()
    ]
    if raw.encoding == "cp1252" and config.encoding == "auto":
        notes.append(
            "warning: the file is not valid UTF-8 and was read as cp1252; if letters look "
            "wrong (e.g. 'CafÃ©'), set 'encoding' in the config"
        )
    return notes


def _mapping(raw: RawTable, config: Config) -> ColumnMapping:
    try:
        mapping = resolve_columns(raw.headers, config.columns)
    except KeyError as exc:
        missing: dict[str, str] = exc.args[0]
        canonical, header = next(iter(missing.items()))
        raise InputError(
            f"the config maps {canonical} to header {header!r}, which is not in the file; "
            f"headers are {raw.headers}",
            path=raw.path,
            row=1,
            column=header,
        ) from None
    if "score" in mapping.passed_over:
        both = [mapping.columns["score"], *mapping.passed_over["score"]]
        raise InputError(
            f"expected one score column, found {len(both)} headers that look like the score: "
            f"{both}; map the right one in the config, e.g. 'columns: {{score: {both[0]}}}'",
            path=raw.path,
            row=1,
            column=both[1],
        )
    if "score" not in mapping.columns:
        raise InputError(
            "no score column: none of the headers is a known name for the 0-10 score "
            f"(looked for {['score', *SYNONYMS['score']]}); headers are {raw.headers}; "
            "map it in the config, e.g. 'columns: {score: YOUR_HEADER}'",
            path=raw.path,
            row=1,
        )
    return mapping


def _date_order(
    raw: RawTable, mapping: ColumnMapping, text: pd.DataFrame, config: Config
) -> str | None:
    if "responded_at" not in text:
        return None
    if config.dates != "auto":
        return config.dates
    values = text["responded_at"]
    try:
        return infer_date_order(values[values.str.strip() != ""])
    except AmbiguousDatesError as exc:
        rows = [int(values.index[values == example][0]) for example in exc.examples]
        pairs = zip(exc.examples, rows, strict=True)
        shown = ", ".join(f"{example!r} on row {row}" for example, row in pairs)
        header = mapping.columns["responded_at"]
        raise InputError(
            f"{exc} (see {shown})", path=raw.path, row=rows[0], column=header
        ) from None


def _blank_optional_cells(
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


def _with_blanked(
    warnings: pd.DataFrame, blanked: pd.DataFrame, short: pd.DataFrame, notes: list[str]
) -> pd.DataFrame:
    """The warnings with the blanked optional values and the short rows first."""
    found = [frame[_PROBLEM_COLUMNS] for frame in (blanked, short) if len(frame)]
    if not found:
        return warnings
    count = sum(len(frame) for frame in found)
    notes.append(
        f"{count} blank(s) put in place of an invalid optional value or a missing field; "
        "the responses were kept (listed in the warnings file)"
    )
    return pd.concat([*found, warnings], ignore_index=True)


def _scores_from_values(
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
        problems = _problems(text[rows], header, "score", "")
        problems["value"] = raw[rows].to_numpy()
        problems["reason"] = "score " + raw[rows].map(repr).to_numpy() + f" {why}"
        found.append(problems)
    kept = text[~(no_score | unlisted)].copy()
    kept["score"] = score[kept.index].map(lambda s: "" if pd.isna(s) else str(int(s)))
    kept.loc[~listed[kept.index], "score"] = raw[kept.index][~listed[kept.index]]
    return kept, pd.concat(found, ignore_index=True)


def _short_row_warnings(raw: RawTable, accepted: pd.DataFrame) -> pd.DataFrame:
    """Accepted rows that had fewer fields than the header, as warnings."""
    rows = [row for row in raw.short_rows if row in accepted.index]
    found = _problems(accepted.loc[rows], "(row)", "(row)", "")
    found["reason"] = [
        f"the row has {raw.short_rows[row]} fields but the header has {len(raw.headers)}; "
        "the missing cells were read as blank"
        for row in rows
    ]
    return found


def _stripped(cells: pd.Series) -> pd.Series:
    """Strip white space, once per distinct value when values repeat (scores, dates, ...)."""
    codes, uniques = pd.factorize(cells)
    if len(uniques) * 2 > len(cells):
        return cells.str.strip()
    stripped = pd.Series(uniques, dtype=object).str.strip().to_numpy()
    return pd.Series(stripped[codes], index=cells.index, name=cells.name)


def _problems(frame: pd.DataFrame, column: str, field_name: str, reason: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source_row": frame.index.to_numpy(dtype="int64"),
            "respondent_id": frame["respondent_id"].to_numpy() if len(frame) else [],
            "column": column,
            "field": field_name,
            "value": "",
            "reason": reason,
        },
        columns=_PROBLEM_COLUMNS,
    )


def _empty_rows(cells: pd.DataFrame, score_header: str) -> pd.Series:
    """Rows whose every cell is blank (looked at only where the score is blank, for speed)."""
    candidates = cells[cells[score_header].str.strip() == ""]
    blank = candidates.apply(lambda column: column.str.strip() == "").all(axis=1)
    return blank.reindex(cells.index, fill_value=False).astype(bool)


def _clean_comments(
    accepted: pd.DataFrame,
    mapping: ColumnMapping,
    max_chars: int,
    undecodable_in_file: bool,
    notes: list[str],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    if "comment" not in accepted:
        accepted = accepted.assign(comment="")
        notes.append("no comment column: comments are empty")
        return accepted, _problems(accepted.iloc[:0], "", "comment", "")
    header = mapping.columns["comment"]
    comment = accepted["comment"].str.strip()
    found = []
    undecodable = undecodable_in_file and comment.str.contains(UNDECODABLE_PATTERN, regex=True)
    if undecodable_in_file and undecodable.any():
        found.append(
            _problems(
                accepted[undecodable],
                header,
                "comment",
                "undecodable bytes in the comment were replaced by '\ufffd'",
            )
        )
        comment = comment.str.replace(UNDECODABLE_PATTERN, "\ufffd", regex=True)
    too_long = comment.str.len() > max_chars
    if too_long.any():
        lengths = comment[too_long].str.len().astype(str)
        cut = _problems(accepted[too_long], header, "comment", "")
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
        else _problems(accepted.iloc[:0], "", "comment", "")
    )
    return accepted.assign(comment=comment), warnings


def _typed(
    text: pd.DataFrame, parsed: ParsedCells, has_dates: bool, config: Config, notes: list[str]
) -> pd.DataFrame:
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


def _keep_latest(
    responses: pd.DataFrame, mapping: ColumnMapping
) -> tuple[pd.DataFrame, pd.DataFrame]:
    order = responses.sort_values(
        ["responded_at", "source_row"], kind="stable", na_position="first"
    )
    dropped = order.duplicated("respondent_id", keep="last")
    if not dropped.any():
        return responses.reset_index(drop=True), _problems(
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
        columns=_PROBLEM_COLUMNS,
    )
    kept = responses[~responses["source_row"].isin(losers["source_row"])]
    return kept.reset_index(drop=True), superseded
