"""Reading article files: plain text, HTML and JSON lines, in the encodings news sites use."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

from mt.records import Article

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


class InputError(ValueError):
    """An input that cannot be turned into an article; the message names the reason."""


@dataclass(frozen=True)
class InputFailure:
    source: str
    reason: str


def expand_inputs(paths: Iterable[Path]) -> tuple[list[Path], list[InputFailure]]:
    """Files named directly are all kept (unsupported ones fail later, by name); folders are
    walked recursively for supported suffixes."""
    files: list[Path] = []
    failures: list[InputFailure] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                )
            )
        elif path.is_file():
            files.append(path)
        else:
            failures.append(InputFailure(str(path), "no such file or folder"))
    return files, failures


def decode_bytes(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 and legacy code pages such as Windows-1256."""
    if not data.strip():
        raise InputError("empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InputError("binary or undecodable content (not text in a known encoding)")
    text = str(best)
    if "\x00" in text:
        raise InputError("binary content (NUL characters after decoding)")
    return text


def read_lines(path: Path) -> list[str]:
    """The lines of a text file in any encoding decode_bytes() knows."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: unreadable ({error.strerror or error})") from error
    return decode_bytes(data).splitlines()


def read_file(path: Path) -> tuple[list[Article], list[InputFailure]]:
    """All articles in one file, and the reasons for what could not be read (the whole file,
    or single lines of a JSON-lines file: the good lines are still returned)."""
    try:
        return read_articles(path)
    except InputError as error:
        return [], [InputFailure(str(path), str(error))]


def read_articles(path: Path) -> tuple[list[Article], list[InputFailure]]:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(
            f"unsupported file type {suffix or '(none)'}; use .txt, .html, .htm or .jsonl"
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"unreadable: {error.strerror or error}") from error
    text = decode_bytes(data)
    if suffix in HTML_SUFFIXES:
        return [article_from_html(text, article_id=path.stem, source_file=str(path))], []
    if suffix in JSONL_SUFFIXES:
        return articles_from_jsonl(text, source_file=str(path))
    return [Article(id=path.stem, text=text, source_file=str(path))], []


def article_from_html(html: str, article_id: str, source_file: str) -> Article:
    # trafilatura imports slowly (~2 s); only HTML inputs pay for it.
    import trafilatura

    extracted = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    if extracted is None or not (extracted.text or "").strip():
        raise InputError("no article text found in the HTML page")
    return Article(
        id=article_id,
        text=extracted.text,
        source_file=source_file,
        title=extracted.title,
        url=extracted.url,
    )


def articles_from_jsonl(text: str, source_file: str) -> tuple[list[Article], list[InputFailure]]:
    articles: list[Article] = []
    failures: list[InputFailure] = []
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source_file}:{line_number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            failures.append(InputFailure(where, f"not valid JSON ({error.msg})"))
            continue
        if not isinstance(record, dict) or not record.get("id") or not record.get("text"):
            failures.append(InputFailure(where, "each line needs an object with 'id' and 'text'"))
            continue
        articles.append(
            Article(
                id=str(record["id"]),
                text=str(record["text"]),
                source_file=where,
                title=record.get("title"),
                url=record.get("url"),
                lang=record.get("lang"),
            )
        )
    if not articles and not failures:
        failures.append(InputFailure(source_file, "no articles in the file"))
    return articles, failures
