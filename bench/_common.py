"""Helpers shared by the benchmarks: where the real data is, the labelled FFT set, peak memory."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("PASSIVES_SHARED_DATA", REPO.parent / "shared" / "data"))
CACHE = REPO / "reports" / ".bench-cache"


def shared_file(relative: str) -> Path:
    """A file under ../shared/data, or exit with a clear message if it is missing."""
    path = SHARED_DATA / relative
    if not path.is_file():
        sys.exit(f"benchmark data not found: {path} (clone with ../shared beside the repo)")
    return path


FFT = "nhs_fft_themes/v6framework_230831.csv"


def labelled_fft() -> tuple[pd.DataFrame, pd.Series, pd.Series, list[str]]:
    """The NHS FFT set as every theme bench reads it.

    Returns
    -------
    tuple
        The whole frame, each row's answer text (stripped), which rows have a real answer with
        human codes (not empty, not "did not answer", not "Not assigned", not a non-answer),
        and the names of the one-hot code columns (those after ``Comment sentiment``).
    """
    from passives_lib.themes import is_non_answer

    frame = pd.read_csv(shared_file(FFT))
    columns = list(frame.columns)
    codes = columns[columns.index("Comment sentiment") + 1 :]
    text = frame["FFT answer"].fillna("").astype(str).str.strip()
    keep = (
        (text != "")
        & (text.str.lower() != "did not answer")
        & (frame["Not assigned"].fillna(0).astype(int) == 0)
        & ~is_non_answer(text)
    )
    return frame, text, keep, codes


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
