"""Loading a survey export into one trusted table of classified responses.

``rows read = rows accepted + rows rejected`` always holds: a row is either in
``LoadedSurvey.responses`` or, with every reason it failed, in ``LoadedSurvey.rejected``.
This module maps the columns and runs the steps; beside it, ``_schema`` validates the cells,
``_problems`` keeps the account of rejected and altered rows, ``_cells`` cleans and types
the accepted ones, ``_classify`` adds the NPS category and lean.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from passives_lib.config import Config
from passives_lib.core import CONTACT_COLUMNS, AmbiguousDatesError, InputError, RawTable, read_table
from passives_lib.survey._cells import clean_comments, stripped, typed_responses
from passives_lib.survey._classify import add_classification
from passives_lib.survey._columns import SYNONYMS, ColumnMapping, resolve_columns
from passives_lib.survey._dates import infer_date_order
from passives_lib.survey._problems import (
    PROBLEM_COLUMNS,
    blank_optional_cells,
    empty_rows,
    keep_latest,
    problem_rows,
    scores_from_values,
    short_row_warnings,
    with_blanked,
)
from passives_lib.survey._schema import ParsedCells, survey_schema, validate_text_frame


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
        text[name] = stripped(text[name])
    empty = empty_rows(raw.cells, mapping.columns["score"])
    problems = [problem_rows(text[empty], "(all)", "(row)", "the row is empty")]
    checked = text[~empty]
    if config.score_values:
        checked, unscored = scores_from_values(checked, mapping, config.score_values)
        problems.append(unscored)
    parsed = ParsedCells(date_order or "iso")
    schema = survey_schema(list(checked.columns), parsed, config.contact_statuses, raw.undecodable)
    failures = validate_text_frame(checked, schema)
    failures["field"] = failures["column"]
    failures["column"] = failures["field"].map(mapping.columns).fillna(failures["field"])
    failures["respondent_id"] = checked["respondent_id"].reindex(failures["source_row"]).to_numpy()
    checked, failures, blanked = blank_optional_cells(checked, failures, parsed)
    problems.append(failures[PROBLEM_COLUMNS])

    accepted = checked.drop(index=failures["source_row"].unique())
    accepted, warnings = clean_comments(
        accepted, mapping, config.max_comment_chars, raw.undecodable, notes
    )
    warnings = with_blanked(warnings, blanked, short_row_warnings(raw, accepted), notes)
    responses = typed_responses(accepted, parsed, date_order is not None, config, notes)
    responses, superseded = keep_latest(responses, mapping)
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
    contacts = cells.set_axis(list(mapped), axis=1).apply(lambda column: stripped(column))
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
