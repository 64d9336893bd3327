import os

# No test may touch the network: the hub client must answer from local files only.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
SEEDS = PROJECT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory, seed_files) -> Path:
    """A random-weight NLLB-architecture model with a BPE tokenizer trained on the seeds."""
    from mt.random_nllb import save_random_nllb, tiny_config, train_nllb_tokenizer

    lines = [line for path in seed_files for line in path.read_text("utf-8").splitlines() if line]
    lines += (DATA / "english_sample.txt").read_text("utf-8").splitlines()
    tokenizer = train_nllb_tokenizer(lines, vocab_size=1500)
    out = tmp_path_factory.mktemp("tiny-nllb")
    return save_random_nllb(out, tokenizer, tiny_config(len(tokenizer)))


XSS_TEXT = 'خبر فوری <script>window.__pwned = 1</script> و <img src=x onerror="window.__pwned = 2"> درباره تهران'


@pytest.fixture(scope="session")
def review_folder(tmp_path_factory, seed_files) -> Path:
    """An output folder as the page finds it: the seeds (untranslated: no model here), Persian
    and Arabic FLORES documents with real machine translations (Google from Persian, NLLB from
    Arabic), an article whose text holds HTML, and links over all of them."""
    from align.embed import load_embedder
    from align.pipeline import link_folder
    from mt.batch import translate_inputs
    from mt.docstore import write_document
    from mt.records import Document, Sentence
    from mt.translate import TranslationConfig

    out = tmp_path_factory.mktemp("review")
    translate_inputs(seed_files, out, TranslationConfig(), show_progress=False)
    folder = DATA / "flores-fa-ar"
    for doc_id, lang, name, english in (
        ("flores-fa", "fa", "flores-dev.fa", "flores-dev.google.en"),
        ("flores-ar", "ar", "flores-dev.ar", "flores-dev.nllb.en"),
    ):
        texts = (folder / name).read_text("utf-8").splitlines()[:12]
        translations = (folder / english).read_text("utf-8").splitlines()[:12]
        sentences = [
            Sentence(k, text, k, lang, translation=english_text)
            for k, (text, english_text) in enumerate(zip(texts, translations, strict=True))
        ]
        write_document(out, Document(doc_id, texts[0], lang, "pes_Arab", name, sentences))
    hostile = [Sentence(0, XSS_TEXT, 0, "fa", translation='Breaking <b onmouseover="x()">news</b>')]
    write_document(out, Document("hostile", XSS_TEXT, "fa", "pes_Arab", "hostile.txt", hostile))
    link_folder(out, load_embedder())
    return out
