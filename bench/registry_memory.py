"""Benchmark: what the registry's memory of opinions costs after a year of weekly runs.

Run with ``.venv/bin/python -m bench.registry_memory [--weeks 52] [--opinions 5000]``.

Each recorded week stores every opinion's key and stable theme (``theme_registry_opinions``),
and nothing prunes it. This bench records ``--weeks`` weeks of ``--opinions`` opinions each
(drawn from a pool of eight times as many distinct keys, as a 13-week window's opinions
repeat from week to week) with 12 themes on a fresh SQLite registry, and prints the time to
record a week with its memory beside the time to record it without, the time to read the
memory (:meth:`ThemeRegistry.remembered`) beside the time to read the anchors
(:meth:`ThemeRegistry.anchors`), which every run does too, and the file's size.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from passives_lib.store import ThemeRegistry

DIMENSION = 384  # the embedding model's
THEMES = 12


def run_themes() -> tuple[pd.DataFrame, np.ndarray]:
    """A run of ``THEMES`` themes with random unit centroids."""
    rng = np.random.default_rng(1)
    centroids = rng.normal(size=(THEMES, DIMENSION))
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
    table = pd.DataFrame(
        {
            "theme_id": range(THEMES),
            "label": [f"theme {k}" for k in range(THEMES)],
            "keywords": [[f"word{k}"] for k in range(THEMES)],
            "size": [100] * THEMES,
        }
    )
    return table, centroids


def median_seconds(weeks: int, opinions: int, remember: bool) -> tuple[float, float, float, float]:
    """Median seconds to record a week, then to read the memory and the anchors; MB."""
    rng = np.random.default_rng(0)
    pool = [hashlib.sha256(str(i).encode()).hexdigest()[:32] for i in range(8 * opinions)]
    themes, centroids = run_themes()
    recorded = []
    with tempfile.TemporaryDirectory() as folder:
        location = Path(folder) / "ledger.sqlite"
        with ThemeRegistry(location) as registry:
            for number in range(weeks):
                table = None
                if remember:
                    keys = rng.choice(pool, opinions, replace=False)
                    themes_of = rng.integers(0, THEMES, opinions)
                    table = pd.DataFrame({"opinion_key": keys, "theme_id": themes_of})
                week = f"{2026 + number // 52}-W{number % 52 + 1:02d}"
                started = time.perf_counter()
                registry.assign(week, themes, centroids, opinions=table)
                recorded.append(time.perf_counter() - started)
            started = time.perf_counter()
            registry.remembered("2099-W01")
            read_memory = time.perf_counter() - started
            started = time.perf_counter()
            registry.anchors("2099-W01")
            read_anchors = time.perf_counter() - started
        size = location.stat().st_size / 1e6
    return float(np.median(recorded)), read_memory, read_anchors, size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="the registry's memory of opinions, a year on")
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--opinions", type=int, default=5000)
    args = parser.parse_args(argv)
    print(f"{args.weeks} recorded weeks, {args.opinions} opinions each, {THEMES} themes, SQLite")
    for remember in (False, True):
        record, memory, anchors, size = median_seconds(args.weeks, args.opinions, remember)
        name = "with memory" if remember else "without memory"
        read = f"read memory {memory:.2f} s, " if remember else ""
        print(
            f"  {name:<15} record a week {record:.3f} s (median); {read}"
            f"read anchors {anchors:.2f} s; file {size:.1f} MB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
