"""The batch translate job: input files in, one JSON document per article out."""

from __future__ import annotations

import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from mt.cache import TranslationCache
from mt.docstore import safe_id, write_document
from mt.ingest import InputFailure, expand_inputs, read_file
from mt.normalise import normalise
from mt.prepare import UnsupportedDocument, prepare_document
from mt.records import NLLB_CODES, Document, Sentence
from mt.segment import split_long
from mt.translate import (
    ModelUnavailableError,
    TranslationConfig,
    TranslationEngine,
    load_engine,
)

CACHE_FILE = "translations.sqlite"


@dataclass
class BatchReport:
    written: list[Path] = field(default_factory=list)
    failures: list[InputFailure] = field(default_factory=list)
    sentences: int = 0
    translated: int = 0  # sentences translated in this run
    from_cache: int = 0  # sentences whose every piece came from the cache
    not_translated: int = 0  # sentences in a language the workbench does not translate
    model_error: str | None = None


def prepare_inputs(inputs: Iterable[Path]) -> tuple[list[Document], list[InputFailure]]:
    """Read, clean and split every input; one failure per bad file, line or article."""
    files, failures = expand_inputs(inputs)
    documents: list[Document] = []
    seen: dict[str, str] = {}
    for path in files:
        articles, file_failures = read_file(path)
        failures.extend(file_failures)
        for article in articles:
            try:
                document = prepare_document(article)
            except UnsupportedDocument as error:
                failures.append(InputFailure(article.source_file, str(error)))
                continue
            document.id = safe_id(document.id)
            if document.id in seen:
                failures.append(
                    InputFailure(
                        article.source_file,
                        f"duplicate document id {document.id!r} (already used by {seen[document.id]})",
                    )
                )
                continue
            seen[document.id] = article.source_file
            documents.append(document)
    return documents, failures


@dataclass(frozen=True)
class _PieceRef:
    document: int
    sentence: int
    piece: int


class _Assembly:
    """Tracks which pieces each sentence still waits for, and builds translations."""

    def __init__(self, documents: list[Document], engine: TranslationEngine, max_tokens: int):
        self.documents = documents
        self.pieces: dict[tuple[int, int], list[str | None]] = {}
        self.refs: dict[tuple[str, str], list[_PieceRef]] = defaultdict(list)
        for d, document in enumerate(documents):
            for sentence in document.sentences:
                code = NLLB_CODES.get(sentence.lang)
                if code is None:
                    continue
                texts = split_long(sentence.text, max_tokens, engine.count_tokens)
                sentence.pieces = len(texts)
                self.pieces[(d, sentence.index)] = [None] * len(texts)
                for p, text in enumerate(texts):
                    self.refs[(code, text)].append(_PieceRef(d, sentence.index, p))
        per_document = Counter(d for d, _ in self.pieces)
        self.waiting = {d: per_document[d] for d in range(len(documents))}

    def fill(
        self, code: str, text: str, translation: str
    ) -> tuple[list[tuple[int, int]], list[int]]:
        """Record one piece's translation; return the sentences and documents it completed."""
        done_sentences, done_documents = [], []
        for ref in self.refs[(code, text)]:
            slots = self.pieces[(ref.document, ref.sentence)]
            if slots[ref.piece] is not None:
                continue
            slots[ref.piece] = translation
            if all(slot is not None for slot in slots):
                sentence = self.documents[ref.document].sentences[ref.sentence]
                sentence.translation = " ".join(s for s in slots if s)  # type: ignore[misc]
                done_sentences.append((ref.document, ref.sentence))
                self.waiting[ref.document] -= 1
                if self.waiting[ref.document] == 0:
                    done_documents.append(ref.document)
        return done_sentences, done_documents


def length_sorted_batches(
    items: list[tuple[str, str]], count_tokens: Callable[[str], int], config: TranslationConfig
) -> list[tuple[str, list[str]]]:
    """Group (language code, text) items into one-language batches of similar length: sorting
    keeps padding (wasted compute) low. A batch holds at most `batch_size` texts and at most
    `batch_tokens` tokens once padded to its longest text."""
    lengths = {item: count_tokens(item[1]) for item in items}
    batches: list[tuple[str, list[str]]] = []
    longest = 0
    for code, text in sorted(items, key=lambda item: (item[0], lengths[item])):
        length = lengths[(code, text)]
        current = batches[-1] if batches else None
        if (
            current is not None
            and current[0] == code
            and len(current[1]) < config.batch_size
            and (len(current[1]) + 1) * max(longest, length) <= config.batch_tokens
        ):
            current[1].append(text)
            longest = max(longest, length)
        else:
            batches.append((code, [text]))
            longest = length
    return batches


def translate_documents(
    documents: list[Document],
    engine: TranslationEngine,
    cache: TranslationCache,
    config: TranslationConfig,
    on_document_done: Callable[[Document], None],
    show_progress: bool = True,
) -> tuple[int, int]:
    """Translate every translatable sentence, longest-first batches of similar length per
    language. Each batch is committed to the cache before the next starts, and each document
    is handed to `on_document_done` as soon as its last sentence is translated.
    Returns (sentences translated now, sentences wholly from the cache)."""
    assembly = _Assembly(documents, engine, config.max_input_tokens)
    by_code: dict[str, list[str]] = defaultdict(list)
    for code, text in assembly.refs:
        by_code[code].append(text)

    pending: list[tuple[str, str]] = []
    completed_sentences: set[tuple[int, int]] = set()
    for code, texts in by_code.items():
        cached = cache.get_many(engine.signature, code, texts)
        for text in texts:
            if text in cached:
                completed_sentences.update(assembly.fill(code, text, cached[text])[0])
            else:
                pending.append((code, text))
    from_cache = len(completed_sentences)
    for d, remaining in assembly.waiting.items():
        if remaining == 0:
            on_document_done(documents[d])

    batches = length_sorted_batches(pending, engine.count_tokens, config)

    total = len(assembly.pieces) - from_cache
    translated_now = 0
    with tqdm(total=total, unit="sentence", desc="translating", disable=not show_progress) as bar:
        for code, texts in batches:
            translations = engine.translate(texts, code)
            cache.put_many(engine.signature, code, zip(texts, translations, strict=True))
            for text, translation in zip(texts, translations, strict=True):
                done_sentences, done_documents = assembly.fill(code, text, translation)
                translated_now += len(done_sentences)
                bar.update(len(done_sentences))
                for d in done_documents:
                    on_document_done(documents[d])
    return translated_now, from_cache


def translate_inputs(
    inputs: Iterable[Path],
    out_dir: Path,
    config: TranslationConfig,
    show_progress: bool = True,
    engine_loader: Callable[[TranslationConfig], TranslationEngine] = load_engine,
) -> BatchReport:
    report = BatchReport()
    documents, report.failures = prepare_inputs(inputs)
    report.sentences = sum(len(d.sentences) for d in documents)
    report.not_translated = sum(
        1 for d in documents for s in d.sentences if s.lang not in NLLB_CODES
    )
    if not documents:
        return report

    try:
        engine = engine_loader(config)
    except ModelUnavailableError as error:
        # Say so, and still write what needs no model: cleaned, split, normalised sources.
        report.model_error = str(error)
        report.written = [write_document(out_dir, document) for document in documents]
        return report

    def finish(document: Document) -> None:
        document.model = config.model
        report.written.append(write_document(out_dir, document))

    cache = TranslationCache(out_dir / CACHE_FILE)
    try:
        report.translated, report.from_cache = translate_documents(
            documents, engine, cache, config, finish, show_progress
        )
    finally:
        cache.close()
    return report


def translate_lines(
    lines: list[str],
    lang: str,
    engine: TranslationEngine,
    config: TranslationConfig,
    show_progress: bool = True,
) -> list[str]:
    """One English line per source line (each line one sentence, as in FLORES), through the
    same normalisation, long-sentence splitting and batching as documents. Empty lines stay
    empty."""
    sentences = []
    for index, line in enumerate(lines):
        text = normalise(line, lang)
        sentences.append(Sentence(index, text, 0, lang if text else "other"))
    document = Document("lines", "", lang, NLLB_CODES[lang], "", sentences)
    with tempfile.TemporaryDirectory() as folder:
        cache = TranslationCache(Path(folder) / CACHE_FILE)
        try:
            translate_documents([document], engine, cache, config, lambda _: None, show_progress)
        finally:
            cache.close()
    return [sentence.translation or "" for sentence in document.sentences]
