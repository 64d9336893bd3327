"""The reviewer page (Gradio): documents, source and translation side by side, matches, review
actions, adding articles, export.

The page's actions are plain functions of the workspace (`ReviewActions`), registered as named
API endpoints too, so gradio_client can drive exactly what the buttons do.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass, field
from pathlib import Path

import gradio as gr

from align.embed import DEFAULT_EMBEDDER
from mt.docstore import safe_id
from mt.translate import TranslationConfig
from ui.export import EXPORTS_FOLDER, export_folder
from ui.render import CSS, JS_ON_LOAD, render_document
from ui.workspace import Workspace

UPLOAD_TYPES = (".txt", ".html", ".htm")
INBOX_FOLDER = "inbox"
STATUSES = ("all", "new", "in progress", "reviewed")
LANGUAGES = ("all", "fa", "ar")
TABLE_HEADERS = ["id", "title", "language", "sentences", "translated", "links decided", "status"]


@dataclass(frozen=True)
class ReviewConfig:
    out_dir: Path
    translation: TranslationConfig = field(default_factory=TranslationConfig)
    embedder: str = DEFAULT_EMBEDDER
    max_upload_bytes: int = 2_000_000
    max_paste_chars: int = 200_000


class ReviewError(ValueError):
    """A reviewer's action that cannot be done; the message is shown on the page."""


class ReviewActions:
    def __init__(self, config: ReviewConfig):
        self.config = config
        self.workspace = Workspace(config.out_dir)

    # -- reading -------------------------------------------------------------------------------
    def document_rows(self, lang: str = "all", status: str = "all") -> list[list]:
        rows = []
        for summary in sorted(self.workspace.summaries(), key=lambda s: s.id):
            if lang != "all" and summary.lang != lang:
                continue
            if status != "all" and summary.status != status:
                continue
            rows.append(
                [
                    summary.id,
                    summary.title,
                    summary.lang,
                    summary.sentences,
                    summary.translated,
                    f"{summary.decided_links}/{summary.links}",
                    summary.status,
                ]
            )
        return rows

    def view(self, doc: str | None, sentence: int | None, match: int = 0) -> str:
        return render_document(self.workspace, doc, sentence, match)

    def matches(self, doc: str, sentence: int):
        self._require_sentence(doc, sentence)
        return self.workspace.sentence_matches(doc, sentence)

    # -- writing -------------------------------------------------------------------------------
    def decide(self, doc: str, sentence: int, match: int, decision: str, reviewer: str) -> str:
        matches = self.matches(doc, sentence)
        if not 0 <= match < len(matches):
            raise ReviewError("select a match first")
        target = matches[match]
        self.workspace.store.decide_link(
            (doc, sentence), (target.doc, target.index), decision, reviewer
        )
        return f"Link {decision}: {doc} #{sentence} ↔ {target.doc} #{target.index}"

    def edit(self, doc: str, sentence: int, text: str, reviewer: str) -> str:
        self._require_sentence(doc, sentence)
        machine, _ = self.workspace.translation(doc, sentence)
        self.workspace.store.edit_translation(doc, sentence, text.strip(), machine, reviewer)
        return f"Saved the post-edit of sentence {sentence} (the machine version is kept)."

    def note(self, doc: str, sentence: int, text: str, reviewer: str) -> str:
        self._require_sentence(doc, sentence)
        self.workspace.store.set_note(doc, sentence, text.strip(), reviewer)
        return f"Saved the note on sentence {sentence}."

    def mark_reviewed(self, doc: str, reviewed: bool, reviewer: str) -> str:
        if doc not in self.workspace.documents:
            raise ReviewError("choose a document first")
        self.workspace.store.mark_reviewed(doc, reviewed, reviewer)
        return f"{doc} marked {'reviewed' if reviewed else 'not reviewed'}."

    def export(self) -> list[str]:
        return [str(p) for p in export_folder(self.config.out_dir, self.workspace)]

    def add_article(self, text: str | None, upload: str | None) -> str:
        """Save a pasted or uploaded article into DIR/inbox, translate and link it (progress goes
        through tqdm, which the page shows), and return what happened."""
        path = self._inbox_file(text, upload)
        from align.embed import load_embedder
        from align.pipeline import link_folder
        from mt.batch import translate_inputs

        report = translate_inputs([path], self.config.out_dir, self.config.translation)
        if report.failures:
            path.unlink(missing_ok=True)
            raise ReviewError(f"Could not add the article: {report.failures[0].reason}")
        link_folder(self.config.out_dir, load_embedder(self.config.embedder))
        self.workspace.reload()
        added = ", ".join(p.stem for p in report.written) or path.stem
        message = f"Added {added}: {report.sentences} sentences, linked against the other articles."
        if report.model_error:
            message += f" It is not translated: {report.model_error.splitlines()[0]}"
        return message

    def add_text(self, text: str) -> str:
        return self.add_article(text, None)

    def _inbox_file(self, text: str | None, upload: str | None) -> Path:
        inbox = self.config.out_dir / INBOX_FOLDER
        inbox.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        if upload:
            source = Path(upload)
            if source.suffix.lower() not in UPLOAD_TYPES:
                raise ReviewError(
                    f"{source.name}: only {', '.join(UPLOAD_TYPES)} files can be added"
                )
            size = source.stat().st_size
            if size > self.config.max_upload_bytes:
                raise ReviewError(
                    f"{source.name} is {size:,} bytes; the limit is {self.config.max_upload_bytes:,}"
                )
            if size == 0:
                raise ReviewError(f"{source.name} is empty")
            target = inbox / f"{safe_id(source.stem)}-{stamp}{source.suffix.lower()}"
            target.write_bytes(source.read_bytes())
            return target
        if text and text.strip():
            if len(text) > self.config.max_paste_chars:
                raise ReviewError(
                    f"the pasted text has {len(text):,} characters; the limit is "
                    f"{self.config.max_paste_chars:,}"
                )
            target = inbox / f"pasted-{stamp}.txt"
            target.write_text(text, encoding="utf-8")
            return target
        raise ReviewError("paste an article's text or choose a .txt or .html file first")

    def _require_sentence(self, doc: str, sentence: int) -> None:
        document = self.workspace.documents.get(doc)
        if document is None:
            raise ReviewError("choose a document first")
        if sentence is None or not 0 <= sentence < len(document.sentences):
            raise ReviewError("select a sentence first")


def reviewer_name(typed: str, request: gr.Request | None) -> str:
    """The logged-in user when the page has --auth, else the name typed in the page."""
    user = getattr(request, "username", None) if request else None
    return user or typed or ""


def build_app(config: ReviewConfig) -> gr.Blocks:
    actions = ReviewActions(config)

    def guarded(function):
        """Shows a ReviewError (or a store refusal) on the page instead of failing the event."""

        @functools.wraps(function)  # keeps the signature: Gradio reads the inputs from it
        def run(*args, **kwargs):
            try:
                return function(*args, **kwargs)
            except ValueError as error:
                raise gr.Error(str(error)) from error

        return run

    def empty_state() -> dict:
        return {"doc": None, "sentence": None, "match": 0, "ids": []}

    def refresh_list(lang, status, state):
        rows = actions.document_rows(lang, status)
        state = {**state, "ids": [row[0] for row in rows]}
        return rows, state

    def open_document(state, doc):
        state = {**state, "doc": doc, "sentence": 0 if doc else None, "match": 0}
        return state, *sentence_outputs(state)

    def sentence_outputs(state):
        doc, sentence = state["doc"], state["sentence"]
        machine, edited = (None, None)
        note = ""
        if doc and sentence is not None:
            machine, edited = actions.workspace.translation(doc, sentence)
            note = actions.workspace.note(doc, sentence)
        return actions.view(doc, sentence, state["match"]), edited or machine or "", note

    with gr.Blocks(title="Workbench review") as app:
        state = gr.State(empty_state())
        gr.Markdown("## Workbench review")
        with gr.Row():
            reviewer = gr.Textbox(
                label="Reviewer", placeholder="your name (signs every decision)", elem_id="reviewer"
            )
            lang_filter = gr.Dropdown(list(LANGUAGES), value="all", label="Language")
            status_filter = gr.Dropdown(list(STATUSES), value="all", label="Status")
        message = gr.Markdown(elem_id="message")
        documents = gr.Dataframe(
            headers=TABLE_HEADERS, interactive=False, label="Documents", elem_id="documents"
        )
        with gr.Row():
            edit_box = gr.Textbox(label="Post-edit translation", lines=2, elem_id="edit", scale=3)
            save_edit = gr.Button("Save post-edit", elem_id="save-edit")
        with gr.Row():
            note_box = gr.Textbox(label="Note on this sentence", lines=1, elem_id="note", scale=3)
            save_note = gr.Button("Save note", elem_id="save-note")
        with gr.Row():
            mark = gr.Button("Mark document reviewed", elem_id="mark-reviewed")
            unmark = gr.Button("Mark not reviewed")
        view = gr.HTML(elem_id="view", js_on_load=JS_ON_LOAD)
        gr.Markdown(
            "Keys: **j**/**k** next/previous sentence · **a**/**r** accept/reject the focused "
            "match · **m** next match. Click a sentence to see its matches."
        )
        with gr.Accordion("Add an article", open=False):
            paste = gr.Textbox(label="Paste the article's text", lines=6, elem_id="paste")
            upload = gr.File(label="or upload .txt / .html", file_types=list(UPLOAD_TYPES))
            add = gr.Button("Translate, link and add", elem_id="add-article")
        with gr.Accordion("Export", open=False):
            export_button = gr.Button("Export accepted links, clusters and post-edits")
            export_files = gr.File(label="Exports", file_count="multiple")

        list_outputs = [documents, state]
        view_outputs = [state, view, edit_box, note_box]

        app.load(refresh_list, [lang_filter, status_filter, state], list_outputs).then(
            lambda state: open_document(state, state["ids"][0] if state["ids"] else None),
            [state],
            view_outputs,
        )
        for control in (lang_filter, status_filter):
            control.change(refresh_list, [lang_filter, status_filter, state], list_outputs)

        def select_document(state, event: gr.SelectData):
            row = event.index[0] if isinstance(event.index, list | tuple) else event.index
            doc = state["ids"][row] if 0 <= row < len(state["ids"]) else None
            return open_document(state, doc)

        documents.select(select_document, [state], view_outputs)

        def on_view_click(state, typed, event: gr.EventData, request: gr.Request):
            data = getattr(event, "_data", None) or {}
            kind = data.get("kind")
            doc, sentence = state["doc"], state["sentence"]
            note = ""
            if not doc:
                return state, *sentence_outputs(state), note
            count = len(actions.workspace.documents[doc].sentences)
            if kind == "sentence":
                state = {**state, "sentence": int(data["sentence"]), "match": 0}
            elif kind == "move" and sentence is not None:
                state = {
                    **state,
                    "sentence": max(0, min(count - 1, sentence + data["step"])),
                    "match": 0,
                }
            elif kind == "focus":
                state = {**state, "match": int(data["match"])}
            elif kind == "next-match" and sentence is not None:
                total = len(actions.matches(doc, sentence)) or 1
                state = {**state, "match": (state["match"] + 1) % total}
            elif kind in ("accepted", "rejected") and sentence is not None:
                position = int(data.get("match", state["match"]))
                try:
                    note = actions.decide(
                        doc, sentence, position, kind, reviewer_name(typed, request)
                    )
                except ValueError as error:
                    note = f"**Not saved:** {error}"
                state = {**state, "match": position}
            elif kind == "open" and sentence is not None:
                matches = actions.matches(doc, sentence)
                position = int(data["match"])
                if 0 <= position < len(matches):
                    target = matches[position]
                    state = {**state, "doc": target.doc, "sentence": target.index, "match": 0}
                    note = f"Opened {target.doc}, sentence {target.index}."
            return state, *sentence_outputs(state), note

        view.click(on_view_click, [state, reviewer], [*view_outputs, message])

        def save_edit_fn(state, text, typed, request: gr.Request):
            result = actions.edit(
                state["doc"], state["sentence"], text, reviewer_name(typed, request)
            )
            return result, actions.view(state["doc"], state["sentence"], state["match"])

        save_edit.click(guarded(save_edit_fn), [state, edit_box, reviewer], [message, view])

        def save_note_fn(state, text, typed, request: gr.Request):
            result = actions.note(
                state["doc"], state["sentence"], text, reviewer_name(typed, request)
            )
            return result, actions.view(state["doc"], state["sentence"], state["match"])

        save_note.click(guarded(save_note_fn), [state, note_box, reviewer], [message, view])

        def mark_fn(reviewed):
            def run(state, typed, lang, status, request: gr.Request):
                result = actions.mark_reviewed(
                    state["doc"], reviewed, reviewer_name(typed, request)
                )
                rows, state = refresh_list(lang, status, state)
                return result, rows, state

            return guarded(run)

        mark.click(
            mark_fn(True),
            [state, reviewer, lang_filter, status_filter],
            [message, documents, state],
        )
        unmark.click(
            mark_fn(False),
            [state, reviewer, lang_filter, status_filter],
            [message, documents, state],
        )

        # Gradio injects the page's progress bar through this default (its documented idiom)
        def add_fn(text, file, lang, status, state, progress=gr.Progress(track_tqdm=True)):  # noqa: B008
            progress(0, desc="Reading the article")
            result = actions.add_article(text, file)
            rows, state = refresh_list(lang, status, state)
            return result, rows, state, "", None

        add.click(
            guarded(add_fn),
            [paste, upload, lang_filter, status_filter, state],
            [message, documents, state, paste, upload],
            concurrency_limit=1,
        )
        export_button.click(guarded(lambda: actions.export()), None, export_files)

        # The same actions for programs (gradio_client), by name.
        gr.api(guarded(actions.document_rows), api_name="documents")
        gr.api(guarded(actions.view), api_name="view")
        gr.api(guarded(actions.decide), api_name="decide")
        gr.api(guarded(actions.edit), api_name="edit")
        gr.api(guarded(actions.note), api_name="note")
        gr.api(guarded(actions.mark_reviewed), api_name="mark_reviewed")
        # text only: a path from a program would name a file on this server
        gr.api(guarded(actions.add_text), api_name="add_article", concurrency_limit=1)
    app.actions = actions  # for tests and the Space
    return app


def launch_kwargs(config: ReviewConfig) -> dict:
    """Settings every launch needs: the page's CSS, the upload limit, and file serving limited to
    the exports folder (no other file of the output folder, or of the machine, is served)."""
    exports = config.out_dir / EXPORTS_FOLDER
    exports.mkdir(parents=True, exist_ok=True)
    return {
        "css": CSS,
        "max_file_size": config.max_upload_bytes,
        "allowed_paths": [str(exports.resolve())],
        "blocked_paths": [str(config.out_dir.resolve() / "review.sqlite")],
    }
