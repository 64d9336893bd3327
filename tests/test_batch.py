import json
import sqlite3
from dataclasses import replace

import pytest

from mt.batch import CACHE_FILE, length_sorted_batches, translate_inputs
from mt.docstore import load_documents
from mt.segment import split_long
from mt.translate import TransformersEngine, TranslationConfig, load_engine
from ui.cli import main


class CountingEngine:
    """Wraps a real engine; counts the texts it is asked to translate, and can fail on cue."""

    def __init__(self, engine, fail_after_batches: int | None = None):
        self.engine = engine
        self.batches = 0
        self.texts: list[str] = []
        self.fail_after_batches = fail_after_batches

    @property
    def signature(self):
        return self.engine.signature

    def count_tokens(self, text):
        return self.engine.count_tokens(text)

    def translate(self, texts, src_code):
        if self.fail_after_batches is not None and self.batches >= self.fail_after_batches:
            raise RuntimeError("simulated crash")
        self.batches += 1
        self.texts.extend(texts)
        return self.engine.translate(texts, src_code)


@pytest.fixture(scope="module")
def config(tiny_model_dir):
    return TranslationConfig(model=str(tiny_model_dir), device="cpu", batch_size=8)


@pytest.fixture(scope="module")
def real_engine(config):
    return load_engine(config)


def test_cli_translates_the_seeds_into_the_documented_schema(
    tmp_path, tiny_model_dir, seed_files, capsys
):
    out = tmp_path / "out"
    code = main(
        [
            "translate",
            str(seed_files[0].parent),
            "--out",
            str(out),
            "--model",
            str(tiny_model_dir),
            "--quiet",
        ]
    )
    assert code == 0
    files = sorted((out / "docs").glob("*.json"))
    assert [f.stem for f in files] == [p.stem for p in seed_files]
    assert not list((out / "docs").glob(".*.tmp"))
    data = json.loads(files[3].read_text("utf-8"))
    assert set(data) >= {
        "id",
        "title",
        "lang",
        "nllb_code",
        "source_file",
        "model",
        "sentences",
        "dropped",
    }
    assert (data["lang"], data["nllb_code"], data["model"]) == (
        "ar",
        "arb_Arab",
        str(tiny_model_dir),
    )
    assert data["dropped"] == ["/انتهى/"]
    for position, sentence in enumerate(data["sentences"]):
        assert set(sentence) >= {"index", "text", "translation", "paragraph"}
        assert sentence["index"] == position and sentence["translation"]
    assert "Wrote 5 document(s)" in capsys.readouterr().out


def test_rerun_is_served_from_the_cache(tmp_path, config, real_engine, seed_files):
    first = CountingEngine(real_engine)
    report = translate_inputs(
        seed_files, tmp_path, config, show_progress=False, engine_loader=lambda c: first
    )
    assert report.translated == report.sentences == 68 and report.from_cache == 0
    before = {d.id: d for d in load_documents(tmp_path)}

    second = CountingEngine(real_engine)
    again = translate_inputs(
        seed_files, tmp_path, config, show_progress=False, engine_loader=lambda c: second
    )
    assert second.texts == []
    assert again.from_cache == 68 and again.translated == 0
    assert {d.id: d for d in load_documents(tmp_path)} == before


def test_interrupted_run_resumes_where_it_stopped(tmp_path, config, real_engine, seed_files):
    reference = tmp_path / "reference"
    uninterrupted = CountingEngine(real_engine)
    translate_inputs(
        seed_files, reference, config, show_progress=False, engine_loader=lambda c: uninterrupted
    )

    crashing = CountingEngine(real_engine, fail_after_batches=3)
    out = tmp_path / "out"
    with pytest.raises(RuntimeError, match="simulated crash"):
        translate_inputs(
            seed_files, out, config, show_progress=False, engine_loader=lambda c: crashing
        )
    with sqlite3.connect(out / CACHE_FILE) as db:
        assert (
            db.execute("SELECT COUNT(*) FROM translations").fetchone()[0]
            == len(crashing.texts)
            == 24
        )

    resumed = CountingEngine(real_engine)
    report = translate_inputs(
        seed_files, out, config, show_progress=False, engine_loader=lambda c: resumed
    )
    assert not set(resumed.texts) & set(crashing.texts)
    assert sorted(resumed.texts + crashing.texts) == sorted(uninterrupted.texts)
    assert report.from_cache + report.translated == 68 and report.translated > 0
    # the same batches as an uninterrupted run, so the same translations
    assert load_documents(out) == load_documents(reference)


def test_long_sentences_are_translated_in_pieces_and_joined(
    tmp_path, config, real_engine, seed_files
):
    short_config = replace(config, max_input_tokens=40)
    counting = CountingEngine(real_engine)
    translate_inputs(
        seed_files[2:3],
        tmp_path,
        short_config,
        show_progress=False,
        engine_loader=lambda c: counting,
    )
    (document,) = load_documents(tmp_path)
    long_sentences = [s for s in document.sentences if s.pieces > 1]
    assert long_sentences, "seed 002 has sentences longer than 40 tokens"
    for sentence in long_sentences:
        pieces = split_long(sentence.text, 40, real_engine.count_tokens)
        assert len(pieces) == sentence.pieces and all(p in counting.texts for p in pieces)
        assert all(real_engine.count_tokens(p) <= 40 for p in pieces)
        with sqlite3.connect(tmp_path / CACHE_FILE) as db:
            parts = [
                db.execute(
                    "SELECT translation FROM translations WHERE source = ?", (p,)
                ).fetchone()[0]
                for p in pieces
            ]
        assert sentence.translation == " ".join(parts)


def test_bad_files_are_reported_and_good_ones_all_written(
    tmp_path, tiny_model_dir, seed_files, capsys
):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for path in seed_files[:2]:
        (inputs / path.name).write_bytes(path.read_bytes())
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (inputs / "english.txt").write_text(
        "Markets\nShares rose on Monday as investors welcomed the trade agreement between the two countries.",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    code = main(
        [
            "translate",
            str(inputs),
            str(tmp_path / "nowhere.txt"),
            "--out",
            str(out),
            "--model",
            str(tiny_model_dir),
            "--quiet",
        ]
    )
    assert code == 1
    assert sorted(p.stem for p in (out / "docs").glob("*.json")) == sorted(
        p.stem for p in seed_files[:2]
    )
    errors = capsys.readouterr().err
    assert f"FAILED {inputs / 'empty.txt'}: empty file" in errors
    assert f"FAILED {inputs / 'binary.txt'}: binary" in errors
    assert "english.txt: language is English" in errors
    assert "nowhere.txt: no such file or folder" in errors


def test_unavailable_model_exits_2_and_still_writes_untranslated_documents(
    tmp_path, seed_files, capsys
):
    out = tmp_path / "out"
    code = main(
        [
            "translate",
            str(seed_files[0]),
            "--out",
            str(out),
            "--model",
            str(tmp_path / "no-model"),
            "--quiet",
        ]
    )
    assert code == 2
    assert "--model /path/to/folder" in capsys.readouterr().err
    (document,) = load_documents(out)
    assert document.model is None
    assert all(s.translation is None for s in document.sentences)


def test_engine_is_built_from_the_config(config):
    assert isinstance(load_engine(config), TransformersEngine)


def test_batches_are_one_language_length_sorted_and_bounded():
    items = [("pes_Arab", "x" * n) for n in (5, 1, 9, 3, 7)] + [("arb_Arab", "y" * 2)]
    config = TranslationConfig(batch_size=2, batch_tokens=12)
    batches = length_sorted_batches(items, len, config)
    assert batches == [
        ("arb_Arab", ["yy"]),
        ("pes_Arab", ["x", "xxx"]),
        ("pes_Arab", ["xxxxx"]),  # 2 x 7 padded tokens would pass 12
        ("pes_Arab", ["xxxxxxx"]),
        ("pes_Arab", ["xxxxxxxxx"]),
    ]
