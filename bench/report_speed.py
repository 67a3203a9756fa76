"""Benchmark: ``make report`` on data/sample, stage by stage; print the figures.

Run with ``.venv/bin/python -m bench.report_speed`` (or ``make bench``). It runs what
``make report`` runs (``passives report data/sample/survey.csv --config
data/sample/config.yml``), setup excluded, into a temporary folder with its own ledger, twice:
cold (an empty embedding cache: every comment of the 13-week window is embedded) and warm (the
weekly rerun, embeddings cached). Per stage: loading, themes and findings; the plan; writing
the CSV files (these three inside the notebook); kernel start-up and display (the rest of the
notebook's run); the HTML and slide exports; publishing. Target on the 2-core CI machine: the
report under 2 minutes.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from bench._common import REPO
from passives_lib.report._run import run_report

SAMPLE = REPO / "data" / "sample"
TARGET_S = 120.0


def timed_report(base: Path, cache: Path, label: str) -> float:
    """Run the report once with the given embedding cache; print and return its total time."""
    os.environ["XDG_CACHE_HOME"] = str(cache)
    started = time.perf_counter()
    result = run_report(
        SAMPLE / "survey.csv",
        base / "reports",
        config_path=SAMPLE / "config.yml",
        params={"ledger": str(base / "ledger.sqlite")},
        progress=lambda _: None,
    )
    total = time.perf_counter() - started
    inside = result.notebook_timings
    execute = result.timings["execute notebook"]
    stages = {f"  in notebook: {name}": seconds for name, seconds in inside.items()}
    stages["  kernel start-up, imports and display"] = execute - sum(inside.values())
    stages |= {
        f"  {name}": seconds
        for name, seconds in result.timings.items()
        if name != "execute notebook"
    }
    print(
        f"{label}: report for {result.week} in {total:.1f} s "
        f"({'met' if total < TARGET_S else 'NOT met'}: target under {TARGET_S:.0f} s)"
    )
    for name, seconds in stages.items():
        print(f"{name:<48} {seconds:6.1f} s")
    return total


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(description="weekly report speed on data/sample").parse_args(argv)
    print(f"passives report on {SAMPLE / 'survey.csv'} ({os.cpu_count()} CPU cores)")
    with tempfile.TemporaryDirectory(prefix="passives-report-bench-") as folder:
        base, cache = Path(folder), Path(folder) / "cache"
        totals = [
            timed_report(base, cache, "cold (empty embedding cache)"),
            timed_report(base, cache, "warm (embeddings cached, weekly rerun)"),
        ]
    print("target (<2 min):", "met" if max(totals) < TARGET_S else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
