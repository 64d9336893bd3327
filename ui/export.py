"""`workbench export DIR` and the page's Export button: what reviewers decided, as JSONL and CSV
in `DIR/exports/`: accepted links (with both sentences, score and signals), clusters over the
accepted links, and post-edited translations (beside the machine version)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np

from align.cluster import group_links
from align.link import SentenceRef
from mt.docstore import write_atomic
from ui.workspace import Workspace

EXPORTS_FOLDER = "exports"


def accepted_links(workspace: Workspace) -> list[dict]:
    rows = []
    for subject, event in sorted(workspace.store.link_decisions().items()):
        if event.value != "accepted":
            continue
        (doc_a, index_a), (doc_b, index_b) = json.loads(subject)
        if doc_a not in workspace.documents or doc_b not in workspace.documents:
            continue
        match = workspace.match_between((doc_a, index_a), (doc_b, index_b))
        a = workspace.documents[doc_a].sentences[index_a]
        b = workspace.documents[doc_b].sentences[index_b]
        rows.append(
            {
                "source_doc": doc_a,
                "source_index": index_a,
                "source_text": a.text,
                "target_doc": doc_b,
                "target_index": index_b,
                "target_text": b.text,
                "score": match.score if match else None,
                "signals": match.signals if match else None,
                "reviewer": event.reviewer,
                "decided_at": event.at,
            }
        )
    return rows


def accepted_clusters(links: list[dict]) -> list[dict]:
    refs: dict[SentenceRef, int] = {}
    left, right, scores = [], [], []
    for link in links:
        for side, column in ((left, "source"), (right, "target")):
            ref = SentenceRef(link[f"{column}_doc"], link[f"{column}_index"])
            side.append(refs.setdefault(ref, len(refs)))
        scores.append(link["score"] or 0.0)
    clusters = group_links(list(refs), np.array(left), np.array(right), np.array(scores))
    return [
        {
            "id": c.id,
            "members": json.dumps([m.to_dict() for m in c.members]),
            "size": len(c.members),
        }
        for c in clusters
    ]


def post_edits(workspace: Workspace) -> list[dict]:
    rows = []
    for subject, event in sorted(workspace.store.edits().items()):
        doc, index = json.loads(subject)
        if doc not in workspace.documents:
            continue
        sentence = workspace.documents[doc].sentences[index]
        rows.append(
            {
                "doc": doc,
                "index": index,
                "source_text": sentence.text,
                "machine_translation": event.machine,
                "post_edited": event.value,
                "reviewer": event.reviewer,
                "edited_at": event.at,
            }
        )
    return rows


def _csv(rows: list[dict], columns: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else v
                for k, v in row.items()
            }
        )
    return buffer.getvalue()


def export_folder(out_dir: Path, workspace: Workspace | None = None) -> list[Path]:
    """Write the exports; returns their paths."""
    workspace = workspace or Workspace(out_dir)
    links = accepted_links(workspace)
    tables = {
        "accepted_links": (
            links,
            [
                "source_doc",
                "source_index",
                "source_text",
                "target_doc",
                "target_index",
                "target_text",
                "score",
                "signals",
                "reviewer",
                "decided_at",
            ],
        ),
        "clusters": (accepted_clusters(links), ["id", "members", "size"]),
        "post_edits": (
            post_edits(workspace),
            [
                "doc",
                "index",
                "source_text",
                "machine_translation",
                "post_edited",
                "reviewer",
                "edited_at",
            ],
        ),
    }
    folder = out_dir / EXPORTS_FOLDER
    written = []
    for name, (rows, columns) in tables.items():
        jsonl = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        write_atomic(folder / f"{name}.jsonl", jsonl)
        # utf-8-sig: spreadsheet programs then read Persian and Arabic correctly
        write_atomic(folder / f"{name}.csv", "\ufeff" + _csv(rows, columns))
        written += [folder / f"{name}.jsonl", folder / f"{name}.csv"]
    return written
