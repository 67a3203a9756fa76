"""The theme table: each theme's name, keywords, size, share and representative comments.

Names and keywords are built from :func:`passives_lib.themes._labels.label_text` (openers
stripped, personal data masked, placeholders dropped), and words written like names (see
:func:`passives_lib.themes._phrases.proper_nouns`) are kept out of both, so no personal data
reaches a label, a keyword or the theme registry. Representative comments are masked too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

from passives_lib.core import OTHER_THEME_ID, mask_personal_data
from passives_lib.themes._grammar import name_key
from passives_lib.themes._labels import (
    label_text,
    representative_comments,
    theme_keywords,
    theme_label,
)
from passives_lib.themes._phrases import proper_nouns, theme_names
from passives_lib.themes._tone import SIDE_OF

OTHER_LABEL = "other"
_WORD = re.compile(r"[^\W\d_][\w'-]*")
THEME_COLUMNS = ["theme_id", "label", "keywords", "size", "share", "representative_comments"]


LEANING = 1 / 3  # a neutral theme with this share of praise or of complaints leans that way


def naming_tones(
    polarity: list[str], unit_polarity: list[str], labels: np.ndarray, weights: np.ndarray
) -> dict[int, str]:
    """Each theme's tone as its name should say it: its polarity, or "leaning" for a neutral one.

    A neutral theme whose opinions are at least ``LEANING`` complaints and suggestions, or
    praise (by weight), leans: FFT's "Food" beside "food could be better" may be named by the
    wish. One of plain statements (clothing reviewers' heights: "i am 5'5" and 128 lbs") is
    "neutral" and takes a plain name before a complaint such as "too long".

    Examples
    --------
    >>> naming_tones(["neutral", "neutral", "praise"], ["neutral", "complaint", "neutral",
    ...     "neutral", "neutral", "praise"], np.array([0, 0, 1, 1, 1, 2]), np.ones(6))
    {0: 'leaning', 1: 'neutral', 2: 'praise'}
    """
    tones = np.array([SIDE_OF.get(p, 0) for p in unit_polarity])
    out = {}
    for k, own in enumerate(polarity):
        members = labels == k
        mass = max(float(weights[members].sum()), 1e-12)
        lean = max(
            float(weights[members & (tones > 0)].sum()), float(weights[members & (tones < 0)].sum())
        )
        out[k] = "leaning" if own == "neutral" and lean / mass >= LEANING else own
    return out


def theme_table(
    texts: list[str],
    vectors: np.ndarray,
    labels: np.ndarray,
    weights: np.ndarray,
    centroids: np.ndarray,
    *,
    sizes: np.ndarray,
    other: int,
    polarity: list[str],
    unit_polarity: list[str],
    language: str,
    top_keywords: int,
    fixed_names: dict[int, str] | None = None,
    encode: Callable[[list[str]], np.ndarray] | None = None,
    words: list[str] | None = None,
    names: frozenset[str] | None = None,
    voices: np.ndarray | None = None,
) -> tuple[pd.DataFrame, dict[int, list[str]]]:
    """One row per theme, by id, "other" last when it is not empty.

    Parameters
    ----------
    texts : list of str
        Distinct opinions (sorted), as written.
    vectors : numpy.ndarray
        Their unit-length embeddings.
    labels : numpy.ndarray
        Theme of each opinion (``-1`` none).
    weights : numpy.ndarray
        How many comments hold each opinion.
    centroids : numpy.ndarray
        Unit-length theme centroids.
    sizes : numpy.ndarray
        Comments whose primary theme each theme is.
    other : int
        Comments without a theme.
    polarity : list of str
        Each theme's polarity.
    unit_polarity : list of str
        Each opinion's polarity (quotes agree with their theme's).
    language : str
        ``en`` or ``fr``.
    top_keywords : int
        Keywords per theme.
    fixed_names : dict of int to str, optional
        Names already given (known themes); the other names differ from them.
    encode : callable, optional
        Texts to vectors with the comments' model, to rerank candidate names.
    words, names : optional
        ``label_text`` of each opinion and ``proper_nouns(texts, weights)``, when the caller
        has them already; computed when omitted.
    voices : numpy.ndarray, optional
        How many customers say each opinion
        (:meth:`passives_lib.themes._opinions.Units.voices`: a long comment repeated word for
        word counts once), which the names and keywords count instead of ``weights``: one
        customer's comment copied into two answers does not name a theme.

    Returns
    -------
    tuple
        The table (``theme_id``, ``label``, ``keywords``, ``size``, ``share``,
        ``representative_comments``, ``polarity``, ``mentions``) and the keywords per theme.
    """
    fixed = dict(fixed_names or {})
    n_themes = len(centroids)
    if words is None:
        words = [label_text(t, language) for t in texts]
    if names is None:
        names = proper_nouns(texts, weights)
    heard = weights if voices is None else voices  # what names and keywords count
    keywords = theme_keywords(words, labels, heard, top_keywords, language, names)
    closeness = np.zeros(len(texts))
    themed = labels >= 0
    if n_themes:
        closeness[themed] = np.einsum("ij,ij->i", vectors[themed], centroids[labels[themed]])
    to_name = np.where(np.isin(labels, list(fixed)), -1, labels)
    phrases = theme_names(
        words,
        to_name,
        heard,
        closeness,
        centroids,
        language,
        names,
        encode,
        taken=frozenset(fixed.values()),
        tone=naming_tones(polarity, unit_polarity, labels, weights),
    )
    chosen = fixed | phrases
    labels_of = unique_names(
        [chosen.get(k) or theme_label(keywords.get(k, []), k) for k in range(n_themes)],
        [keywords.get(k, []) for k in range(n_themes)],
    )
    total = max(float(sizes.sum()) + other, 1.0)
    tones = np.array(unit_polarity, dtype=str)
    rows = []
    for theme in range(n_themes):
        rows.append(
            {
                "theme_id": theme,
                "label": labels_of[theme],
                "keywords": keywords.get(theme, []),
                "size": int(sizes[theme]),
                "share": float(sizes[theme]) / total,
                "representative_comments": quotes(
                    texts,
                    vectors,
                    labels,
                    centroids[theme],
                    theme,
                    tones,
                    polarity[theme],
                    saying=_saying(words, labels_of[theme], np.flatnonzero(labels == theme)),
                ),
                "polarity": polarity[theme],
                "mentions": int(round(float(weights[labels == theme].sum()))),
            }
        )
    if other:
        rows.append(
            {
                "theme_id": OTHER_THEME_ID,
                "label": OTHER_LABEL,
                "keywords": [],
                "size": other,
                "share": other / total,
                "representative_comments": [],
                "polarity": "",
                "mentions": 0,
            }
        )
    columns = [*THEME_COLUMNS, "polarity", "mentions"]
    return pd.DataFrame(rows, columns=columns), keywords


def quotes(
    texts: list[str],
    vectors: np.ndarray,
    labels: np.ndarray,
    centroid: np.ndarray,
    theme: int,
    unit_polarity: Sequence[str] | np.ndarray,
    polarity: str,
    count: int = 3,
    saying: np.ndarray | None = None,
) -> list[str]:
    """The theme's most central opinions of its own polarity (any when none), masked.

    With ``saying`` (which opinions use the theme's name; only the theme's own are read),
    those come first, so that the quotes under a name say what it says.
    """
    agree = np.asarray(unit_polarity, dtype=str) == polarity
    members = (labels == theme) & agree
    if not members.any():
        members = labels == theme
    chosen: list[str] = []
    if saying is not None and (members & saying).any():
        chosen = representative_comments(
            texts, vectors, np.where(members & saying, theme, -1), centroid, theme, count
        )
        members = members & ~saying
    if len(chosen) < count and members.any():
        chosen += representative_comments(
            texts, vectors, np.where(members, theme, -1), centroid, theme, count - len(chosen)
        )
    return [mask_personal_data(q) for q in chosen]


def _saying(words: list[str], name: str, rows: np.ndarray) -> np.ndarray:
    """Which opinions (as label text) use every word of a name (case and punctuation aside).

    Only the opinions at ``rows`` (the theme's own) are read; the others are ``False``.

    Examples
    --------
    >>> _saying(["Runs small!", "runs a bit small", "small", "runs small"], "runs small",
    ...         np.array([0, 1, 2])).tolist()
    [True, True, False, False]
    """
    wanted = _word_set(name)
    out = np.zeros(len(words), dtype=bool)
    if wanted:
        out[rows] = [wanted <= _word_set(words[i]) for i in rows.tolist()]
    return out


@lru_cache(maxsize=1 << 16)
def _word_set(text: str) -> frozenset[str]:
    """The lower-case words of a text (each opinion is read once, not once per theme)."""
    return frozenset(_WORD.findall(text.lower()))


def unique_names(names: list[str], keywords: list[list[str]]) -> list[str]:
    """Names made unique: a repeated one gets its theme's first keyword not in it.

    Names are compared as :func:`passives_lib.themes._grammar.name_key` does ("Fits
    perfectly" repeats "fit perfectly").

    Examples
    --------
    >>> unique_names(["runs small", "runs small", "runs small"], [["fit"], ["petite"], []])
    ['runs small', 'runs small (petite)', 'runs small (3)']
    >>> unique_names(["fits perfectly", "Fit perfectly"], [[], ["waist"]])
    ['fits perfectly', 'Fit perfectly (waist)']
    """
    out: list[str] = []
    seen: set[str] = set()
    for position, (name, words) in enumerate(zip(names, keywords, strict=True)):
        candidate = name
        if name_key(candidate) in seen:
            extra = [w for w in words if w.lower() not in name.lower()]
            options = [f"{name} ({w})" for w in extra] + [f"{name} ({position + 1})"]
            candidate = next(o for o in options if name_key(o) not in seen)
        seen.add(name_key(candidate))
        out.append(candidate)
    return out
