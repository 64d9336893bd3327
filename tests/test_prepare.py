import pytest

from mt.ingest import read_file
from mt.langid import detect_language, sentence_language
from mt.prepare import UnsupportedDocument, prepare_document
from mt.records import Article

# Sentences per seed, counted by hand (headline included): full stops, ؟ ! and ؛ end a sentence;
# ، : and the ellipsis in «هسته‌ای و...» do not.
SEED_SENTENCES = {"000": 10, "001": 25, "002": 7, "003": 10, "004": 16}
SEED_LANGUAGES = {"000": "fa", "001": "fa", "002": "fa", "003": "ar", "004": "ar"}


@pytest.mark.parametrize("seed", sorted(SEED_SENTENCES))
def test_seed_language_and_sentence_count(seed, seed_files):
    path = next(p for p in seed_files if p.name.startswith(seed))
    (article,), _ = read_file(path)
    document = prepare_document(article)
    assert document.lang == SEED_LANGUAGES[seed]
    assert document.nllb_code == {"fa": "pes_Arab", "ar": "arb_Arab"}[document.lang]
    assert len(document.sentences) == SEED_SENTENCES[seed]
    assert [s.index for s in document.sentences] == list(range(SEED_SENTENCES[seed]))
    assert all(s.lang == document.lang for s in document.sentences)
    assert document.sentences[0].paragraph == 0 and document.sentences[0].text == document.title


def test_arabic_headline_typed_with_persian_letters_is_arabic(seed_files):
    headline = seed_files[3].read_text("utf-8").splitlines()[0]
    assert "ی" in headline and "ک" in headline  # Persian yeh and kaf
    assert detect_language(headline).lang == "ar"
    (article,), _ = read_file(seed_files[3])
    document = prepare_document(article)
    # normalised to Arabic letters for NLLB's arb_Arab
    assert document.title == "روحاني: التعاون بين طهران وموسكو في مواجهة الإرهاب مستمر"


def test_english_article_is_refused_with_a_message():
    article = Article(
        id="en",
        text="Iran and Russia\nThe two presidents met in Tehran on Monday to discuss trade and energy.",
        source_file="en.txt",
    )
    with pytest.raises(UnsupportedDocument, match="English"):
        prepare_document(article)


def test_declared_language_wins_and_unknown_declaration_is_refused():
    text = "عنوان\nروحاني وبوتين بحثا العلاقات بين البلدين في اتصال هاتفي."
    assert prepare_document(Article("x", text, "x", lang="arb_Arab")).lang == "ar"
    with pytest.raises(UnsupportedDocument, match="declared language"):
        prepare_document(Article("x", text, "x", lang="tr"))


def test_sentence_language_overrides_document_only_on_strong_evidence():
    arabic = "وأفادت وكالة تسنيم الدولية للأنباء أن روحاني وبوتين بحثا العلاقات بين الجانبين."
    assert sentence_language(arabic, "fa") == "ar"
    assert sentence_language("منبع: ایسنا", "ar") == "ar"  # too short to overrule the document
    assert sentence_language("Moscow, 12 May", "fa") == "other"
