"""Benchmark: issue 21's theme figures averaged over subsamples, to judge one change fairly.

Run with ``.venv/bin/python -m bench.theme_subsamples [--sets fft,clothing,garden]
[--subsamples 5]``.

One partition moves with almost any change of its input (a tone rule, a masked name): FFT F1
swings by about 0.02 and the mixed share by several points between a set and the same set
less 5% of its comments. A single :mod:`bench.theme_targets` run therefore cannot tell a
better rule from a lucky partition. This bench fits each shared set whole and then on
``--subsamples - 1`` random 95% subsamples (fixed seeds), with ``random_state=1`` and the
shared embedding cache, and prints each run's figures and their mean and standard deviation:
held-out multi-label F1, precision and recall against the human codes (FFT only,
:mod:`bench._multilabel`), themes per comment, themes, the largest theme's share of the
comments (as primary theme), the share of comments in mixed themes (see
:func:`bench.theme_targets.mixed_share`) and the pairs of near-duplicate names
(:func:`bench.theme_targets.near_duplicates`).

Compare two versions of the code by running this bench on each: a difference smaller than
the standard deviation is no difference.
"""

from __future__ import annotations

import argparse
import sys
import warnings

import numpy as np

from bench._multilabel import coverage, held_out_scores
from bench.theme_targets import load, mixed_share, model, near_duplicates, polarity_of

COLUMNS = ("f1", "precision", "recall", "per_comment", "themes", "largest", "mixed", "near_dup")


def subsample(n: int, run: int) -> np.ndarray:
    """Rows of run ``run``: all of them for run 0, else a seeded 95% sample in order.

    Examples
    --------
    >>> subsample(5, 0).tolist()
    [0, 1, 2, 3, 4]
    >>> len(subsample(100, 1)), subsample(100, 1).tolist() == subsample(100, 1).tolist()
    (95, True)
    """
    if run == 0:
        return np.arange(n)
    chosen = np.random.default_rng(100 + run).choice(n, int(0.95 * n), replace=False)
    return np.sort(chosen)


def figures(name: str, run: int) -> dict[str, float]:
    """The figures of one fit of set ``name`` on the rows of run ``run``."""
    texts, low, top, codes = load(name)
    rows = subsample(len(texts), run)
    fitted = model(1).fit([texts[i] for i in rows])
    labels = fitted.labels_
    real = labels != -2
    sizes = np.bincount(labels[labels >= 0], minlength=max(fitted.n_themes_, 1))
    out = {
        "per_comment": coverage(fitted.theme_sets_)["per_comment"],
        "themes": float(fitted.n_themes_),
        "largest": float(sizes.max() / max(1, real.sum())),
        "mixed": mixed_share(labels, low[rows], top[rows]),
        "near_dup": float(near_duplicates(fitted, polarity_of(fitted))),
    }
    if codes is not None:
        out |= held_out_scores(fitted.theme_sets_, codes[rows])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="theme figures averaged over subsamples")
    parser.add_argument("--sets", default="fft,clothing,garden")
    parser.add_argument("--subsamples", type=int, default=5, help="runs per set, the whole first")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    for name in args.sets.split(","):
        runs = [figures(name, run) for run in range(max(1, args.subsamples))]
        shown = [c for c in COLUMNS if c in runs[0]]
        print(f"\n== {name}: {len(runs)} runs (the whole set, then 95% subsamples)")
        print("   run " + "".join(f"{c:>12}" for c in shown))
        for run, result in enumerate(runs):
            print(f"   {run:>3} " + "".join(f"{result[c]:>12.3f}" for c in shown))
        table = np.array([[r[c] for c in shown] for r in runs])
        print("  mean " + "".join(f"{v:>12.3f}" for v in table.mean(axis=0)))
        print("    sd " + "".join(f"{v:>12.3f}" for v in table.std(axis=0)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
