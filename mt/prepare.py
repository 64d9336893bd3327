"""From a raw article to an untranslated Document: clean, identify language, split, normalise."""

from __future__ import annotations

from mt.clean import clean_text
from mt.langid import detect_language, sentence_language
from mt.normalise import normalise
from mt.records import NLLB_CODES, Article, Document, Sentence
from mt.segment import split_sentences
from mt.zwnj import ZwnjLexicon

# Accepted spellings of a declared language (jsonl `lang`).
DECLARED_LANGUAGES = {
    "fa": "fa",
    "pes_arab": "fa",
    "fas": "fa",
    "ar": "ar",
    "arb_arab": "ar",
    "ara": "ar",
}


class UnsupportedDocument(ValueError):
    """The article is not something the workbench translates; the message says why."""


def document_language(article: Article, text: str) -> str:
    if article.lang:
        declared = DECLARED_LANGUAGES.get(article.lang.strip().lower())
        if declared is None:
            raise UnsupportedDocument(
                f"declared language {article.lang!r} is not supported (Persian 'fa' or Arabic 'ar')"
            )
        return declared
    guess = detect_language(text)
    if guess.lang == "other":
        raise UnsupportedDocument(
            f"language is {guess.name} (confidence {guess.confidence:.2f}); the workbench "
            "translates Persian and Arabic only, so the document was skipped"
        )
    return guess.lang


def prepare_document(article: Article, lexicon: ZwnjLexicon | None = None) -> Document:
    cleaned = clean_text(article.text, title=article.title)
    paragraphs = ([cleaned.title] if cleaned.title else []) + cleaned.paragraphs
    if not paragraphs:
        raise UnsupportedDocument("no article text left after removing page furniture")
    lang = document_language(article, "\n".join(paragraphs))

    sentences: list[Sentence] = []
    for paragraph_index, paragraph in enumerate(paragraphs):
        for raw in split_sentences(paragraph):
            sentence_lang = sentence_language(raw, lang)
            text = normalise(raw, sentence_lang if sentence_lang != "other" else lang, lexicon)
            sentences.append(Sentence(len(sentences), text, paragraph_index, sentence_lang))
    return Document(
        id=article.id,
        title=normalise(cleaned.title, lang, lexicon) if cleaned.title else "",
        lang=lang,
        nllb_code=NLLB_CODES[lang],
        source_file=article.source_file,
        url=article.url,
        sentences=sentences,
        dropped=cleaned.dropped,
    )
