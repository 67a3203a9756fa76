"""Benchmark: theme quality and stability on every shared data set, beside plain BERTopic.

Run with ``.venv/bin/python -m bench.theme_stability`` (``--sets fft clothing garden``,
``--seeds 1 2``, ``--no-cold`` to leave the embedding cache warm; ``--export FILE [--config
YAML]`` measures an NPS export of your own instead, read as ``passives report`` reads it, with
its config's columns and theme settings). One table, one row per data set and model (issue 21,
item 7):

- ``themes``: themes found; ``largest``: the largest theme's share of the real comments;
- ``mixed``: share of the comments whose theme mixes the set's two groups (each over 25% of
  its members): clothing 1-3 stars vs 5 stars, detractors vs promoters (garden centre), poor
  (4-5) vs good (1-2) answers (NHS FFT);
- ``dup``: themes sharing a name with another in the run; ``dup reg``: in the theme registry
  after the two weeks below;
- ``ARI``: adjusted Rand index between the primary themes of two random states;
- ``kept``: share of the comments present in two consecutive weekly windows (13 weeks each,
  one week apart: the set shuffled into 14 synthetic weeks) that keep their theme id. Ours
  runs through ``run_weekly`` on one ledger (so whatever the pipeline does, anchoring in the
  registry included, is measured); plain BERTopic is fitted on each window and its topics
  given stable ids by the same :class:`ThemeRegistry`;
- ``per c.``: themes per real comment; ``F1``: held-out multi-label F1 against the human codes
  (NHS FFT only; see :mod:`bench._multilabel`);
- ``cold s``: the first fit with an empty embedding cache (the ONNX model built already, as
  by ``make setup``; ``--no-cold``: the shared cache);
  ``warm s``: the same fit again. Plain BERTopic has no cache: its fit on embeddings given,
  embedding time excluded, in both columns.

Only public functions are used (``model_from_config``, ``ThemeModel.fit`` and its fitted
attributes, ``run_weekly``, ``ThemeRegistry``), so the bench measures whatever the theme model
becomes. Targets (issue 21): FFT F1 >= 0.55 with 1.2-3.0 themes per comment; clothing no
theme over 25% and at most 8% in mixed themes; everywhere no duplicate names, ARI >= 0.8 and
>= 95% kept.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
import warnings
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score

from bench._multilabel import held_out_scores
from bench._stability_data import DATA_SETS, DataSet, survey_export
from bench._stability_metrics import (
    duplicate_names,
    keep_share,
    largest_share,
    mixed_share,
    themes_per_comment,
)
from passives_lib import ThemeRegistry, run_weekly
from passives_lib.config import config_from_dict
from passives_lib.core import PassivesError
from passives_lib.pipeline import model_from_config
from passives_lib.themes import ThemeModel, phrase_vectors

WEEKS = 14  # synthetic weeks; two windows of 13, one week apart
FIRST_MONDAY = date(2025, 12, 29)  # Monday of 2026-W01
COLUMNS = ("respondent_id", "score", "comment", "responded_at")


def config_for(
    seed: int, cache_dir: Path, ledger: Path | None = None, settings: dict | None = None
):
    """The pipeline's config: these theme settings, this seed and cache, the columns of the
    synthetic export."""
    raw: dict = {"themes": {**(settings or {}), "random_state": seed, "cache_dir": str(cache_dir)}}
    if ledger is not None:
        raw |= {"columns": {c: c for c in COLUMNS}, "dates": "iso", "plan": {"ledger": str(ledger)}}
    return config_from_dict(raw)


def our_fit(data: DataSet, seed: int, cache_dir: Path) -> tuple[ThemeModel, float]:
    """ThemeModel as the pipeline builds it, fitted on every comment of the set; seconds."""
    model = model_from_config(
        config_for(seed, cache_dir, settings=data.theme_settings), show_progress=False
    )
    started = time.perf_counter()
    model.fit(data.texts)
    return model, time.perf_counter() - started


def our_figures(model: ThemeModel) -> tuple[np.ndarray, list[list[int]], list[str]]:
    """Primary themes, every theme of each comment, and the theme names of a fitted model."""
    labels = np.asarray(model.labels_)
    sets = getattr(model, "theme_sets_", None) or [[int(t)] for t in labels]
    themes = model.themes_
    names = themes.loc[themes["theme_id"] >= 0, "label"].astype(str).tolist()
    return labels, [list(s) for s in sets], names


def plain_bertopic(texts: list[str], vectors: np.ndarray, seed: int) -> tuple[np.ndarray, object]:
    """BERTopic with its defaults (UMAP seeded), on the embeddings given."""
    from bertopic import BERTopic
    from umap import UMAP

    umap = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=seed)
    model = BERTopic(umap_model=umap)
    topics, _ = model.fit_transform(texts, vectors)
    return np.asarray(topics), model


def bertopic_names(model: object, topics: np.ndarray, top: int = 3) -> dict[int, list[str]]:
    """Each topic's words, best first (its name is its first ``top`` joined)."""
    words = {}
    for topic in sorted(set(topics.tolist()) - {-1}):
        words[topic] = [w for w, _ in (model.get_topic(topic) or [])][:10]
    return words


def synthetic_weeks(data: DataSet) -> list[str]:
    """Each comment's response date: the set shuffled (seed 0) into :data:`WEEKS` weeks."""
    order = np.random.default_rng(0).permutation(len(data.texts))
    days = np.empty(len(order), dtype=object)
    for week, block in enumerate(np.array_split(order, WEEKS)):
        days[block] = (FIRST_MONDAY + timedelta(days=7 * week + 2)).isoformat()
    return days.tolist()


def our_weeks(data: DataSet, seed: int, cache_dir: Path, folder: Path) -> tuple[float, int]:
    """Share kept across two weekly runs through the pipeline, and duplicate registry names."""
    path, ledger = folder / "survey.csv", folder / "ledger.sqlite"
    frame = pd.DataFrame(
        {
            "respondent_id": [f"r{i}" for i in range(len(data.texts))],
            "score": data.score,
            "comment": data.texts,
            "responded_at": synthetic_weeks(data),
        }
    )
    frame.to_csv(path, index=False)
    config = config_for(seed, cache_dir, ledger, data.theme_settings)
    weeks = []
    for week in (f"2026-W{WEEKS - 1:02d}", f"2026-W{WEEKS:02d}"):
        model = model_from_config(config, show_progress=False)
        run = run_weekly(path, config, week, lookback_weeks=WEEKS - 1, model=model, plan=False)
        window = run.findings.window
        weeks.append(
            dict(zip(window["respondent_id"], window["theme_id"].astype(int), strict=True))
        )
    with ThemeRegistry(ledger) as registry:
        names = registry.themes()["name"].tolist()
    return keep_share(*weeks), duplicate_names(names)


def bertopic_weeks(
    data: DataSet, vectors: np.ndarray, seed: int, folder: Path
) -> tuple[float, int]:
    """Plain BERTopic fitted on each window, its topics given stable ids by the registry."""
    dates = np.array(synthetic_weeks(data))
    cut = (FIRST_MONDAY + timedelta(days=7)).isoformat()
    last = (FIRST_MONDAY + timedelta(days=7 * (WEEKS - 1))).isoformat()
    windows = {f"2026-W{WEEKS - 1:02d}": dates < last, f"2026-W{WEEKS:02d}": dates >= cut}
    weeks = []
    with ThemeRegistry(folder / "bertopic.sqlite") as registry:
        for week, mask in windows.items():
            index = np.flatnonzero(mask)
            texts = [data.texts[i] for i in index]
            topics, model = plain_bertopic(texts, vectors[index], seed)
            words = bertopic_names(model, topics)
            ids = sorted(words)
            centroids = np.zeros((max(ids, default=-1) + 1, vectors.shape[1]))
            for topic in ids:
                centroids[topic] = vectors[index[topics == topic]].mean(axis=0)
            table = pd.DataFrame(
                {
                    "theme_id": ids,
                    "label": [" / ".join(words[t][:3]) or f"topic {t}" for t in ids],
                    "keywords": [words[t] for t in ids],
                    "size": [int((topics == t).sum()) for t in ids],
                }
            )
            matched = registry.assign(week, table, centroids)
            stable = dict(zip(matched["theme_id"], matched["stable_id"], strict=True))
            weeks.append(
                {f"r{i}": int(stable.get(t, t)) for i, t in zip(index, topics, strict=True)}
            )
        names = registry.themes()["name"].tolist()
    return keep_share(*weeks), duplicate_names(names)


def row(name: str, model: str, figures: dict) -> None:
    """One printed line of the table."""
    f1 = "" if figures.get("f1") is None else f"{figures['f1']:.3f}"
    print(
        f"{name:<17}{model:<15}{figures['themes']:>7}{figures['largest']:>8.1%}"
        f"{figures['mixed']:>7.1%}{figures['dup']:>5}{figures['dup_reg']:>8}"
        f"{figures['ari']:>6.2f}{figures['kept']:>7.1%}{figures['per_comment']:>7.2f}"
        f"{f1:>7}{figures['cold']:>8.1f}{figures['warm']:>7.1f}",
        flush=True,
    )


def measure(data: DataSet, seeds: list[int], cold: bool, shared: Path, work: Path) -> None:
    """Every figure for one data set, ours then plain BERTopic, printed as two rows."""
    cache = shared
    if cold:  # an empty embedding cache, the ONNX model already built (as `make setup` does)
        cache = work / f"cache-{data.name.split()[0]}"
        if (shared / "onnx").is_dir() and not (cache / "onnx").exists():
            shutil.copytree(shared / "onnx", cache / "onnx")
    first, cold_s = our_fit(data, seeds[0], cache)
    _, warm_s = our_fit(data, seeds[0], cache)
    second, _ = our_fit(data, seeds[1], cache)
    labels, sets, names = our_figures(first)
    folder = work / f"weeks-{data.name.split()[0]}"
    folder.mkdir(parents=True, exist_ok=True)
    kept, dup_reg = our_weeks(data, seeds[0], cache, folder)
    ours = {
        "themes": len(names),
        "largest": largest_share(labels),
        "mixed": mixed_share(labels, data.low, data.high),
        "dup": duplicate_names(names),
        "dup_reg": dup_reg,
        "ari": adjusted_rand_score(labels, our_figures(second)[0]),
        "kept": kept,
        "per_comment": themes_per_comment(sets),
        "f1": None if data.codes is None else held_out_scores(sets, data.codes)["f1"],
        "cold": cold_s,
        "warm": warm_s,
    }
    row(data.name, "ThemeModel", ours)

    vectors = phrase_vectors(
        model_from_config(config_for(seeds[0], shared, settings=data.theme_settings)), data.texts
    )
    started = time.perf_counter()
    topics, model = plain_bertopic(data.texts, vectors, seeds[0])
    seconds = time.perf_counter() - started
    other, _ = plain_bertopic(data.texts, vectors, seeds[1])
    words = bertopic_names(model, topics)
    kept, dup_reg = bertopic_weeks(data, vectors, seeds[0], folder)
    plain = {
        "themes": len(words),
        "largest": largest_share(topics),
        "mixed": mixed_share(topics, data.low, data.high),
        "dup": duplicate_names([" / ".join(w[:3]) for w in words.values()]),
        "dup_reg": dup_reg,
        "ari": adjusted_rand_score(topics, other),
        "kept": kept,
        "per_comment": themes_per_comment([[int(t)] for t in topics]),
        "f1": None
        if data.codes is None
        else held_out_scores([[int(t)] for t in topics], data.codes)["f1"],
        "cold": seconds,
        "warm": seconds,
    }
    row("", "plain BERTopic", plain)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="theme quality and stability, all shared sets")
    parser.add_argument("--sets", nargs="+", choices=sorted(DATA_SETS), default=list(DATA_SETS))
    parser.add_argument("--seeds", nargs=2, type=int, default=[1, 2], metavar=("A", "B"))
    parser.add_argument("--no-cold", action="store_true", help="use the shared embedding cache")
    parser.add_argument("--export", help="an NPS export of your own, measured instead of --sets")
    parser.add_argument("--config", help="the export's YAML config (columns, theme settings)")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    from passives_lib.pipeline._theme_run import default_cache_dir

    header = (
        f"{'set':<17}{'model':<15}{'themes':>7}{'largest':>8}{'mixed':>7}{'dup':>5}"
        f"{'dup reg':>8}{'ARI':>6}{'kept':>7}{'per c.':>7}{'F1':>7}{'cold s':>8}{'warm s':>7}"
    )
    print(f"random states {args.seeds[0]} and {args.seeds[1]}")
    print(header + "\n" + "-" * len(header))
    loaders = [DATA_SETS[key] for key in args.sets]
    if args.export:
        loaders = [lambda: survey_export(args.export, args.config)]
    with tempfile.TemporaryDirectory(prefix="theme-stability-") as folder:
        for load in loaders:
            try:
                data = load()
            except PassivesError as exc:  # the export or its config: the pipeline's message
                print(f"{args.export}: {exc}", file=sys.stderr)
                return 2
            try:
                measure(data, args.seeds, not args.no_cold, default_cache_dir(), Path(folder))
            except Exception as exc:  # one set failing leaves the others' figures standing
                print(f"{data.name}: failed: {type(exc).__name__}: {exc}", flush=True)
    print(
        "largest/mixed: shares of the real comments (mixed: both groups > 25% of the theme); "
        "dup: names repeated in the run; dup reg: in the registry after two weeks; ARI: two "
        "random states; kept: unchanged comments keeping their theme id across two weekly "
        "windows (13 of 14 weeks); per c.: themes per comment; F1: held-out multi-label (FFT); "
        "cold: empty embedding cache; plain BERTopic: fit on given embeddings (no cache)."
    )
    print(
        "targets: FFT F1 >= 0.55, 1.2-3.0 per c.; clothing largest <= 25%, mixed <= 8%; "
        "every set dup 0, ARI >= 0.8, kept >= 95%."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
