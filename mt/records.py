"""Typed records that flow through the pipeline and the JSON form other tools rely on."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# NLLB-200 language codes of the languages the workbench translates from, and into.
NLLB_CODES = {"fa": "pes_Arab", "ar": "arb_Arab"}
TARGET_CODE = "eng_Latn"


@dataclass(frozen=True)
class Article:
    """One article as read from an input file, before any cleaning."""

    id: str
    text: str
    source_file: str
    title: str | None = None
    url: str | None = None
    lang: str | None = None  # declared by the input (jsonl `lang`), trusted over detection


@dataclass
class Sentence:
    index: int
    text: str  # normalised source sentence
    paragraph: int
    lang: str  # "fa", "ar", or "other" (not translated)
    translation: str | None = None
    pieces: int = 1  # >1 when the sentence was too long for NLLB and translated in parts


@dataclass
class Document:
    id: str
    title: str
    lang: str
    nllb_code: str
    source_file: str
    sentences: list[Sentence]
    dropped: list[str] = field(default_factory=list)
    model: str | None = None
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "lang": self.lang,
            "nllb_code": self.nllb_code,
            "source_file": self.source_file,
            "url": self.url,
            "model": self.model,
            "sentences": [asdict(s) for s in self.sentences],
            "dropped": list(self.dropped),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        return cls(
            id=data["id"],
            title=data["title"],
            lang=data["lang"],
            nllb_code=data["nllb_code"],
            source_file=data["source_file"],
            url=data.get("url"),
            model=data.get("model"),
            sentences=[Sentence(**s) for s in data["sentences"]],
            dropped=list(data.get("dropped", [])),
        )
