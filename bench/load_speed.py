"""Benchmark: load, validate and classify 1,000,000 generated rows; print time and peak memory.

Run with ``make bench`` or ``.venv/bin/python bench/load_speed.py [--rows N]``.
Target on the 2-core CI machine: under 10 s and under 2 GB.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from passives_lib import load_survey, nps_table, weekly_nps
from passives_lib._sample import generate_survey


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    survey = generate_survey(n_responses=args.rows, bad_rows=False).survey
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.csv"
        survey.to_csv(path, index=False)
        size_mb = path.stat().st_size / 1e6
        del survey
        print(f"generated {args.rows:,} rows ({size_mb:.0f} MB CSV) in "
              f"{time.perf_counter() - started:.1f} s")
        rss_before = peak_rss_mb()
        tracemalloc.start()
        started = time.perf_counter()
        loaded = load_survey(path)
        loaded_at = time.perf_counter()
        overall = nps_table(loaded.responses)
        by_segment = nps_table(loaded.responses, by="segment")
        by_week = weekly_nps(loaded.responses)
        elapsed = time.perf_counter() - started
        _, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    print(f"load+validate+classify: {loaded_at - started:.2f} s; with NPS tables: {elapsed:.2f} s")
    print(f"rows read {loaded.rows_read:,}, accepted {loaded.rows_accepted:,}, "
          f"rejected {loaded.rows_rejected:,}; NPS {overall['nps'].iloc[0]:+.2f}; "
          f"{len(by_segment)} segments, {len(by_week)} weeks")
    print(f"peak traced Python allocations during load: {traced_peak / 1e6:.0f} MB; "
          f"process peak RSS: {peak_rss_mb():.0f} MB (before load {rss_before:.0f} MB)")
    ok = elapsed < 10 and peak_rss_mb() < 2048
    print("targets (<10 s, <2 GB):", "met" if ok else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
