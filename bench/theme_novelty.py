"""Benchmark: does a subject nobody raised in week 1 become a new theme in week 2?

Run with ``.venv/bin/python -m bench.theme_novelty [--sets fft,clothing,garden]
[--anchor-similarity 0.3]``.

Issue 21 anchors each week in the themes the registry knows: a week's opinions go to the
known themes first and only the rest are clustered, new clusters becoming new themes. This
bench checks the second half on every shared set. For each of a few subjects per set
(:data:`SUBJECTS`, found by a word pattern), week 1 is every comment that does not mention it,
fitted and recorded on a fresh registry (a temporary SQLite file) through the pipeline
(:func:`passives_lib.pipeline.fit_themes`, :func:`passives_lib.pipeline.stable_themes`);
week 2 is every comment. It prints, per subject: its comments, the share of them whose week-2
theme is new (not known in week 1), the share of the other comments in new themes (churn:
they were all known last week) and the new themes' names.

A perfect rule puts most of a subject's comments in a new theme and none of the others.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import warnings
from pathlib import Path

import numpy as np

from bench.theme_targets import SETTINGS, load, model
from passives_lib.pipeline import fit_themes, stable_themes

SUBJECTS: dict[str, tuple[str, ...]] = {
    "fft": (r"food|meal", r"phone|call"),
    "clothing": (r"shr[iu]nk|wash", r"petite"),
    "garden": (r"fidélit|fidelit", r"caisse"),
}


def mentions(texts: list[str], pattern: str) -> np.ndarray:
    """Which texts mention the subject (case-insensitive regular expression).

    Examples
    --------
    >>> mentions(["Food was cold", "Lovely staff", "no meals"], r"food|meal").tolist()
    [True, False, True]
    """
    found = re.compile(pattern, re.IGNORECASE)
    return np.array([bool(found.search(text)) for text in texts], dtype=bool)


def new_shares(labels: np.ndarray, new_ids: list[int], subject: np.ndarray) -> tuple[float, float]:
    """Share of the subject's comments in new themes, and of the other comments.

    Examples
    --------
    >>> new_shares(np.array([7, 7, 1, 2]), [7], np.array([True, True, False, False]))
    (1.0, 0.0)
    """
    is_new = np.isin(labels, new_ids)
    inside = float(is_new[subject].mean()) if subject.any() else 0.0
    outside = float(is_new[~subject].mean()) if (~subject).any() else 0.0
    return inside, outside


def two_weeks(texts: list[str], subject: np.ndarray) -> dict[str, object]:
    """Week 1 without the subject, week 2 with every comment, on one fresh registry."""
    with tempfile.TemporaryDirectory() as folder:
        location = str(Path(folder) / "ledger.sqlite")
        week_1 = [text for text, said in zip(texts, subject, strict=True) if not said]
        first = fit_themes(model(1), week_1, "2026-W01", location)
        stable_themes(first, "2026-W01", location, record=True)
        second = fit_themes(model(1), texts, "2026-W02", location)
        themes, labels, _ = stable_themes(second, "2026-W02", location, record=True)
    new = themes.loc[themes["is_new"].astype(bool)]
    inside, outside = new_shares(np.asarray(labels), new["theme_id"].tolist(), subject)
    return {"subject": inside, "others": outside, "names": new["label"].tolist()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="new subjects in week 2: new themes?")
    parser.add_argument("--sets", default="fft,clothing,garden")
    parser.add_argument("--anchor-similarity", type=float, default=None)
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    if args.anchor_similarity is not None:
        SETTINGS["anchor_similarity"] = args.anchor_similarity
    for name in args.sets.split(","):
        texts = load(name)[0]
        print(f"== {name}: {len(texts)} comments")
        for pattern in SUBJECTS[name]:
            subject = mentions(texts, pattern)
            result = two_weeks(texts, subject)
            names = ", ".join(repr(n) for n in result["names"][:5]) or "none"
            print(
                f"  /{pattern}/ {int(subject.sum())} comments: {result['subject']:.1%} in new "
                f"themes, other comments {result['others']:.1%}; new themes: {names}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
