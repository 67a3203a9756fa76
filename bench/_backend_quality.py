"""Theme quality per embedding backend: the same ThemeModel on each backend's vectors.

Used by :mod:`bench.theme_quality`. Each backend embeds the labelled comments (cached per
backend under ``reports/.bench-cache``); ThemeModel is fitted on all of them with several
seeds, and scored with NMI and ARI of the theme against the human label on the single-label
comments, and a held-out multi-label F1 over (comment, code) pairs: each theme is mapped to the
human code it co-occurs with most on one random half and scored on the other half, halves
swapped, averaged over the seeds.
"""

from __future__ import annotations

import numpy as np
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from bench._common import CACHE
from passives_lib.embedding import EmbeddingCache, embed_texts
from passives_lib.themes import ThemeModel


def held_out_f1(assigned: np.ndarray, onehot: np.ndarray, seed: int) -> float:
    """Multi-label F1 of theme -> code maps learned on one half and scored on the other."""
    order = np.random.default_rng(seed).permutation(len(assigned))
    halves = (order[: len(order) // 2], order[len(order) // 2 :])
    scores = []
    for learn, score in (halves, halves[::-1]):
        mapping = {
            theme: int(onehot[learn][assigned[learn] == theme].sum(axis=0).argmax())
            for theme in np.unique(assigned[learn])
            if theme >= 0
        }
        predicted = [(i, mapping[assigned[i]]) for i in score if assigned[i] in mapping]
        hits = sum(int(onehot[i, code]) for i, code in predicted)
        truth = int(onehot[score].sum())
        precision, recall = hits / max(len(predicted), 1), hits / max(truth, 1)
        scores.append(2 * precision * recall / max(precision + recall, 1e-12))
    return float(np.mean(scores))


def backend_encoders() -> dict[str, object]:
    """torch float32 (the reference), torch-bf16 where the CPU has it, onnx-int8."""
    from passives_lib.embedding._backend import choose_backend
    from passives_lib.embedding._encoders import cpu_has_bf16

    names = ["torch"] + (["torch-bf16"] if cpu_has_bf16() else []) + ["onnx-int8"]
    return {name: choose_backend(name).encoder for name in names}


def backend_quality(texts: list[str], onehot: np.ndarray, seeds: list[int]) -> None:
    """Print NMI, ARI and held-out F1 of each backend, and the gap to torch float32."""
    from passives_lib.embedding._backend import cache_name

    single = onehot.sum(axis=1) == 1
    truth = onehot[single].argmax(axis=1)
    print(f"\nper backend: ThemeModel on all {len(texts)} comments, seeds {seeds}")
    print(f"{'backend':<12}{'NMI':>7}{'ARI':>7}{'F1':>7}{'dNMI':>8}{'dF1':>8}")
    reference: dict[str, float] = {}
    for name, encoder in backend_encoders().items():
        if getattr(encoder, "name", name) != name:
            print(f"{name:<12} not available here ({encoder.name} instead)")
            continue
        vectors, _ = embed_texts(texts, encoder, EmbeddingCache(CACHE, cache_name(encoder)), False)
        runs = []
        for seed in seeds:
            assigned = ThemeModel(random_state=seed).fit(texts, embeddings=vectors).labels_
            runs.append(
                (
                    normalized_mutual_info_score(truth, assigned[single]),
                    adjusted_rand_score(truth, assigned[single]),
                    held_out_f1(assigned, onehot, seed),
                )
            )
        nmi, ari, f1 = np.mean(runs, axis=0)
        reference = reference or {"NMI": nmi, "F1": f1}
        print(
            f"{name:<12}{nmi:>7.3f}{ari:>7.3f}{f1:>7.3f}"
            f"{nmi - reference['NMI']:>+8.3f}{f1 - reference['F1']:>+8.3f}",
            flush=True,
        )
    print("target: every backend within 0.01 of torch on NMI and F1")
