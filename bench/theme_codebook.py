"""Benchmark: an analyst's codebook on every shared data set, old rule and new side by side.

Run with ``.venv/bin/python -m bench.theme_codebook [--sets fft,clothing,garden]``.

Each set gets a small codebook written from its subjects (names and example phrases of our
own, none copied from the data; the NHS themes after the codes of its framework), fitted on
the whole set with ``random_state=1`` and the shared embedding cache, two ways:

- ``opinions``: every codebook theme is a known theme that takes single opinions, as themes
  seen in an earlier week do (its nearest opinions of its polarity group at
  ``anchor_similarity``, 0.30): how a seeded codebook anchored a run before;
- ``clusters``: a codebook theme no run has matched takes the run's clusters that stand out
  towards it (:func:`passives_lib.themes._anchors.standout_clusters`).

Per codebook theme: the share of the comments that carry it (any of their themes), the share
of its opinions that use a word of its examples (light stems, :func:`name_stems`; a theme
that gathers what came nearest scores low), and on the NHS comments the precision and recall
of "carries the theme" against the human code it stands for. Then, per way, the theme count
and the largest theme's share, and on the NHS set the held-out multi-label F1.
"""

from __future__ import annotations

import argparse
import sys
import warnings

import numpy as np
import pandas as pd

from bench._multilabel import held_out_scores
from bench.theme_targets import load, model
from passives_lib.config import CodebookTheme
from passives_lib.pipeline._codebook_run import codebook_anchors
from passives_lib.themes import ThemeModel, name_stems

# name -> (example phrases, the NHS code it stands for or None)
CODEBOOKS: dict[str, dict[str, tuple[tuple[str, ...], str | None]]] = {
    "fft": {
        "long wait for care": (
            ("waited hours to be seen", "the ambulance took far too long to arrive"),
            "Timeliness of care",
        ),
        "could not get through on the phone": (
            ("nobody answered the phone", "could not get through to book"),
            "Contacting services",
        ),
        "kind and caring staff": (
            ("the staff were kind and caring", "friendly and polite nurses"),
            "Staff manner & personal attributes",
        ),
        "rude staff": (
            ("the receptionist was rude", "staff were dismissive and unhelpful"),
            "Staff manner & personal attributes",
        ),
        "food could be better": (
            ("the food was cold", "more choice of meals"),
            "Food & drink provision & facilities",
        ),
        "parking is difficult": (
            ("could not find a parking space", "parking is too expensive"),
            "Parking",
        ),
    },
    "clothing": {
        "runs small": (("runs small", "had to size up"), None),
        "fabric feels cheap": (("the fabric feels cheap", "material is thin"), None),
        "love the colour": (("beautiful colour", "love the color"), None),
        "zipper broke": (("the zipper broke", "zip is hard to close"), None),
    },
    "garden": {
        "prix trop élevés": (
            ("les prix sont trop élevés", "trop cher", "tarifs élevés", "vos produits sont chers"),
            None,
        ),
        "attente aux caisses": (
            ("trop d'attente en caisse", "pas assez de caisses ouvertes"),
            None,
        ),
        "manque de choix": (("pas assez de choix", "manque de choix de plantes"), None),
        "personnel aimable": (("personnel très aimable", "vendeurs souriants et serviables"), None),
    },
}
WAYS = ("opinions", "clusters")


def fitted(
    texts: list[str], book: dict, seen: bool, theme_model: ThemeModel | None = None
) -> ThemeModel:
    """The set fitted with its codebook as anchors; ``seen`` gives the old rule.

    ``theme_model`` is the bench's (``random_state=1``, the shared cache) when omitted.
    """
    theme_model = theme_model or model(1)
    entries = tuple(CodebookTheme(name, examples) for name, (examples, _) in book.items())
    anchors = codebook_anchors(theme_model, entries)
    anchors["seen"] = seen
    return theme_model.fit(texts, anchors=anchors)


def theme_rows(
    fit: ThemeModel, book: dict, codes: np.ndarray | None, columns: list[str]
) -> list[dict[str, object]]:
    """One row per codebook theme: share, word support and, with codes, precision and recall.

    ``codes`` are one-hot human codes per comment, ``columns`` their names.
    """
    known = fit.themes_.dropna(subset=["anchor_id"]).set_index("anchor_id")["theme_id"]
    opinions = fit.opinions_.drop_duplicates(["row", "opinion"])
    rows = []
    for position, (name, (examples, code)) in enumerate(book.items()):
        theme = known.get(position + 1)
        carries = np.array([theme is not None and theme in set(s) for s in fit.theme_sets_])
        stems = frozenset().union(*(name_stems(e) for e in examples))
        own = opinions.loc[opinions["theme_id"] == theme, "opinion"] if theme is not None else []
        support = np.mean([bool(stems & name_stems(t)) for t in own]) if len(own) else np.nan
        row = {"theme": name, "share": carries.mean(), "uses_words": support}
        if codes is not None and code is not None:
            truth = codes[:, columns.index(code)] > 0
            row["precision"] = truth[carries].mean() if carries.any() else np.nan
            row["recall"] = carries[truth].mean() if truth.any() else np.nan
        rows.append(row)
    return rows


def code_columns() -> list[str]:
    """The NHS code columns, in the order ``load("fft")`` gives them."""
    from bench._common import labelled_fft

    return list(labelled_fft()[3])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="a codebook on every shared set, two rules")
    parser.add_argument("--sets", default="fft,clothing,garden")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    for name in args.sets.split(","):
        texts, _, _, codes = load(name)
        book = CODEBOOKS[name]
        columns = code_columns() if codes is not None else []
        print(f"== {name}: {len(texts)} comments, codebook of {len(book)} themes")
        table, summary = [], []
        for way in WAYS:
            fit = fitted(texts, book, seen=way == "opinions")
            for row in theme_rows(fit, book, codes, columns):
                table.append({"way": way, **row})
            real = fit.labels_ >= 0
            sizes = np.bincount(fit.labels_[real], minlength=max(fit.n_themes_, 1))
            line = {"way": way, "themes": fit.n_themes_, "largest": sizes.max() / real.sum()}
            if codes is not None:
                line["f1"] = held_out_scores(fit.theme_sets_, codes)["f1"]
            summary.append(line)
        frame = pd.DataFrame(table).pivot(index="theme", columns="way").swaplevel(axis=1)
        frame = frame.sort_index(axis=1).reindex(list(book))
        print(frame.to_string(float_format=lambda v: f"{v:.3f}"))
        print(pd.DataFrame(summary).to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
