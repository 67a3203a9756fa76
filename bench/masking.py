"""Benchmark: precision and recall of ``mask_personal_data`` on the masking corpus, and its speed.

Run with ``.venv/bin/python -m bench.masking``. The corpus is ``tests/core/masking_corpus.py``:
comments with their personal data marked (EN and FR), comments where nothing may be masked
(dates, times, order and product numbers, prices) and the documented misses.

A marked datum counts as found when every character of it was replaced; a replaced stretch
that touches no marked datum is a false alarm. With the clothing reviews in ../shared/data the
time to mask all of them is printed too (best of three).
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter

from bench._common import SHARED_DATA
from passives_lib import mask_personal_data
from tests.core.masking_corpus import KEPT, KNOWN_MISSES, MARK, MASKED, plain, spans

PLACEHOLDER = re.compile(
    r"\[(?:link|email|iban|date of birth|national id|sort code|account number|card"
    r"|ip address|postcode|phone|name)\]"
)
CLOTHING = "clothing_reviews/reviews.csv"


def masked_spans(original: str, masked: str) -> list[tuple[int, int]]:
    """The stretches of ``original`` that masking replaced by placeholders."""
    pieces = PLACEHOLDER.split(masked)
    if len(pieces) == 1:
        return []
    pattern = "(.+?)".join(re.escape(piece) for piece in pieces)
    found = re.fullmatch(pattern, original, flags=re.DOTALL)
    if found is None:  # masking changed text outside its placeholders
        return [(0, len(original))]
    return [found.span(i) for i in range(1, len(pieces))]


def score(marked_texts: list[str]) -> tuple[Counter, Counter]:
    """(counts of found / missed / false alarms, missed by kind) over marked comments."""
    counts: Counter = Counter()
    missed: Counter = Counter()
    for marked in marked_texts:
        text = plain(marked)
        replaced = masked_spans(text, mask_personal_data(text))
        kinds = [m.group(1) for m in MARK.finditer(marked)]
        for kind, (start, end) in zip(kinds, spans(marked), strict=True):
            covered = any(s <= start and end <= e for s, e in replaced)
            counts["found" if covered else "missed"] += 1
            if not covered:
                missed[kind] += 1
        truth = spans(marked)
        counts["false alarms"] += sum(
            not any(s < e2 and s2 < e for s2, e2 in truth) for s, e in replaced
        )
    return counts, missed


def report(language: str) -> None:
    """Print precision and recall for one language."""
    counts, missed = score(MASKED[language] + KNOWN_MISSES[language] + KEPT[language])
    found, alarms = counts["found"], counts["false alarms"]
    precision = found / (found + alarms) if found + alarms else 1.0
    recall = found / (found + counts["missed"])
    kept_changed = sum(mask_personal_data(text) != text for text in KEPT[language])
    print(
        f"{language}: precision {precision:.3f}, recall {recall:.3f} "
        f"({found} found, {counts['missed']} missed, {alarms} false alarms); "
        f"{kept_changed} of {len(KEPT[language])} comments to keep changed"
    )
    if missed:
        print(f"    missed: {dict(missed)}")


def timing() -> None:
    """Mask every clothing review (best of three) and print the time per comment."""
    path = SHARED_DATA / CLOTHING
    if not path.is_file():
        print(f"speed: skipped ({path} not found)")
        return
    import pandas as pd

    texts = pd.read_csv(path)["Review Text"].dropna().astype(str).tolist()
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        changed = sum(mask_personal_data(text) != text for text in texts)
        best = min(best, time.perf_counter() - started)
    print(
        f"speed: {len(texts):,} clothing reviews in {best:.2f} s "
        f"({best / len(texts) * 1e6:.0f} us each), {changed} changed"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-speed", action="store_true", help="skip the clothing timing")
    args = parser.parse_args(argv)
    for language in MASKED:
        report(language)
    if not args.no_speed:
        timing()


if __name__ == "__main__":
    main()
