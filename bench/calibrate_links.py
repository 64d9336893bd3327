"""Fit the linker's scoring models on FLORES-200 dev (Persian↔Arabic), check them on devtest, and
write align/data/calibration.json.

    .venv/bin/python bench/calibrate_links.py [--data ../shared/data] [--cache outputs/cache/embeddings.sqlite]

Embeddings are cached, so a second run takes seconds (the first embeds ~8,000 lines, ~6 min).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from align.calibrate import MODELS, fit_model, labelled_candidates
from align.embed import EmbeddingCache, load_embedder
from align.evaluate import evaluate_parallel, parallel_items
from align.link import LinkConfig, link_items
from align.pipeline import embed_items
from align.score import Calibration


def flores_items(data: Path, split: str, translations: bool):
    def lines(path: str) -> list[str]:
        return (data / "flores200" / path).read_text(encoding="utf-8").splitlines()

    return parallel_items(
        lines(f"fa-en/flores-{split}.fa"),
        "fa",
        lines(f"ar-en/flores-{split}.ar"),
        "ar",
        lines(f"fa-en/flores-{split}.google.en") if translations else None,
        lines(f"ar-en/flores-{split}.nllb.en") if translations else None,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--cache", type=Path, default=Path("outputs/cache/embeddings.sqlite"))
    parser.add_argument(
        "--out", type=Path, default=None, help="default align/data/calibration.json"
    )
    args = parser.parse_args()
    embedder, cache = load_embedder(), EmbeddingCache(args.cache)
    config = LinkConfig()
    models = {}
    for name, signals in MODELS.items():
        uses_translation = any(s.startswith("translation_") for s in signals)
        items = flores_items(args.data, "dev", uses_translation)
        source, english = embed_items(items, embedder, cache)
        candidates, labels, gold = labelled_candidates(items, source, english, config)
        models[name] = fit_model(name, signals, candidates, labels, gold)
        print(f"{name}: {len(labels)} candidates, {int(labels.sum())} true, {gold} lines")
    calibration = Calibration(
        models,
        provenance=(
            "bench/calibrate_links.py: logistic regression on candidate pairs of FLORES-200 dev "
            f"fa<->ar (English: Google from fa, NLLB from ar), embedder {embedder.name}; "
            "threshold = best F1 on dev"
        ),
    )
    if args.out:
        calibration.save(args.out)
    else:
        calibration.save()
    report = {}
    for name, signals in MODELS.items():
        uses_translation = any(s.startswith("translation_") for s in signals)
        items = flores_items(args.data, "test", uses_translation)
        source, english = embed_items(items, embedder, cache)
        model_config = LinkConfig(source_model=name) if not uses_translation else config
        table = link_items(items, source, english, calibration, model_config)
        report[name] = evaluate_parallel(table)
    print(json.dumps({"devtest": report}, indent=1))
    print(json.dumps({n: m.__dict__ for n, m in models.items()}, indent=1, default=list))


if __name__ == "__main__":
    main()
