"""Translation speed and memory at true NLLB-200-distilled-600M size, engine against engine.

The real weights cannot be downloaded here, so the model is randomly initialised from the real
architecture (../shared/data/nllb-config/). Speed depends on the architecture and on how many
tokens are generated, not on weight values: every setting is forced to generate exactly
--output-tokens tokens per sentence, on the same FLORES-200 devtest sentences (half Persian,
half Arabic). Each setting runs in its own process, so its peak resident memory is its own.

    .venv/bin/python bench/translate_speed.py [--sentences 32] [--output-tokens 48]

The tokenizer is a 32k BPE trained on FLORES-200 (the real NLLB SentencePiece model is not
available either); the mean input length it gives is printed with the results.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from mt.batch import length_sorted_batches  # noqa: E402
from mt.normalise import normalise_letters  # noqa: E402
from mt.translate import TranslationConfig  # noqa: E402


@dataclass(frozen=True)
class Setting:
    name: str
    engine: str  # transformers | ct2
    batch_size: int
    precision: str = "float32"  # transformers: float32 | bfloat16 | dynamic-int8; ct2: compute type
    threads: int = 2
    inter_threads: int = 1


SETTINGS = [
    Setting("(a) transformers float32, batch 1", "transformers", 1),
    Setting("(b) transformers float32, batch 16", "transformers", 16),
    Setting("(c) CTranslate2 int8, batch 16", "ct2", 16, "int8"),
    Setting("(d) CTranslate2 int8, batch 1", "ct2", 1, "int8"),
    Setting("(e) CTranslate2 int8, batch 16, 2 x 1 threads", "ct2", 16, "int8", 1, 2),
    Setting("(f) transformers dynamic int8, batch 16", "transformers", 16, "dynamic-int8"),
    Setting("(g) transformers bfloat16, batch 16", "transformers", 16, "bfloat16"),
]


def source_sentences(shared: Path, count: int) -> list[tuple[str, str]]:
    """(NLLB code, normalised sentence): the first count/2 devtest lines of each language."""
    half = count // 2
    fa = (shared / "data/flores200/fa-en/flores-test.fa").read_text("utf-8").splitlines()[:half]
    ar = (shared / "data/flores200/ar-en/flores-test.ar").read_text("utf-8").splitlines()[:half]
    return [("pes_Arab", normalise_letters(s, "fa")) for s in fa] + [
        ("arb_Arab", normalise_letters(s, "ar")) for s in ar
    ]


def prepare_models(shared: Path, work: Path) -> tuple[Path, Path]:
    """The random 600M model (transformers format) and its CTranslate2 int8 conversion, built
    once and reused."""
    from transformers import M2M100Config

    from mt.ct2 import convert_model
    from mt.random_nllb import save_random_nllb, train_nllb_tokenizer

    hf_dir, ct2_dir = work / "nllb-600M-random", work / "nllb-600M-random-ct2-int8"
    if not (hf_dir / "model.safetensors").is_file():
        texts = [
            line
            for name in ("fa-en/flores-dev.fa", "ar-en/flores-dev.ar", "fa-en/flores-dev.en")
            for line in (shared / "data/flores200" / name).read_text("utf-8").splitlines()
        ]
        tokenizer = train_nllb_tokenizer(texts, vocab_size=32000)
        config = M2M100Config.from_json_file(
            shared / "data/nllb-config/nllb-200-distilled-600M.config.json"
        )
        save_random_nllb(hf_dir, tokenizer, config)
    if not (ct2_dir / "model.bin").is_file():
        convert_model(str(hf_dir), ct2_dir, quantization="int8", force=True)
    return hf_dir, ct2_dir


def run_setting(
    setting: Setting, model_dir: Path, sentences: list[tuple[str, str]], output_tokens: int
) -> dict:
    """Runs in a child process: load, warm up, translate everything, report."""
    from mt.translate import load_engine

    config = TranslationConfig(
        model=str(model_dir),
        engine=setting.engine,
        device="cpu",
        batch_size=setting.batch_size,
        batch_tokens=1_000_000,
        threads=setting.threads,
        inter_threads=setting.inter_threads,
        ct2_compute_type=setting.precision if setting.engine == "ct2" else "auto",
        fixed_output_tokens=output_tokens,
    )
    started = time.perf_counter()
    engine = load_engine(config)
    if setting.engine == "transformers" and setting.precision != "float32":
        import torch

        if setting.precision == "bfloat16":
            engine.model = engine.model.to(torch.bfloat16)
        else:
            engine.model = torch.ao.quantization.quantize_dynamic(
                engine.model, {torch.nn.Linear}, dtype=torch.qint8
            )
    load_seconds = time.perf_counter() - started
    engine.translate([sentences[0][1]], sentences[0][0])  # warm-up, not timed

    batches = length_sorted_batches(sentences, engine.count_tokens, config)
    first_sentence = None
    started = time.perf_counter()
    for code, texts in batches:
        outputs = engine.translate(texts, code)
        assert len(outputs) == len(texts)
        if first_sentence is None:
            first_sentence = time.perf_counter() - started
    elapsed = time.perf_counter() - started
    generated = len(sentences) * output_tokens
    return {
        "load_seconds": round(load_seconds, 1),
        "seconds": round(elapsed, 2),
        "tokens_per_second": round(generated / elapsed, 1),
        "sentences_per_second": round(len(sentences) / elapsed, 3),
        "first_sentence_seconds": round(first_sentence or 0.0, 2),
        "peak_rss_mb": peak_rss_mb(),
        "mean_input_tokens": round(
            sum(engine.count_tokens(t) for _, t in sentences) / len(sentences), 1
        ),
    }


def peak_rss_mb() -> int:
    """This process's peak resident memory. (getrusage's ru_maxrss would also count the parent's
    peak, which Linux carries across fork and exec.)"""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024)
    raise RuntimeError("no VmHWM in /proc/self/status")


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return f"{os.cpu_count()} cores, {model}, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=PROJECT.parent / "shared")
    parser.add_argument("--work", type=Path, default=PROJECT / "outputs" / "bench")
    parser.add_argument("--sentences", type=int, default=32)
    parser.add_argument("--output-tokens", type=int, default=48)
    parser.add_argument("--only", help="run the settings whose name contains this text")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument(
        "--from-results",
        type=Path,
        help="print the tables from a saved run's JSON lines, no timing",
    )
    args = parser.parse_args()
    if args.from_results:
        lines = args.from_results.read_text("utf-8").splitlines()
        report([json.loads(line) for line in lines if line.startswith("{")], args)
        return
    sentences = source_sentences(args.shared, args.sentences)

    if args.child:  # one setting, in its own process
        setting = Setting(**json.loads(args.child))
        hf_dir, ct2_dir = args.work / "nllb-600M-random", args.work / "nllb-600M-random-ct2-int8"
        model_dir = ct2_dir if setting.engine == "ct2" else hf_dir
        print(json.dumps(run_setting(setting, model_dir, sentences, args.output_tokens)))
        return

    prepare_models(args.shared, args.work)
    results = []
    for setting in SETTINGS:
        if args.only and args.only not in setting.name:
            continue
        command = [sys.executable, __file__, "--child", json.dumps(asdict(setting))]
        command += ["--shared", str(args.shared), "--work", str(args.work)]
        command += ["--sentences", str(args.sentences), "--output-tokens", str(args.output_tokens)]
        child = subprocess.run(command, capture_output=True, text=True, check=True)
        result = {"setting": setting.name, **json.loads(child.stdout.strip().splitlines()[-1])}
        results.append(result)
        print(json.dumps(result), flush=True)

    report(results, args)


def report(results: list[dict], args: argparse.Namespace) -> None:
    baseline = next((r for r in results if r["setting"].startswith("(a)")), None)
    print(f"\nMachine: {machine()}; {args.sentences} sentences, {args.output_tokens} tokens each\n")
    print(
        "| setting | tokens/s | sentences/s | × (a) | first sentence (s) | peak RSS (MB) | load (s) |"
    )
    print("|---|---|---|---|---|---|---|")
    for r in results:
        ratio = f"{r['tokens_per_second'] / baseline['tokens_per_second']:.1f}" if baseline else "–"
        print(
            f"| {r['setting']} | {r['tokens_per_second']} | {r['sentences_per_second']} | {ratio} | "
            f"{r['first_sentence_seconds']} | {r['peak_rss_mb']} | {r['load_seconds']} |"
        )
    if results:
        print_projection(results, args.work / "nllb-600M-random", results[0]["mean_input_tokens"])


def seed_token_counts(model_dir: Path) -> list[int]:
    """Input tokens of every translatable sentence of the seeds, as the pipeline prepares them."""
    from tokenizers import Tokenizer

    from mt.batch import prepare_inputs

    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    documents, _ = prepare_inputs([PROJECT / "seeds"])
    return [
        len(tokenizer.encode(s.text, add_special_tokens=False).ids) + 2
        for d in documents
        for s in d.sentences
    ]


def print_projection(results: list[dict], model_dir: Path, mean_tokens: float) -> None:
    """Wall time at the measured rates, taking the English output to have as many tokens as the
    source."""
    seeds = seed_token_counts(model_dir)
    articles = 1000 * 25 * mean_tokens
    print(
        f"\nProjection: the 5 seeds = {len(seeds)} sentences, {sum(seeds)} tokens; 1,000 articles "
        f"of 25 sentences of {mean_tokens} tokens = {articles:,.0f} tokens.\n"
    )
    print("| setting | 5 seeds | 1,000 articles |")
    print("|---|---|---|")
    for r in results:
        rate = r["tokens_per_second"]
        print(f"| {r['setting']} | {sum(seeds) / rate:.0f} s | {articles / rate / 3600:.1f} h |")


if __name__ == "__main__":
    main()
