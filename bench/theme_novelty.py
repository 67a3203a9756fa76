"""Benchmark: does a subject nobody raised in week 1 become a new theme in week 2?

Run with ``.venv/bin/python -m bench.theme_novelty [--sets fft,clothing,garden]``.

Issue 21 anchors each week in the themes the registry knows: a week's opinions go to the
known themes first and only the rest are clustered, new clusters becoming new themes. This
bench checks the second half on every shared set, with two rules side by side in one run:

- **forgetful** (the rule before the registry remembered opinions): every opinion joins its
  nearest known theme at cosine ``anchor_similarity`` (0.30), a new cluster is new unless it
  is within 0.75 of a known theme;
- **remembering** (the rule now): an opinion recorded in an earlier week keeps its theme by
  identity, a new one joins a known theme only when as close as the theme's own opinions
  are, and a cluster of the rest is new when its opinions stand apart from the known themes.

Novelty: for each of a few subjects per set (:data:`SUBJECTS`, found by a word pattern),
week 1 is every comment that does not mention it, fitted and recorded on a fresh registry (a
temporary SQLite file) through the pipeline (:func:`passives_lib.pipeline.stable_themes`);
week 2 is every comment. It prints the share of the subject's comments whose week-2 theme is
new (not known in week 1), the share of the other comments in new themes (churn: they were
all known last week) and the new themes' names.

Steady weeks (the other side: no new theme where nothing is new): five windows of a rolling
window over the comments, each dropping the oldest 1/13 and adding the next 1/13, as a
13-week report window moves; it prints the new themes each week makes and the share of the
comments in two consecutive windows that keep their theme.

A perfect rule puts most of a subject's comments in a new theme, none of the others, and
makes no new theme in steady weeks. A subject may rightly join a theme week 1 already had
under other words (the garden's loyalty card: "carte", "points" without "fidélité").
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from bench.theme_targets import load, model
from passives_lib.pipeline import stable_themes
from passives_lib.store import ThemeRegistry, registry_has_themes

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


def fitted_week(
    texts: list[str], week: str, location: str, remember: bool
) -> tuple[pd.DataFrame, np.ndarray]:
    """Fit and record one week on the registry at ``location``; its themes and labels.

    As :func:`passives_lib.pipeline.fit_themes` does, with ``remember`` False leaving out the
    registry's memory of opinions (the rule before it).
    """
    anchors = remembered = None
    if registry_has_themes(location):
        with ThemeRegistry(location) as registry:
            anchors = registry.anchors(week)
            remembered = registry.remembered(week) if remember else None
    fitted = model(1).fit(texts, anchors=anchors, remembered=remembered)
    themes, labels, _ = stable_themes(fitted, week, location, record=True)
    return themes, np.asarray(labels)


def two_weeks(texts: list[str], subject: np.ndarray, remember: bool = True) -> dict[str, object]:
    """Week 1 without the subject, week 2 with every comment, on one fresh registry."""
    with tempfile.TemporaryDirectory() as folder:
        location = str(Path(folder) / "ledger.sqlite")
        week_1 = [text for text, said in zip(texts, subject, strict=True) if not said]
        fitted_week(week_1, "2026-W01", location, remember)
        themes, labels = fitted_week(texts, "2026-W02", location, remember)
    new = themes.loc[themes["is_new"].astype(bool)]
    inside, outside = new_shares(labels, new["theme_id"].tolist(), subject)
    return {"subject": inside, "others": outside, "names": new["label"].tolist()}


def steady_weeks(texts: list[str], remember: bool, weeks: int = 5) -> list[tuple[int, float]]:
    """New themes made and the share of shared comments kept, week by week after the first."""
    step = len(texts) // 13
    span = len(texts) - (weeks - 1) * step
    out = []
    with tempfile.TemporaryDirectory() as folder:
        location = str(Path(folder) / "ledger.sqlite")
        before = None
        for number in range(weeks):
            window = texts[number * step : number * step + span]
            themes, labels = fitted_week(window, f"2026-W{number + 1:02d}", location, remember)
            if before is not None:
                shared = before[step:]
                now = labels[: len(shared)]
                real = shared != -2
                new = int(themes["is_new"].astype(bool).sum())
                out.append((new, float((shared[real] == now[real]).mean())))
            before = labels
    return out


def rule_name(remember: bool) -> str:
    return "remembering" if remember else "forgetful"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="new subjects in week 2: new themes?")
    parser.add_argument("--sets", default="fft,clothing,garden")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    for name in args.sets.split(","):
        texts = load(name)[0]
        print(f"== {name}: {len(texts)} comments")
        for pattern in SUBJECTS[name]:
            subject = mentions(texts, pattern)
            print(f"  /{pattern}/ {int(subject.sum())} comments:")
            for remember in (False, True):
                result = two_weeks(texts, subject, remember)
                names = ", ".join(repr(n) for n in result["names"][:5]) or "none"
                print(
                    f"    {rule_name(remember):<12} {result['subject']:6.1%} in new themes, "
                    f"other comments {result['others']:.1%}; new themes: {names}"
                )
        for remember in (False, True):
            steady = steady_weeks(texts, remember)
            made = " ".join(str(new) for new, _ in steady)
            kept = min(share for _, share in steady)
            print(
                f"  steady weeks, {rule_name(remember):<12} new themes per week {made}; "
                f"shared comments keeping their theme: at least {kept:.1%}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
