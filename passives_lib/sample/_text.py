"""Composition of the synthetic survey's comments (:mod:`passives_lib.sample._generate`).

A themed comment is a phrasing drawn from its theme's pool, optionally wrapped in an opener
matched to the score and to whether the theme is praise, a second sentence, a closer and a
filler, then roughed up: a dropped final period, all lower or upper case, a typo. A few
comments get contact details appended (for the privacy masking) and a few are replaced by
text that spreadsheet software would read as a formula. Non-answers (``"n/a"``, ``"ok"``) are
drawn from :data:`NON_ANSWERS`.

Every random choice comes from the generator passed in, in a fixed order, so the output is
reproducible.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from passives_lib.sample._catalogue import _PROPER_NOUNS, _THEMES, _Theme

NON_ANSWERS = (
    "n/a",
    "N/A",
    "nothing",
    "no comment",
    "-",
    "...",
    "ok",
    "none",
    "nope",
    "\N{THUMBS UP SIGN}",
    "?",
    "na",
)

# Openers: (text, whether the sentence after it starts lower case).
_OPENERS: tuple[tuple[tuple[str, bool], ...], ...] = (
    (  # complaint from a detractor
        ("Honestly, ", True),
        ("Frankly, ", True),
        ("Really disappointed. ", False),
        ("Not happy. ", False),
        ("To be honest, ", True),
        ("Seriously, ", True),
        ("Ugh. ", False),
        ("Where do I start. ", False),
        ("Sadly ", True),
    ),
    (  # complaint from a passive or promoter
        ("Overall ok but ", True),
        ("Pretty happy overall, but ", True),
        ("Good product, however ", True),
        ("Mostly fine, but ", True),
        ("Small thing: ", False),
        ("Only gripe: ", False),
        ("Honestly, ", True),
        ("Not bad. ", False),
        ("Generally good. ", False),
    ),
    (  # praise from a passive or promoter
        ("Honestly, ", True),
        ("Love it. ", False),
        ("Great experience. ", False),
        ("Very happy! ", False),
        ("So far so good. ", False),
        ("Overall, ", True),
        ("Really pleased. ", False),
    ),
    (  # praise from a detractor
        ("To be fair, ", True),
        ("At least ", True),
        ("The one good thing: ", True),
        ("In fairness, ", True),
    ),
)
_CLOSERS: tuple[tuple[str, ...], ...] = (
    (
        " Please fix this.",
        " Very frustrating.",
        " Not good enough.",
        " Considering switching.",
        " Really disappointed.",
        " :(",
        " Sort it out please.",
    ),
    (
        " Fix that and it's a 10.",
        " Otherwise pretty happy.",
        " Small thing but annoying.",
        " Other than that, all good.",
        " Please sort it out.",
        " Thanks.",
    ),
    (
        " Keep it up!",
        " Thanks!",
        " :)",
        " 10/10.",
        " Would recommend.",
        " Great job \N{THUMBS UP SIGN}",
    ),
    (" Shame about the rest.", " But that's about it.", " Not enough though."),
)
_FILLERS = (
    " Been a customer for about three years.",
    " We use it across two offices.",
    " I mostly use it on my phone.",
    " That's my only feedback.",
    " Our team is about fifteen people.",
    " Ordered again last week.",
    " I use it every day for work.",
)
_FIRST_NAMES = ("jane", "john", "alex", "maria", "sam", "li", "omar", "emma", "raj", "kate")
_LAST_NAMES = ("doe", "smith", "jones", "patel", "brown", "garcia", "nguyen", "taylor")
_FORMULA_COMMENTS = (
    ("=) love it, so easy to use", "easy_to_use"),
    ("+1 for the support team, always friendly", "friendly_support_staff"),
    (
        "-faster delivery updates would help, never know where my order is",
        "delivery_tracking_updates",
    ),
    ("@support please call me, I still can't download my invoice", "invoice_download"),
    ("=( price went up again", "price_too_high"),
)

# Probabilities of the compositional variations of a themed comment.
_P_OPENER = 0.28
_P_SECOND = 0.12
_P_CLOSER = 0.2
_P_FILLER = 0.05
_P_DROP_PERIOD = 0.35
_P_LOWER = 0.12
_P_UPPER = 0.015
_P_TYPO = 0.10
_P_CONTACT = 0.006


def _lower_first(sentence: str) -> str:
    first = sentence.split(" ", 1)[0].rstrip(",.!?")
    if first in _PROPER_NOUNS or first.isupper() or not sentence[:1].isupper():
        return sentence
    return sentence[0].lower() + sentence[1:]


def _theme_pool(theme: _Theme) -> list[str]:
    return list(theme.sentences) + [t.format(x=s) for t in theme.templates for s in theme.slots]


def _typo(text: str, where: float, kind: float) -> str:
    """Swap two adjacent letters or drop one, at a position chosen by ``where`` in [0, 1)."""
    spots = [i for i in range(len(text) - 1) if text[i].isalpha() and text[i + 1].isalpha()]
    if not spots:
        return text
    i = spots[int(where * len(spots))]
    if kind < 0.5 and text[i] != text[i + 1]:
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text[:i] + text[i + 1 :]


def _contact_suffix(kind: int, a: int, b: int, number: int) -> str:
    first, last = _FIRST_NAMES[a % len(_FIRST_NAMES)], _LAST_NAMES[b % len(_LAST_NAMES)]
    if kind == 0:
        return f" Call me on +44 20 7946 0{number % 1000:03d}."
    if kind == 1:
        return f" You can reach me at 555-01{number % 100:02d}"
    if kind == 2:
        return f" Email me at {first}.{last}@example.com if you want details."
    if kind == 3:
        return f" My email is {first}{number % 100}@example.org"
    return f" Please phone me: +44 20 7946 0{number % 1000:03d} or {first}@example.com"


def _pick(pool: Sequence[str], u: np.ndarray) -> np.ndarray:
    """Index an object array built from ``pool`` with uniforms ``u`` in [0, 1)."""
    arr = np.array(pool, dtype=object)
    return arr[np.minimum((u * len(arr)).astype(np.int64), len(arr) - 1)]


def _compose_comments(rng: np.random.Generator, theme: np.ndarray, group: np.ndarray) -> np.ndarray:
    """Compose one comment per row of ``theme`` (theme indices) from the phrase pools."""
    n = theme.size
    u = rng.random((11, n))
    u_base, u_op, u_opi, u_sec, u_seci, u_clo, u_cloi, u_fill, u_filli, u_drop, u_case = u
    typo = rng.random((3, n))
    pools = [_theme_pool(t) for t in _THEMES]
    positive = np.array([t.positive for t in _THEMES])[theme]
    low = group <= 1
    style = np.where(positive, np.where(low, 3, 2), np.where(low, 0, 1))

    opener = np.full(n, "", dtype=object)
    lower_next = np.zeros(n, dtype=bool)
    has_opener = u_op < _P_OPENER
    for s, openers in enumerate(_OPENERS):
        rows = np.flatnonzero(has_opener & (style == s))
        pick = np.minimum((u_opi[rows] * len(openers)).astype(np.int64), len(openers) - 1)
        opener[rows] = np.array([o[0] for o in openers], dtype=object)[pick]
        lower_next[rows] = np.array([o[1] for o in openers])[pick]

    body = np.empty(n, dtype=object)
    second = np.full(n, "", dtype=object)
    has_second = u_sec < _P_SECOND
    for t, pool in enumerate(pools):
        rows = np.flatnonzero(theme == t)
        if rows.size == 0:
            continue
        idx = np.minimum((u_base[rows] * len(pool)).astype(np.int64), len(pool) - 1)
        cap = np.array(pool, dtype=object)
        low_first = np.array([_lower_first(p) for p in pool], dtype=object)
        body[rows] = np.where(lower_next[rows], low_first[idx], cap[idx])
        plain = _THEMES[t].sentences
        rows2 = rows[has_second[rows]]
        idx2 = np.minimum((u_seci[rows2] * len(plain)).astype(np.int64), len(plain) - 1)
        clash = idx2 == idx[has_second[rows]]
        idx2[clash] = (idx2[clash] + 1) % len(plain)
        second[rows2] = np.array([" " + p for p in plain], dtype=object)[idx2]

    closer = np.full(n, "", dtype=object)
    has_closer = u_clo < _P_CLOSER
    for s, closers in enumerate(_CLOSERS):
        rows = np.flatnonzero(has_closer & (style == s))
        closer[rows] = _pick(closers, u_cloi[rows])
    filler = np.full(n, "", dtype=object)
    rows = np.flatnonzero(u_fill < _P_FILLER)
    filler[rows] = _pick(_FILLERS, u_filli[rows])

    text = opener + body + second + closer + filler
    # Casual endings, case and typos, row by row but only where they apply.
    for i in np.flatnonzero(u_drop < _P_DROP_PERIOD):
        text[i] = text[i].removesuffix(".")
    for i in np.flatnonzero(u_case < _P_LOWER):
        text[i] = text[i].lower()
    for i in np.flatnonzero((u_case >= _P_LOWER) & (u_case < _P_LOWER + _P_UPPER)):
        text[i] = text[i].upper()
    for i in np.flatnonzero(typo[0] < _P_TYPO):
        text[i] = _typo(text[i], typo[1, i], typo[2, i])
    return text
