"""Benchmark: staff first names masked in real comments, with samples to read by hand.

Run with ``.venv/bin/python -m bench.staff_names``. For the sample (``data/sample``) and the three
shared sets it prints how many comments get a ``[name]`` from the staff-name rule
(:mod:`passives_lib.core._privacy_staff`), then ``--read`` random masked comments and as many
near misses (a bundled first name or a capitalised word right after a person cue, left as it
is), each with the words found, so that precision can be judged by reading them. Comments are
cleaned as the survey reader cleans them (:func:`passives_lib.core.repair_code_page`,
:func:`passives_lib.core.repair_glued_je`), after
the cue rules of :mod:`passives_lib.core._privacy_names` (so their ``[name]`` are not counted).
"""

from __future__ import annotations

import argparse
import random
import re

import pandas as pd

from bench._common import REPO, SHARED_DATA
from passives_lib.core import repair_code_page, repair_glued_je
from passives_lib.core._privacy_names import mask_names
from passives_lib.core._privacy_staff import CAPITALISED, is_first_name, staff_name_spans

SETS = {
    "sample": (REPO / "data" / "sample" / "survey.csv", "comment"),
    "clothing": (SHARED_DATA / "clothing_reviews" / "reviews.csv", "Review Text"),
    "nhs_fft": (SHARED_DATA / "nhs_fft_themes" / "v6framework_230831.csv", "FFT answer"),
    "garden_fr": (SHARED_DATA / "garden_centre_nps_fr" / "nps.csv", "explication"),
}
_PERSON_CUE = re.compile(
    r"(?i:\b(?:thanks|thank you|spoke|talked|ask for|merci|grâce|with|called|named|nurse"
    r"|vendeu\w+|conseill\w+)[ ,]{1,3})$"
)


def comments(name: str) -> list[str]:
    """The non-empty comments of one set, cleaned; empty when the file is missing."""
    path, column = SETS[name]
    if not path.is_file():
        return []
    texts = pd.read_csv(path)[column].dropna().astype(str)
    cleaned = (repair_glued_je(repair_code_page(text.strip())) for text in texts)
    return [mask_names(text) for text in cleaned if text]


def near_miss(text: str) -> bool:
    """A first name, or a capitalised word after a person cue, that was not masked."""
    return any(
        is_first_name(word.group(0)) or _PERSON_CUE.search(text[max(0, word.start() - 20) :])
        for word in CAPITALISED.finditer(text)
        if word.start() > 0
    )


def shown(text: str, spans: list[tuple[int, int]]) -> str:
    """The comment with each span in ``<<...>>``, on one line, cut to 200 characters."""
    for start, end in reversed(spans):
        text = f"{text[:start]}<<{text[start:end]}>>{text[end:]}"
    return " ".join(text.split())[:200]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--read", type=int, default=40, help="how many of each to print")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    masked: list[tuple[str, str]] = []
    misses: list[tuple[str, str]] = []
    for name in SETS:
        texts = comments(name)
        found = 0
        for text in texts:
            spans = staff_name_spans(text)
            if spans:
                found += 1
                masked.append((name, shown(text, spans)))
            elif near_miss(text):
                misses.append((name, shown(text, [])))
        print(f"{name}: {found} of {len(texts):,} comments get a [name] from a staff name")
    rng = random.Random(args.seed)
    for title, rows in (("masked", masked), ("near misses", misses)):
        print(f"\n{title}: {min(args.read, len(rows))} of {len(rows)}")
        for name, text in rng.sample(rows, min(args.read, len(rows))):
            print(f"  [{name}] {text}")


if __name__ == "__main__":
    main()
