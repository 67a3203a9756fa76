"""Helpers shared by the benchmarks: where the real data is, and peak memory."""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("PASSIVES_SHARED_DATA", REPO.parent / "shared" / "data"))
CACHE = REPO / "reports" / ".bench-cache"


def shared_file(relative: str) -> Path:
    """A file under ../shared/data, or exit with a clear message if it is missing."""
    path = SHARED_DATA / relative
    if not path.is_file():
        sys.exit(f"benchmark data not found: {path} (clone with ../shared beside the repo)")
    return path


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
