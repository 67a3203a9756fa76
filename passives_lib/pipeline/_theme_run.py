"""Running the theme model on a file: a survey export or any table with a text column."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from passives_lib.config import CodebookTheme, Config, ThemeSettings, with_settings
from passives_lib.core import CSV_NAMES, InputError, read_table, write_csv
from passives_lib.pipeline._codebook_run import ISO_WEEK, codebook_anchors, codebook_found
from passives_lib.pipeline._seed_history import seed_anchors
from passives_lib.survey import LoadedSurvey, load_survey
from passives_lib.themes import ThemeModel, mask_theme_table

REJECTED_LABEL = "(rejected row)"


@dataclass
class ThemeRun:
    """Themes found in a file, and the theme of each of its rows.

    Attributes
    ----------
    themes : pandas.DataFrame
        :attr:`ThemeModel.themes_`.
    assignments : pandas.DataFrame
        One row per data row of the file, in file order: ``row`` (0-based), ``theme_id``,
        ``theme_label``, ``is_non_answer`` and, for a survey, ``respondent_id``. Rows the
        survey validation rejected have no theme and the label ``(rejected row)``.
    model : ThemeModel
        The fitted model.
    loaded : LoadedSurvey, optional
        The survey load, when the file was read as a survey.
    notes : list of str
        What was done, in words.
    """

    themes: pd.DataFrame
    assignments: pd.DataFrame
    model: ThemeModel
    loaded: LoadedSurvey | None = None
    notes: list[str] = field(default_factory=list)


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/passives`` or ``~/.cache/passives``."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "passives"


def model_from_config(config: Config, **overrides: object) -> ThemeModel:
    """A :class:`ThemeModel` with the config's theme settings (keywords override them).

    Overrides of the config's theme settings (such as ``n_themes`` from ``--n-themes``) are
    checked by the same rules as the config, so that ``--n-themes 0`` is a clear error.
    """
    settings = config.themes
    known = {
        k: overrides.pop(k) for k in list(overrides) if k in ThemeSettings.__dataclass_fields__
    }
    if known:
        settings = with_settings(config, "themes", "command line", **known).themes
    params = {
        "n_themes": settings.n_themes,
        "min_themes": settings.min_themes,
        "max_themes": settings.max_themes,
        "min_similarity": settings.min_similarity,
        "random_state": settings.random_state,
        "cache_dir": settings.cache_dir or default_cache_dir(),
        "backend": settings.backend,
        "dask_scheduler": settings.dask_scheduler,
        "language": None if settings.language == "auto" else settings.language,
        "secondary_similarity": settings.secondary_similarity,
        "merge_overlap": settings.merge_overlap,
    } | overrides
    return ThemeModel(**params)


def run_themes(
    path: str | Path,
    config: Config | None = None,
    text_column: str | None = None,
    model: ThemeModel | None = None,
) -> ThemeRun:
    """Find themes in the comments of a file.

    Parameters
    ----------
    path : str or Path
        A survey export (read through the column mapping) or, with ``text_column``, any table.
    config : Config, optional
        Column mapping, reading options and theme settings.
    text_column : str, optional
        Header of the text column; the file is then read as a plain table.
    model : ThemeModel, optional
        The model to fit; built from the config when omitted.

    Returns
    -------
    ThemeRun
        Themes and per-row assignments.

    Raises
    ------
    InputError
        If the file cannot be read or the text column is not in it.
    """
    config = config or Config()
    model = model or model_from_config(config)
    notes: list[str] = []
    codebook = config.themes.codebook
    anchors = codebook_anchors(model, codebook) if codebook else None
    if text_column is not None:
        table = read_table(path, config.encoding, config.delimiter, config.sheet)
        if text_column not in table.headers:
            raise InputError(
                f"no column {text_column!r}; headers are {table.headers}",
                path=table.path,
                row=1,
                column=text_column,
            )
        texts = table.cells[text_column].tolist()
        model.fit(texts, anchors=anchors)
        assignments = model.assignments()
        loaded = None
    else:
        loaded = load_survey(path, config)
        accepted = loaded.responses.sort_values("source_row")
        model.fit(accepted["comment"].tolist(), anchors=anchors)
        fitted = model.assignments()
        fitted["row"] = accepted["source_row"].to_numpy() - 2
        fitted["respondent_id"] = accepted["respondent_id"].to_numpy()
        rejected_rows = np.setdiff1d(
            loaded.rejected["source_row"].unique() - 2, fitted["row"].to_numpy()
        )
        rejected = pd.DataFrame(
            {
                "row": rejected_rows,
                "theme_id": pd.NA,
                "theme_label": REJECTED_LABEL,
                "is_non_answer": pd.NA,
            }
        )
        assignments = pd.concat([fitted, rejected], ignore_index=True).sort_values(
            "row", ignore_index=True
        )
        assignments["theme_id"] = assignments["theme_id"].astype("Int64")
        notes.append(f"{loaded.rows_rejected} rejected row(s) have no theme")
    non_answers = int(model.is_non_answer_.sum())
    other = model.themes_.loc[model.themes_["theme_id"] == -1, "size"].sum()
    real = len(model.labels_) - non_answers
    notes.insert(
        0,
        f"{model.n_themes_} themes ({model.method_}); {real} real comments, "
        f"{non_answers} non-answers set aside, {int(other)} left as 'other'",
    )
    notes.insert(1, getattr(model, "embedding_backend_", "embedding backend: none"))
    if codebook:
        notes.append(
            f"codebook: its {len(codebook)} theme(s) anchor these themes (no registry); "
            f"{codebook_found(model.themes_, codebook)}"
        )
    return ThemeRun(mask_theme_table(model.themes_), assignments, model, loaded, notes)


def write_theme_outputs(run: ThemeRun, out_dir: str | Path) -> dict[str, Path]:
    """Write ``themes.csv`` and ``assignments.csv``.

    ``themes.csv`` has ``theme_id``, ``theme_label``, ``theme_keywords`` (joined with
    ``"; "``), ``size``, ``share`` and ``representative_comments`` (joined with ``" | "``,
    personal data masked).

    Parameters
    ----------
    run : ThemeRun
        From :func:`run_themes`.
    out_dir : str or Path
        Folder, created if needed.

    Returns
    -------
    dict of str to Path
        ``themes`` and ``assignments``.
    """
    out_dir = Path(out_dir)
    themes = mask_theme_table(run.themes)
    themes["keywords"] = themes["keywords"].map("; ".join)
    themes["representative_comments"] = themes["representative_comments"].map(" | ".join)
    columns = ["row", "theme_id", "theme_label", "theme_ids", "is_non_answer"]
    columns = [c for c in columns if c in run.assignments]
    columns += ["respondent_id"] if "respondent_id" in run.assignments else []
    themes = themes.rename(columns=CSV_NAMES["themes"])
    return {
        "themes": write_csv(themes, out_dir / "themes.csv"),
        "assignments": write_csv(run.assignments[columns], out_dir / "assignments.csv"),
    }


def stable_theme_ids(model: ThemeModel, themes: pd.DataFrame) -> list[str]:
    """Every theme of each comment, ``;``-separated, primary first, in the theme table's ids.

    Parameters
    ----------
    model : ThemeModel
        The fitted model (its ``theme_sets_`` use the run's own ids).
    themes : pandas.DataFrame
        The theme table; with ``run_theme_id`` (from :func:`stable_themes`) the run's ids are
        renumbered to the stable ones.

    Returns
    -------
    list of str
        One entry per comment given to ``fit``, e.g. ``"4;0"``.
    """
    stable: dict[int, int] = {}
    if "run_theme_id" in themes:
        stable = dict(zip(themes["run_theme_id"], themes["theme_id"], strict=True))
    return [";".join(str(stable.get(t, t)) for t in ids) for ids in model.theme_sets_]


def stable_themes(
    model: ThemeModel, week: str, location: str | None, record: bool, read_only: bool = False
) -> tuple[pd.DataFrame, np.ndarray, str]:
    """Themes and labels renumbered with the registry's stable ids and the analyst's names.

    Parameters
    ----------
    model : ThemeModel
        The fitted model.
    week : str
        The ISO week the themes belong to (anything else, e.g. ``undated``, uses no registry).
    location : str, optional
        The registry (the contact ledger's database); ``None`` for the model's own ids.
    record : bool
        Record this week's themes and which theme each opinion went to (else only match
        them to known ones; an empty registry leaves the run's own ids).
    read_only : bool
        Open the registry read-only (a dry run: nothing written, not even an upgrade of its
        tables; one that needs an upgrade leaves the run's own ids).

    Returns
    -------
    tuple
        The theme table with ``theme_id`` (stable), ``label`` (the analyst's name or the first
        label), ``run_theme_id`` and ``is_new``; each comment's stable theme id; a note.
    """
    masked = mask_theme_table(model.themes_)  # what the registry, files and reports see
    if location is None or not re.fullmatch(r"\d{4}-W\d{2}", week):
        return masked, model.labels_, "theme ids are this run's own (no registry)"
    from passives_lib.core import RegistryError
    from passives_lib.store import ThemeRegistry, can_write, registry_has_themes

    read_only_note = ""
    if "://" not in location and not can_write(Path(location)):
        if not registry_has_themes(location):
            return masked, model.labels_, "theme ids are this run's own (no registry)"
        record, read_only = False, True
        read_only_note = " (the ledger is read-only: themes matched, not recorded)"
    if not record and not registry_has_themes(location):
        return masked, model.labels_, "theme ids are this run's own (the registry is empty)"
    real = masked[masked["theme_id"] >= 0]
    anchored = {}
    if "anchor_id" in real:
        known = real.dropna(subset=["anchor_id"])
        anchored = dict(
            zip(known["theme_id"].astype(int), known["anchor_id"].astype(int), strict=True)
        )
    try:
        with ThemeRegistry(location, read_only=read_only and not record) as registry:
            matched = registry.assign(
                week,
                real,
                model.centroids_,
                record=record,
                anchored=anchored,
                opinions=model.opinions_ if record else None,
            )
    except RegistryError as exc:
        if not read_only or record:
            raise
        return masked, model.labels_, f"theme ids are this run's own ({exc})"
    stable = dict(zip(matched["theme_id"], matched["stable_id"], strict=True))
    names = dict(zip(matched["stable_id"], matched["name"], strict=True))
    labels = np.array([stable.get(k, k) for k in model.labels_.tolist()], dtype=int)
    themes = masked
    themes["run_theme_id"] = themes["theme_id"]
    themes["theme_id"] = [stable.get(k, k) for k in themes["theme_id"]]
    themes["label"] = [
        names.get(k, label) for k, label in zip(themes["theme_id"], themes["label"], strict=True)
    ]
    new_ids = set(matched.loc[matched["is_new"], "theme_id"])
    themes["is_new"] = themes["run_theme_id"].isin(new_ids)
    new = int(matched["is_new"].sum())
    note = (
        f"theme ids from the registry at {location}: {len(matched) - new} known, "
        f"{new} new this week" + ("" if record else " (not recorded)") + read_only_note
    )
    return themes, labels, note


def fit_themes(
    model: ThemeModel,
    comments: list[object],
    week: str,
    location: str | None,
    codebook: tuple[CodebookTheme, ...] = (),
    history: Sequence[str] = (),
) -> ThemeModel:
    """Fit ``model`` on a week's comments, anchored in the registry's known themes.

    From the second recorded week on, the themes the registry knows before ``week`` (and the
    codebook's, once seeded there) are given to :meth:`ThemeModel.fit` as anchors: the
    week's opinions go to them first and only the rest are clustered, so an unchanged
    comment keeps its theme and a new random state does not reshuffle known themes. The
    opinions the registry remembers from earlier recorded weeks
    (:meth:`ThemeRegistry.remembered`) are given as ``remembered``: each keeps the theme it
    had, and an opinion not seen before joins a known theme only as close as the theme's own
    opinions are, so that a subject first raised this week can become a theme of its own.
    Where the registry holds no theme (none, empty, or no week to use it for), the codebook's
    themes are the anchors (:func:`codebook_anchors`), so a dry run or an undated survey
    shows them too.

    Parameters
    ----------
    model : ThemeModel
        The unfitted model.
    comments : list
        The window's comments.
    week : str
        The ISO week of the run (anything else uses no registry).
    location : str, optional
        The registry (the contact ledger's database); ``None`` for none.
    codebook : tuple of CodebookTheme
        The config's codebook (``themes.codebook``), used where the registry knows nothing.
    history : sequence of str
        Earlier comments (:func:`passives_lib.pipeline._seed_history.history_before`): where
        neither the registry nor the codebook gives anchors, the themes are learnt from them
        and the window together, and the window is then fitted anchored in those themes
        (:func:`passives_lib.pipeline._seed_history.seed_anchors`).

    Returns
    -------
    ThemeModel
        The fitted model.
    """
    anchors = remembered = None
    if registry_in_use(location, week):
        from passives_lib.core import RegistryError
        from passives_lib.store import ThemeRegistry

        try:  # read only: a read-only ledger still anchors
            with ThemeRegistry(location, read_only="://" not in str(location)) as registry:
                anchors = registry.anchors(week)
                remembered = registry.remembered(week)
        except RegistryError:  # tables of an older version: upgraded by the next plan
            anchors = remembered = None
    elif codebook:
        anchors = codebook_anchors(model, codebook)
    if anchors is not None and len(anchors):
        return model.fit(comments, anchors=anchors, remembered=remembered)
    if history:
        anchors, remembered = seed_anchors(model, comments, history)
        if len(anchors):
            return model.fit(comments, anchors=anchors, remembered=remembered)
    return model.fit(comments)


def registry_in_use(location: str | None, week: str) -> bool:
    """Whether a run of ``week`` has a theme registry at ``location`` that holds themes.

    Parameters
    ----------
    location : str, optional
        The registry (the contact ledger's database); ``None`` for none.
    week : str
        The run's ISO week; an undated run (``undated``) uses no registry.

    Returns
    -------
    bool
        True when ``week`` is an ISO week and the registry holds at least one theme.
    """
    if location is None or not ISO_WEEK.fullmatch(week):
        return False
    from passives_lib.store import registry_has_themes

    return registry_has_themes(location)
