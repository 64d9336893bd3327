"""The seeds' hand-labelled pairs (tests/data/seed_links.tsv): recall@5 and the precision of
emitted cross-language links, for each scoring model, one idea added at a time.

    .venv/bin/workbench translate seeds --out outputs/seeds   # exit 2 without the model is fine
    .venv/bin/python bench/link_seeds.py [--dir outputs/seeds]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from align.calibrate import ABLATION
from align.embed import EmbeddingCache, load_embedder
from align.evaluate import evaluate_gold_pairs, read_gold_pairs
from align.link import LinkConfig, collect_items, link_items
from align.pipeline import EMBEDDING_CACHE, embed_items
from align.score import TRANSLATION_MODEL, Calibration
from mt.docstore import load_documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=Path("outputs/seeds"))
    parser.add_argument("--gold", type=Path, default=Path("tests/data/seed_links.tsv"))
    args = parser.parse_args()
    documents = load_documents(args.dir)
    gold = read_gold_pairs(args.gold)
    calibration = Calibration.load()
    items, _ = collect_items(documents, LinkConfig())
    source, english = embed_items(
        items, load_embedder(), EmbeddingCache(args.dir / EMBEDDING_CACHE)
    )
    rows = {}
    for name in (*ABLATION, TRANSLATION_MODEL):
        if name == TRANSLATION_MODEL and english is None:
            continue  # the documents have no translations
        config = LinkConfig(source_model=name) if name in ABLATION else LinkConfig()
        table = link_items(items, source, english, calibration, config)
        rows[name] = evaluate_gold_pairs(table, gold)
    print(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
