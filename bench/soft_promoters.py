"""Benchmark: soft promoters against hand-labelled promoter comments from the shared data sets.

Run with ``.venv/bin/python -m bench.soft_promoters``. Reads the labels in
``tests/outreach/soft_promoter_labels.csv`` (data set, row key, label, a short excerpt), finds
each comment in ``../shared/data`` by its key, runs
:func:`passives_lib.outreach.soft_promoters` over them and prints precision and recall
(overall and per data set), for the rule before issue 26 too ("short and VADER between 0 and
0.35", or a non-answer).

The labelled list: 132 promoter comments, 44 per data set (garden-centre FR ``nps`` 9-10,
clothing reviews rated 5, NHS FFT "very good" to "FFT Why?"); in each, 30 drawn at random
(seed 26) and 14 drawn at random among comments holding a broad list of contrast, hedge and
request words (``but``, ``if``, ``so far``, ``mais``, ``pas``, ...), so that soft comments are
not too rare to measure. Each was labelled soft by reading it: a complaint or a problem (also
inside praise), a request or a wish for something missing, a condition, faint or hedged praise,
praise only "so far", or a comparison that favours a competitor. Not soft: praise, advocacy,
sizing advice, a problem the customer says was solved, and non-answers ("Nothing.", "RAS",
"Pour l'instant pas de remarques"). 35 of 132 are soft (29 of 88 drawn at random).

Measured (issue 26): precision 0.91, recall 0.91 over all 132 (on the 88 random draws 1.00
and 0.89); the rule before flagged 18, none soft. The list also served to correct the cues
(their first run: precision 0.60, recall 0.74), so expect lower figures on new comments.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from bench._common import REPO, shared_file
from passives_lib.outreach import soft_promoters
from passives_lib.themes import is_non_answer, sentiment

LABELS = REPO / "tests" / "outreach" / "soft_promoter_labels.csv"
SOURCES = {
    "garden_fr": ("garden_centre_nps_fr/nps.csv", "id", "explication"),
    "clothing": ("clothing_reviews/reviews.csv", "Unnamed: 0", "Review Text"),
    "nhs_fft": ("nhs_fft_themes/v6framework_230831.csv", "Comment ID", "FFT answer"),
}


def labelled_comments(labels: Path = LABELS) -> pd.DataFrame:
    """The labelled list with each comment's full text read from ``../shared/data``."""
    frame = pd.read_csv(labels, dtype={"key": str})
    texts: dict[tuple[str, str], str] = {}
    for name, (relative, key, text) in SOURCES.items():
        source = pd.read_csv(shared_file(relative), dtype={key: str}, usecols=[key, text])
        wanted = set(frame.loc[frame["dataset"] == name, "key"])
        rows = source[source[key].isin(wanted)]
        texts.update({(name, k): t for k, t in zip(rows[key], rows[text], strict=True)})
    missing = [k for k in zip(frame["dataset"], frame["key"], strict=True) if k not in texts]
    if missing:
        raise SystemExit(f"labelled comments not found in ../shared/data: {missing[:5]}")
    comments = [texts[k] for k in zip(frame["dataset"], frame["key"], strict=True)]
    return frame.assign(comment=comments)


def old_rule(comments: list[str]) -> np.ndarray:
    """The rule before issue 26: a non-answer, or at most 6 words with VADER in (0, 0.35)."""
    words = np.array([len(str(c).split()) for c in comments])
    tone = sentiment(comments)
    letters = np.array([any(ch.isalpha() for ch in str(c)) for c in comments])
    return (letters & is_non_answer(comments)) | ((words <= 6) & (tone > 0) & (tone < 0.35))


def precision_recall(truth: np.ndarray, flagged: np.ndarray) -> tuple[float, float, int]:
    """Precision and recall of ``flagged`` against ``truth`` (booleans), and flagged count."""
    hits = int((truth & flagged).sum())
    precision = hits / flagged.sum() if flagged.sum() else float("nan")
    recall = hits / truth.sum() if truth.sum() else float("nan")
    return float(precision), float(recall), int(flagged.sum())


def flagged_now(frame: pd.DataFrame) -> np.ndarray:
    """Which labelled comments :func:`soft_promoters` flags (all are promoters, score 9)."""
    responses = pd.DataFrame(
        {"respondent_id": [str(i) for i in range(len(frame))], "score": 9,
         "comment": frame["comment"].tolist()}
    )  # fmt: skip
    soft = set(soft_promoters(responses)["respondent_id"])
    return np.array([str(i) in soft for i in range(len(frame))])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-errors", action="store_true", help="print each wrong call")
    args = parser.parse_args(argv)
    frame = labelled_comments()
    truth = frame["soft"].to_numpy().astype(bool)
    now, before = flagged_now(frame), old_rule(frame["comment"].tolist())
    print(f"{len(frame)} hand-labelled promoter comments, {truth.sum()} soft")
    print(f"{'set':<22}{'rule':<8}{'precision':>10}{'recall':>8}{'flagged':>9}")
    groups = [("all", np.ones(len(frame), bool)), ("random draws only", frame["drawn"] == "random")]
    groups += [(name, frame["dataset"] == name) for name in SOURCES]
    for name, rows in groups:
        rows = np.asarray(rows, bool)
        for rule, flagged in (("now", now), ("before", before)):
            p, r, n = precision_recall(truth[rows], flagged[rows])
            print(f"{name:<22}{rule:<8}{p:>10.2f}{r:>8.2f}{n:>9}")
    if args.show_errors:
        for i in np.flatnonzero(now != truth):
            kind = "missed" if truth[i] else "false alarm"
            print(f"{kind:<12}{frame['dataset'][i]:<10}{frame['excerpt'][i]}")


if __name__ == "__main__":
    main()
