"""Fit the linker's scoring models on FLORES-200 dev (Persian↔Arabic), check them on devtest, and
write align/data/calibration.json.

    .venv/bin/python bench/calibrate_links.py [--data ../shared/data] [--cache outputs/cache/embeddings.sqlite]

Embeddings are cached, so a second run takes seconds (the first embeds ~8,000 lines, ~6 min).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from align.calibrate import ABLATION, MODELS, fit_model, labelled_candidates
from align.embed import EmbeddingCache, load_embedder
from align.evaluate import evaluate_parallel, parallel_items
from align.link import LinkConfig, link_items
from align.pipeline import embed_items
from align.score import SAME_LANGUAGE_MODEL, TRANSLATION_MODEL, Calibration


def flores_items(data: Path, split: str, model: str):
    def lines(path: str) -> list[str]:
        return (data / "flores200" / path).read_text(encoding="utf-8").splitlines()

    if model == SAME_LANGUAGE_MODEL:
        google, nllb = f"fa-en/flores-{split}.google.en", f"ar-en/flores-{split}.nllb.en"
        return parallel_items(lines(google), "en", lines(nllb), "en")
    translations = model == TRANSLATION_MODEL
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
        items = flores_items(args.data, "dev", name)
        source, english = embed_items(items, embedder, cache)
        if name == SAME_LANGUAGE_MODEL:
            english = None  # the English texts are the sources here
        candidates, labels, gold = labelled_candidates(items, source, english, config)
        models[name] = fit_model(name, signals, candidates, labels, gold)
        print(f"{name}: {len(labels)} candidates, {int(labels.sum())} true, {gold} lines")
    calibration = Calibration(
        models,
        provenance=(
            "bench/calibrate_links.py: logistic regression on candidate pairs of FLORES-200 dev "
            "fa<->ar (English: Google from fa, NLLB from ar; same language: those two English "
            f"translations against each other), embedder {embedder.name}; "
            "threshold = best F1 on dev"
        ),
    )
    if args.out:
        calibration.save(args.out)
    else:
        calibration.save()
    report = {}
    for name in MODELS:
        items = flores_items(args.data, "test", name)
        source, english = embed_items(items, embedder, cache)
        if name == SAME_LANGUAGE_MODEL:
            english = None
        model_config = LinkConfig(source_model=name) if name in ABLATION else config
        table = link_items(items, source, english, calibration, model_config)
        report[name] = evaluate_parallel(table)
    print(json.dumps({"devtest": report}, indent=1))


if __name__ == "__main__":
    main()
