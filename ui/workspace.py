"""What the review page shows, read from an output folder: documents, their matches, clusters,
and the reviewers' stored decisions. Plain records, no Gradio."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from align.pipeline import CLUSTERS_FILE, LINKS_FILE
from mt.docstore import load_documents
from mt.records import Document
from ui.store import ReviewStore, link_subject, sentence_subject


@dataclass(frozen=True)
class Match:
    """One of a sentence's top-k matches, as the linker wrote it."""

    doc: str
    index: int
    score: float
    rank: int
    linked: bool
    signals: dict[str, Any]


@dataclass(frozen=True)
class DocumentSummary:
    id: str
    title: str
    lang: str
    sentences: int
    translated: int
    decided_links: int
    links: int
    reviewed: bool

    @property
    def status(self) -> str:
        return "reviewed" if self.reviewed else "in progress" if self.decided_links else "new"


class Workspace:
    """An output folder opened for review; `reload()` after the folder changes."""

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir
        self.store = ReviewStore.for_folder(out_dir)
        self.reload()

    def reload(self) -> None:
        self.documents: dict[str, Document] = {d.id: d for d in load_documents(self.out_dir)}
        self.matches: dict[tuple[str, int], list[Match]] = {}
        links_path = self.out_dir / LINKS_FILE
        if links_path.exists():
            for line in links_path.read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                source, target = record["source"], record["target"]
                self.matches.setdefault((source["doc"], source["index"]), []).append(
                    Match(
                        target["doc"],
                        target["index"],
                        record["score"],
                        record["rank"],
                        record.get("linked", False),
                        record["signals"],
                    )
                )
        for matches in self.matches.values():
            matches.sort(key=lambda m: m.rank)
        clusters_path = self.out_dir / CLUSTERS_FILE
        self.clusters = (
            json.loads(clusters_path.read_text(encoding="utf-8")) if clusters_path.exists() else []
        )
        self.linked = links_path.exists()

    def sentence_matches(self, doc: str, index: int) -> list[Match]:
        return [m for m in self.matches.get((doc, index), []) if m.doc in self.documents]

    def match_between(self, one: tuple[str, int], other: tuple[str, int]) -> Match | None:
        """The linker's record of the pair, from either side: a reviewer may have decided it
        from the sentence whose top k holds the other, which need not be the reverse."""
        for (doc, index), (target_doc, target_index) in ((one, other), (other, one)):
            for match in self.sentence_matches(doc, index):
                if (match.doc, match.index) == (target_doc, target_index):
                    return match
        return None

    def summaries(self) -> list[DocumentSummary]:
        decisions = self.store.link_decisions()
        reviewed = self.store.reviewed_documents()
        result = []
        for document in self.documents.values():
            subjects = {
                link_subject(document.id, s.index, m.doc, m.index)
                for s in document.sentences
                for m in self.sentence_matches(document.id, s.index)
            }
            result.append(
                DocumentSummary(
                    id=document.id,
                    title=document.title,
                    lang=document.lang,
                    sentences=len(document.sentences),
                    translated=sum(1 for s in document.sentences if s.translation),
                    decided_links=len(subjects & decisions.keys()),
                    links=len(subjects),
                    reviewed=document.id in reviewed,
                )
            )
        return result

    def translation(self, doc: str, index: int) -> tuple[str | None, str | None]:
        """(machine translation, reviewer's post-edit or None)."""
        sentence = self.documents[doc].sentences[index]
        edit = self.store.edits().get(sentence_subject(doc, index))
        return sentence.translation, (edit.value if edit else None)

    def note(self, doc: str, index: int) -> str:
        event = self.store.notes().get(sentence_subject(doc, index))
        return event.value if event and event.value else ""
