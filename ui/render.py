"""HTML of the review page's reading view. Every piece of article text goes through
`html.escape` here, and nowhere else builds HTML from it: an article containing `<script>` shows
as text."""

from __future__ import annotations

from html import escape

from mt.records import Document
from ui.store import link_subject, sentence_subject
from ui.workspace import Match, Workspace

LANGUAGE_NAMES = {"fa": "Persian", "ar": "Arabic", "en": "English"}

# Vazirmatn and Noto Naskh render Persian and Arabic well; the rest are common system fallbacks.
CSS = """
.wb-view { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: 16px; }
.wb-rows { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 0 12px; }
.wb-head { font-weight: 600; padding: 6px 8px; border-bottom: 2px solid #888; }
.wb-cell { padding: 6px 8px; border-bottom: 1px solid #ddd; cursor: pointer; line-height: 1.7; }
.wb-source { direction: rtl; text-align: right; unicode-bidi: isolate; font-size: 1.1em;
  font-family: "Vazirmatn", "Noto Naskh Arabic", "Noto Sans Arabic", "Tahoma", "DejaVu Sans", sans-serif; }
.wb-selected { background: #fff3c4; outline: 2px solid #e0b000; }
.wb-missing { color: #a33; font-style: italic; }
.wb-edited { color: #05601f; }
.wb-machine { color: #777; font-size: 0.85em; display: block; }
.wb-notice { background: #fde8e8; border: 1px solid #d99; padding: 8px; margin-bottom: 8px; }
.wb-matches { position: sticky; top: 8px; align-self: start; }
.wb-match { border: 1px solid #ccc; border-radius: 6px; padding: 8px; margin-bottom: 8px; }
.wb-match.wb-focused { border: 2px solid #2a6fdb; }
.wb-match.wb-accepted { background: #e7f6ea; }
.wb-match.wb-rejected { background: #f3f3f3; opacity: 0.75; }
.wb-bar { height: 6px; background: #e5e5e5; border-radius: 3px; margin: 4px 0; }
.wb-bar > div { height: 6px; background: #2a6fdb; border-radius: 3px; }
.wb-meta { font-size: 0.85em; color: #555; }
.wb-match button { margin: 4px 4px 0 0; }
"""


def source_attributes(lang: str) -> str:
    direction = "ltr" if lang == "en" else "rtl"
    return f'dir="{direction}" lang="{escape(lang)}"'


def render_document(
    workspace: Workspace, doc_id: str | None, selected: int | None, focused_match: int
) -> str:
    if not doc_id or doc_id not in workspace.documents:
        return '<div class="wb-meta">Choose a document from the list.</div>'
    document = workspace.documents[doc_id]
    edits = workspace.store.edits()
    notes = workspace.store.notes()
    parts = [
        f"<h2 {source_attributes(document.lang)} class='wb-source'>{escape(document.title)}</h2>"
    ]
    if not any(s.translation for s in document.sentences):
        parts.append(
            "<div class='wb-notice' id='wb-no-translation'>This document has no translation: the "
            "NLLB model was not available when it was processed. The source and its matches are "
            "shown; run <code>workbench translate</code> with the model to add translations.</div>"
        )
    if not workspace.linked:
        parts.append(
            "<div class='wb-notice'>No links yet: run <code>workbench link</code> on this "
            "folder.</div>"
        )
    rows = [
        f"<div class='wb-head'>Source ({escape(LANGUAGE_NAMES.get(document.lang, document.lang))})</div>",
        "<div class='wb-head'>English</div>",
    ]
    for sentence in document.sentences:
        chosen = " wb-selected" if sentence.index == selected else ""
        data = f'data-sentence="{sentence.index}"'
        rows.append(
            f"<div class='wb-cell wb-source{chosen}' {data} {source_attributes(sentence.lang)}"
            f" id='wb-src-{sentence.index}'>{escape(sentence.text)}</div>"
        )
        edit = edits.get(sentence_subject(doc_id, sentence.index))
        note = notes.get(sentence_subject(doc_id, sentence.index))
        rows.append(
            f"<div class='wb-cell{chosen}' {data} dir='ltr' lang='en' id='wb-mt-{sentence.index}'>"
            f"{translation_html(sentence.translation, edit.value if edit else None)}"
            f"{note_html(note.value if note else None)}</div>"
        )
    matches_html = render_matches(workspace, document, selected, focused_match)
    return (
        "".join(parts) + f"<div class='wb-view' data-doc='{escape(doc_id)}'>"
        f"<div class='wb-rows'>{''.join(rows)}</div>"
        f"<div class='wb-matches' id='wb-matches'>{matches_html}</div></div>"
    )


def translation_html(machine: str | None, edited: str | None) -> str:
    if edited is not None:
        original = escape(machine) if machine else "none"
        return (
            f"<span class='wb-edited'>{escape(edited)}</span>"
            f"<span class='wb-machine'>machine: {original}</span>"
        )
    if machine:
        return escape(machine)
    return "<span class='wb-missing'>not translated</span>"


def note_html(note: str | None) -> str:
    return f"<span class='wb-machine'>note: {escape(note)}</span>" if note else ""


def render_matches(
    workspace: Workspace, document: Document, selected: int | None, focused_match: int
) -> str:
    if selected is None:
        return "<div class='wb-meta'>Select a sentence to see its matches.</div>"
    matches = workspace.sentence_matches(document.id, selected)
    if not matches:
        return "<div class='wb-meta'>No matches in other documents for this sentence.</div>"
    decisions = workspace.store.link_decisions()
    cards = ["<div class='wb-head'>Matches in other articles</div>"]
    for position, match in enumerate(matches):
        decision = decisions.get(link_subject(document.id, selected, match.doc, match.index))
        cards.append(match_html(workspace, match, position, position == focused_match, decision))
    return "".join(cards)


def match_html(workspace: Workspace, match: Match, position: int, focused: bool, decision) -> str:
    other = workspace.documents[match.doc]
    sentence = other.sentences[match.index]
    state = decision.value if decision else None
    classes = "wb-match" + (" wb-focused" if focused else "") + (f" wb-{state}" if state else "")
    fired = ", ".join(match.signals.get("fired", [])) or "none"
    values = ", ".join(
        f"{name} {value:.2f}"
        for name, value in match.signals.items()
        if isinstance(value, int | float) and not isinstance(value, bool)
    )
    terms = " · ".join(match.signals.get("shared_terms", []))
    verdict = f"{escape(state)} by {escape(decision.reviewer)}" if decision else "not decided"
    translation = sentence.translation or ""
    return (
        f"<div class='{classes}' data-match='{position}' id='wb-match-{position}'>"
        f"<div class='wb-meta'>#{match.rank} · {escape(LANGUAGE_NAMES.get(sentence.lang, sentence.lang))}"
        f" · <bdi>{escape(other.title)}</bdi>{' · <b>linked</b>' if match.linked else ''}</div>"
        f"<div class='wb-bar' title='score {match.score:.2f}'><div style='width:{max(0.0, min(1.0, match.score)) * 100:.0f}%'></div></div>"
        f"<div class='wb-meta'>score {match.score:.2f} · fired: {escape(fired)}</div>"
        f"<div class='wb-source' {source_attributes(sentence.lang)}>{escape(sentence.text)}</div>"
        + (f"<div dir='ltr' class='wb-meta'>{escape(translation)}</div>" if translation else "")
        + f"<div class='wb-meta'>signals: {escape(values)}</div>"
        + (
            f"<div class='wb-meta'>shared: <span dir='auto'>{escape(terms)}</span></div>"
            if terms
            else ""
        )
        + f"<div class='wb-meta wb-verdict'>{verdict}</div>"
        f"<button class='wb-accept' data-action='accepted' data-match='{position}'>Accept (a)</button>"
        f"<button class='wb-reject' data-action='rejected' data-match='{position}'>Reject (r)</button>"
        f"<button class='wb-open' data-action='open' data-match='{position}'>Open in its document</button>"
        "</div>"
    )


# Clicks and keys become events for Python: `trigger('click', {...})` sends the dict, which the
# handler reads from gr.EventData. Keys are ignored while the reviewer types in a text field.
JS_ON_LOAD = """
element.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-action]');
  if (button) {
    trigger('click', {kind: button.dataset.action, match: Number(button.dataset.match)});
    return;
  }
  const card = event.target.closest('[data-match]');
  if (card) { trigger('click', {kind: 'focus', match: Number(card.dataset.match)}); return; }
  const cell = event.target.closest('[data-sentence]');
  if (cell) { trigger('click', {kind: 'sentence', sentence: Number(cell.dataset.sentence)}); }
});
if (!window.__workbenchKeys) {
  window.__workbenchKeys = true;
  document.addEventListener('keydown', (event) => {
    const tag = (event.target.tagName || '').toLowerCase();
    if (tag === 'input' || tag === 'textarea' || event.target.isContentEditable) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const actions = {j: {kind: 'move', step: 1}, k: {kind: 'move', step: -1},
                     a: {kind: 'accepted'}, r: {kind: 'rejected'}, m: {kind: 'next-match'}};
    const action = actions[event.key];
    if (action) { event.preventDefault(); trigger('click', action); }
  });
}
"""
