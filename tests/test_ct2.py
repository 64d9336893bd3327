import pytest

from mt.ct2 import CTranslate2Engine, convert_model
from mt.translate import ModelUnavailableError, TransformersEngine, TranslationConfig
from ui.cli import main

SENTENCES = [
    "روابط ایران و روسیه راهبردی است.",
    "رئیس جمهور گفت: دو کشور همکاری‌های اقتصادی را گسترش می‌دهند.",
    "ورحب الرئيس روحاني بتعزيز وتوسيع العلاقات بين طهران وموسكو.",
]


@pytest.fixture(scope="module")
def ct2_float32_dir(tiny_model_dir, tmp_path_factory):
    return convert_model(
        str(tiny_model_dir), tmp_path_factory.mktemp("ct2") / "model", quantization="float32"
    )


def test_converted_model_gives_the_same_greedy_tokens_as_transformers(
    tiny_model_dir, ct2_float32_dir
):
    hf = TransformersEngine(TranslationConfig(model=str(tiny_model_dir), device="cpu"))
    ct2 = CTranslate2Engine(
        TranslationConfig(
            model=str(ct2_float32_dir), engine="ct2", device="cpu", ct2_compute_type="float32"
        )
    )
    for sentence in SENTENCES:  # one at a time: both engines then share one output budget
        (hf_ids,) = hf.generate_ids([sentence], "pes_Arab").tolist()
        (ct2_tokens,) = ct2.generate_tokens([sentence], "pes_Arab")
        ct2_ids = [ct2.tokenizer.token_to_id(token) for token in ct2_tokens]
        assert hf_ids[1:] == ct2_ids  # transformers' row also holds the decoder start token </s>
        assert hf.translate([sentence], "pes_Arab") == ct2.translate([sentence], "pes_Arab")


def test_ct2_tokenization_matches_transformers(tiny_model_dir, ct2_float32_dir):
    hf = TransformersEngine(TranslationConfig(model=str(tiny_model_dir)))
    ct2 = CTranslate2Engine(TranslationConfig(model=str(ct2_float32_dir), engine="ct2"))
    for sentence in SENTENCES:
        hf.tokenizer.src_lang = "arb_Arab"
        expected = hf.tokenizer.convert_ids_to_tokens(hf.tokenizer(sentence)["input_ids"])
        assert ct2.source_tokens(sentence, "arb_Arab") == expected
        assert ct2.count_tokens(sentence) == hf.count_tokens(sentence)


def test_ct2_engine_needs_a_converted_folder(tiny_model_dir):
    with pytest.raises(ModelUnavailableError, match="workbench convert-model"):
        CTranslate2Engine(TranslationConfig(model=str(tiny_model_dir), engine="ct2"))


def test_cli_converts_to_int8_and_translates_with_ct2(tmp_path, tiny_model_dir, seed_files):
    converted = tmp_path / "ct2-int8"
    assert main(["convert-model", str(tiny_model_dir), str(converted)]) == 0
    assert (converted / "model.bin").is_file() and (converted / "tokenizer.json").is_file()
    assert main(["convert-model", str(tiny_model_dir), str(converted)]) == 1  # no silent overwrite
    out = tmp_path / "out"
    code = main(
        [
            "translate",
            str(seed_files[3]),
            "--out",
            str(out),
            "--engine",
            "ct2",
            "--model",
            str(converted),
            "--quiet",
        ]
    )
    assert code == 0
    import json

    (doc,) = [json.loads(p.read_text("utf-8")) for p in (out / "docs").glob("*.json")]
    assert all(s["translation"] for s in doc["sentences"])


def test_convert_without_the_model_exits_2(tmp_path):
    assert main(["convert-model", "facebook/nllb-200-distilled-600M", str(tmp_path / "x")]) == 2


def test_fixed_output_length_makes_both_engines_generate_the_same_number_of_tokens(
    tiny_model_dir, ct2_float32_dir
):
    hf = TransformersEngine(
        TranslationConfig(model=str(tiny_model_dir), fixed_output_tokens=7, no_repeat_ngram_size=0)
    )
    ct2 = CTranslate2Engine(
        TranslationConfig(
            model=str(ct2_float32_dir),
            engine="ct2",
            ct2_compute_type="float32",
            fixed_output_tokens=7,
            no_repeat_ngram_size=0,
        )
    )
    hf_rows = hf.generate_ids(SENTENCES, "pes_Arab").tolist()
    assert all(len(row) == 1 + 1 + 7 for row in hf_rows)  # </s>, eng_Latn, 7 tokens
    assert all(len(tokens) == 1 + 7 for tokens in ct2.generate_tokens(SENTENCES, "pes_Arab"))
