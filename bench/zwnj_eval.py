"""Measure ZWNJ restoration on FLORES-200 Persian devtest, and (re)build the lexicon.

The lexicon is learned from NTREX-128 Persian and FLORES-200 dev; devtest is held out. Every
ZWNJ is stripped from each devtest sentence, restored, and the restored positions are compared
with the original ones.

    .venv/bin/python bench/zwnj_eval.py [--write-lexicon] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from mt.normalise import normalise_letters
from mt.zwnj import (
    DEFAULT_LEXICON,
    ZWNJ,
    ZwnjLexicon,
    learn_lexicon,
    load_lexicon,
    restore_zwnj,
    save_lexicon,
    zwnj_positions,
)


def training_lines(shared: Path) -> list[str]:
    files = [
        shared / "data/ntrex/newstest2019-ref.fas.txt",
        shared / "data/flores200/fa-en/flores-dev.fa",
    ]
    return [
        normalise_letters(line, "fa") for f in files for line in f.read_text("utf-8").splitlines()
    ]


def evaluate(lines: list[str], lexicon: ZwnjLexicon) -> dict[str, float | int]:
    gold_total = predicted_total = correct = 0
    exact = 0
    for line in lines:
        gold = normalise_letters(line, "fa")
        restored = restore_zwnj(gold.replace(ZWNJ, ""), lexicon)
        gold_positions, predicted = zwnj_positions(gold), zwnj_positions(restored)
        gold_total += len(gold_positions)
        predicted_total += len(predicted)
        correct += len(gold_positions & predicted)
        exact += restored == gold
    precision = correct / predicted_total if predicted_total else 0.0
    recall = correct / gold_total if gold_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "sentences": len(lines),
        "gold_zwnj": gold_total,
        "restored_zwnj": predicted_total,
        "correct": correct,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "sentences_exactly_restored": exact,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared"
    )
    parser.add_argument("--write-lexicon", action="store_true", help=f"rebuild {DEFAULT_LEXICON}")
    args = parser.parse_args()
    if args.write_lexicon:
        save_lexicon(learn_lexicon(training_lines(args.shared)), DEFAULT_LEXICON)
    devtest = (args.shared / "data/flores200/fa-en/flores-test.fa").read_text("utf-8").splitlines()
    results = {
        "lexicon + affix rules": evaluate(devtest, load_lexicon()),
        "affix rules only (empty lexicon)": evaluate(devtest, ZwnjLexicon()),
    }
    print(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
