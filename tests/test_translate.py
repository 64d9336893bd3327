from pathlib import Path

import pytest

from mt.records import TARGET_CODE
from mt.translate import ModelUnavailableError, TransformersEngine, TranslationConfig, load_engine

SENTENCES = [
    "روابط ایران و روسیه راهبردی است.",
    "رئیس جمهور گفت: دو کشور همکاری‌های اقتصادی را گسترش می‌دهند و نشست بعدی در تهران خواهد بود.",
    "پوتین به تهران آمد.",
]


@pytest.fixture(scope="module")
def engine(tiny_model_dir) -> TransformersEngine:
    return TransformersEngine(
        TranslationConfig(model=str(tiny_model_dir), device="cpu", batch_size=4)
    )


def test_loads_from_a_local_folder(engine, tiny_model_dir):
    assert engine.device == "cpu"
    assert engine.signature == f"transformers|{tiny_model_dir}|beams=1"


def test_source_carries_the_language_token_and_output_starts_in_english(engine):
    engine.tokenizer.src_lang = "pes_Arab"
    encoded = engine.tokenizer(SENTENCES[0])["input_ids"]
    assert engine.tokenizer.convert_ids_to_tokens(encoded[0]) == "pes_Arab"
    assert encoded[-1] == engine.tokenizer.eos_token_id
    ids = engine.generate_ids(SENTENCES, "arb_Arab")
    english = engine.tokenizer.convert_tokens_to_ids(TARGET_CODE)
    # decoder start </s>, then the forced target language
    assert ids[:, 0].tolist() == [engine.tokenizer.eos_token_id] * 3
    assert ids[:, 1].tolist() == [english] * 3


def test_one_translation_per_sentence_in_order_and_deterministic(engine):
    batch = engine.translate(SENTENCES, "pes_Arab")
    assert len(batch) == len(SENTENCES)
    assert all(isinstance(t, str) and t for t in batch)
    assert engine.translate(SENTENCES, "pes_Arab") == batch
    # Each sentence alone starts as it did in the batch: padding does not leak into results.
    # (The random model never stops, and the output budget follows the longest input.)
    batch_ids = engine.generate_ids(SENTENCES, "pes_Arab")
    for row, sentence in enumerate(SENTENCES):
        (alone,) = engine.generate_ids([sentence], "pes_Arab")
        assert batch_ids[row, : len(alone)].tolist() == alone.tolist()


def test_output_length_is_not_capped_by_the_checkpoint_max_length(tiny_model_dir):
    long_input = " ".join(SENTENCES * 12)
    engine = TransformersEngine(
        TranslationConfig(model=str(tiny_model_dir), no_repeat_ngram_size=0)
    )
    (ids,) = engine.generate_ids([long_input], "pes_Arab")
    budget = 2 * engine.count_tokens(long_input) + 16
    saved = (tiny_model_dir / "generation_config.json").read_text()
    assert '"max_length": 200' in saved
    assert 200 < len(ids) <= budget + 1


def test_missing_local_model_says_how_to_get_one(tmp_path):
    with pytest.raises(ModelUnavailableError, match="tokenizer files"):
        load_engine(TranslationConfig(model=str(tmp_path)))


def test_missing_hub_model_offline_says_how_to_get_one():
    with pytest.raises(ModelUnavailableError, match="hf download"):
        load_engine(TranslationConfig(model="facebook/nllb-200-distilled-600M"))


def test_non_nllb_tokenizer_is_refused(tmp_path, tiny_model_dir):
    from tokenizers import Tokenizer, models
    from transformers import PreTrainedTokenizerFast

    Path(tmp_path).mkdir(exist_ok=True)
    PreTrainedTokenizerFast(
        tokenizer_object=Tokenizer(models.WordLevel({"<unk>": 0}, "<unk>"))
    ).save_pretrained(tmp_path)
    with pytest.raises(ModelUnavailableError, match="not an NLLB-200 model"):
        load_engine(TranslationConfig(model=str(tmp_path)))
