"""Benchmark: load, validate and classify 1,000,000 generated rows; print time and peak memory.

Run with ``make bench`` or ``.venv/bin/python -m bench.load_speed [--rows N]``.
Target on the 2-core CI machine: under 10 s and under 2 GB.

The survey is generated and written to a temporary CSV first; the load is then measured in a
fresh Python process, so that its peak resident memory is the load's own.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench._common import REPO, peak_rss_mb


def measure(path: Path) -> None:
    """Load the CSV at ``path`` and print the figures (runs in the child process)."""
    from passives_lib import load_survey, nps_table, weekly_nps

    baseline = peak_rss_mb()
    started = time.perf_counter()
    loaded = load_survey(path)
    loaded_at = time.perf_counter()
    overall = nps_table(loaded.responses)
    by_segment = nps_table(loaded.responses, by="segment")
    by_week = weekly_nps(loaded.responses)
    elapsed = time.perf_counter() - started
    peak = peak_rss_mb()
    print(
        f"load+validate+classify: {loaded_at - started:.2f} s; "
        f"with NPS overall, by segment and by week: {elapsed:.2f} s"
    )
    print(
        f"rows read {loaded.rows_read:,}, accepted {loaded.rows_accepted:,}, "
        f"rejected {loaded.rows_rejected:,}; NPS {overall['nps'].iloc[0]:+.2f}; "
        f"{len(by_segment)} segments, {len(by_week)} weeks"
    )
    print(f"peak RSS: {peak:.0f} MB (after imports {baseline:.0f} MB)")
    print("targets (<10 s, <2 GB):", "met" if elapsed < 10 and peak < 2048 else "NOT met")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="load/validate/classify benchmark")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        measure(args.measure)
        return 0

    from passives_lib.sample._generate import generate_survey

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "survey.csv"
        started = time.perf_counter()
        generate_survey(n_responses=args.rows, bad_rows=False).survey.to_csv(path, index=False)
        print(
            f"generated {args.rows:,} rows ({path.stat().st_size / 1e6:.0f} MB CSV) in "
            f"{time.perf_counter() - started:.1f} s"
        )
        child = subprocess.run(
            [sys.executable, "-m", "bench.load_speed", "--measure", str(path)],
            cwd=REPO,
            check=False,
        )
    return child.returncode


if __name__ == "__main__":
    sys.exit(main())
