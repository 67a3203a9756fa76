"""Benchmark: theme quality against human labels (NHS Friends and Family Test comments).

Run with ``.venv/bin/python -m bench.theme_quality`` (or ``make bench``). Prints, for our
ThemeModel and for plain BERTopic defaults (UMAP seed fixed) on the same all-MiniLM-L6-v2
embeddings: number of themes, share of comments assigned to a theme, NMI and ARI against the
human labels on the single-label comments, and two multi-label scores over all labelled
comments:

- fractional NMI: a comment with k human labels adds 1/k to each (theme, label) cell of the
  contingency table (equal to NMI when every comment has one label);
- any-label accuracy: each theme is named after the human label most often among its members;
  a comment counts as right when that label is one of its labels (outliers count as wrong).

Targets: at most 30 themes, at least 95% assigned, NMI at least plain BERTopic's, ARI >= 0.10.

Then, per embedding backend (torch, torch-bf16 where the CPU has it, onnx-int8; see
:mod:`bench._backend_quality`): NMI, ARI and held-out multi-label F1 of ThemeModel over
``--backend-seeds`` seeds, and the gap to torch float32 (target: within 0.01).
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from bench._backend_quality import backend_quality
from bench._common import CACHE, shared_file
from passives_lib.embedding import EmbeddingCache, embed_texts
from passives_lib.embedding._embed import DEFAULT_MODEL_NAME, DefaultModel
from passives_lib.themes import ThemeModel, is_non_answer

DATA = "nhs_fft_themes/v6framework_230831.csv"


def load_labelled() -> tuple[list[str], np.ndarray, list[str]]:
    """Comments with real text and their one-hot human theme labels."""
    frame = pd.read_csv(shared_file(DATA))
    columns = list(frame.columns)
    labels = columns[columns.index("Comment sentiment") + 1 :]
    text = frame["FFT answer"].fillna("").astype(str).str.strip()
    onehot = frame[labels].fillna(0).astype(int).to_numpy()
    keep = (
        (text != "")
        & (text.str.lower() != "did not answer")
        & (frame["Not assigned"].fillna(0).astype(int) == 0)
        & ~is_non_answer(text)
    )
    return text[keep].tolist(), onehot[keep.to_numpy()], labels


def fractional_nmi(assigned: np.ndarray, onehot: np.ndarray) -> float:
    """NMI over a contingency table where a k-label comment adds 1/k to each of its cells."""
    themes = np.unique(assigned)
    table = np.zeros((len(themes), onehot.shape[1]))
    weights = onehot / onehot.sum(axis=1, keepdims=True)
    for row, theme in enumerate(themes):
        table[row] = weights[assigned == theme].sum(axis=0)
    table = table[:, table.sum(axis=0) > 0]
    joint = table / table.sum()
    rows, cols = joint.sum(axis=1, keepdims=True), joint.sum(axis=0, keepdims=True)
    nonzero = joint > 0
    mutual = (joint[nonzero] * np.log(joint[nonzero] / (rows @ cols)[nonzero])).sum()

    def entropy(p: np.ndarray) -> float:
        p = p[p > 0]
        return float(-(p * np.log(p)).sum())

    mean_entropy = (entropy(rows.ravel()) + entropy(cols.ravel())) / 2
    return float(mutual / mean_entropy) if mean_entropy > 0 else 0.0


def any_label_accuracy(assigned: np.ndarray, onehot: np.ndarray) -> float:
    """Share of comments whose theme's majority human label is one of their own labels."""
    hits = 0
    for theme in np.unique(assigned):
        if theme < 0:
            continue
        members = onehot[assigned == theme]
        hits += members[:, members.sum(axis=0).argmax()].sum()
    return hits / len(assigned)


def scores(assigned: np.ndarray, onehot: np.ndarray) -> dict[str, float]:
    """The printed figures for one labelling."""
    single = onehot.sum(axis=1) == 1
    truth, found = onehot[single].argmax(axis=1), assigned[single]
    return {
        "themes": len(set(assigned.tolist()) - {-1}),
        "assigned": float((found >= 0).mean()),
        "NMI": normalized_mutual_info_score(truth, found),
        "ARI": adjusted_rand_score(truth, found),
        "fNMI_all": fractional_nmi(assigned, onehot),
        "any_label_all": any_label_accuracy(assigned, onehot),
    }


def plain_bertopic(texts: list[str], vectors: np.ndarray, seed: int) -> np.ndarray:
    """BERTopic with its defaults, UMAP seeded as BERTopic's own default UMAP but fixed."""
    from bertopic import BERTopic
    from umap import UMAP

    umap = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=seed)
    topics, _ = BERTopic(umap_model=umap).fit_transform(texts, vectors)
    return np.asarray(topics)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="theme quality against human labels")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--backend-seeds", type=int, default=3, help="seeds per backend")
    parser.add_argument("--backends-only", action="store_true", help="only the per-backend part")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    texts, onehot, labels = load_labelled()
    seeds = [args.seed + i for i in range(args.backend_seeds)]
    if args.backends_only:
        backend_quality(texts, onehot, seeds)
        return 0
    single = onehot.sum(axis=1) == 1
    started = time.perf_counter()
    vectors, embedded = embed_texts(
        texts, DefaultModel(), EmbeddingCache(CACHE, DEFAULT_MODEL_NAME), False
    )
    print(
        f"{len(texts)} labelled comments ({int(single.sum())} single-label, "
        f"{len(labels)} human labels); embedded {embedded} new in "
        f"{time.perf_counter() - started:.1f} s"
    )
    header = (
        f"{'fitted on':<14}{'model':<18}{'themes':>7}{'assigned':>9}{'NMI':>7}{'ARI':>7}"
        f"{'fNMI*':>7}{'any*':>7}{'fit s':>7}"
    )
    print(header)
    print("-" * len(header))
    results = {}
    for setting, mask in (("single-label", single), ("all", np.ones(len(texts), bool))):
        subset = [t for t, keep in zip(texts, mask, strict=True) if keep]
        for name in ("plain BERTopic", "ThemeModel"):
            started = time.perf_counter()
            if name == "plain BERTopic":
                assigned = plain_bertopic(subset, vectors[mask], args.seed)
            else:
                model = ThemeModel(random_state=args.seed)
                assigned = model.fit(subset, embeddings=vectors[mask]).labels_
            elapsed = time.perf_counter() - started
            result = scores(assigned, onehot[mask])
            results[(setting, name)] = result
            print(
                f"{setting:<14}{name:<18}{result['themes']:>7}{result['assigned']:>9.3f}"
                f"{result['NMI']:>7.3f}{result['ARI']:>7.3f}{result['fNMI_all']:>7.3f}"
                f"{result['any_label_all']:>7.3f}{elapsed:>7.1f}",
                flush=True,
            )
    print(
        "assigned, NMI, ARI: single-label comments; fNMI*, any*: every comment fitted "
        "(fractional NMI, any-label accuracy)."
    )
    ours, plain = (
        results[("single-label", "ThemeModel")],
        results[("single-label", "plain BERTopic")],
    )
    met = (
        ours["themes"] <= 30
        and ours["assigned"] >= 0.95
        and ours["NMI"] >= plain["NMI"]
        and ours["ARI"] >= 0.10
    )
    print(
        "targets (<=30 themes, >=95% assigned, NMI >= plain, ARI >= 0.10):",
        "met" if met else "NOT met",
    )
    backend_quality(texts, onehot, seeds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
