"""Reading and writing `DIR/docs/<id>.json`, the format the other tools and reviewers rely on."""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from mt.records import Document

DOCS_FOLDER = "docs"
_UNSAFE = re.compile(r"[^\w.\-]+")


def safe_id(document_id: str) -> str:
    """A document id usable as a file name on every system (jsonl ids can hold anything)."""
    cleaned = _UNSAFE.sub("_", document_id).strip("._")
    return cleaned or "document"


def write_atomic(path: Path, text: str) -> None:
    """Write to a temporary file beside `path`, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def document_path(out_dir: Path, document_id: str) -> Path:
    return out_dir / DOCS_FOLDER / f"{document_id}.json"


def write_document(out_dir: Path, document: Document) -> Path:
    path = document_path(out_dir, document.id)
    write_atomic(path, json.dumps(document.to_dict(), ensure_ascii=False, indent=1) + "\n")
    return path


def load_documents(out_dir: Path) -> list[Document]:
    """All documents of an output folder, in id order."""
    folder = out_dir / DOCS_FOLDER
    if not folder.is_dir():
        raise FileNotFoundError(
            f"{folder} does not exist: run `workbench translate INPUT... --out {out_dir}` first"
        )
    return [
        Document.from_dict(json.loads(path.read_text(encoding="utf-8")))
        for path in sorted(folder.glob("*.json"))
    ]
