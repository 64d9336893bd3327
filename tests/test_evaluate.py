import json

import pytest

from mt.evaluate import evaluate, line_problems
from ui.cli import main

from .conftest import DATA

FLORES = DATA / "flores-ar-en"


def flores_eval(*extra: str) -> list[str]:
    """eval-mt over the FLORES Arabic devtest source and English reference, plus `extra`."""
    return [
        "eval-mt",
        "--src",
        str(FLORES / "flores-test.ar"),
        "--ref",
        str(FLORES / "flores-test.en"),
        *extra,
    ]


def run_json(argv, capsys) -> tuple[int, dict]:
    code = main(argv)
    out = capsys.readouterr().out
    return code, (json.loads(out) if out.strip() else {})


def test_nllb_flores_devtest_scores_match_the_published_figures(capsys):
    code, result = run_json(
        flores_eval("--hyp", str(FLORES / "flores-test.nllb.en"), "--by-length"), capsys
    )
    assert code == 0
    assert (result["sentences"], result["bleu"], result["chrf++"]) == (1012, 36.5, 60.6)
    assert result["signature"]["bleu"].startswith("nrefs:1|case:mixed|eff:no|tok:13a")
    assert "nw:2" in result["signature"]["chrf++"]  # chrF++ = chrF with word bigrams
    assert sum(bucket["sentences"] for bucket in result["by_length"]) == 1012


@pytest.mark.parametrize(
    ("hypothesis", "problems"),
    [
        ("", ("empty",)),
        ("Putin.", ("much shorter than source",)),
        ("the talks the talks the talks the talks will go on in Tehran", ("repeated n-grams",)),
        ("The the the presidents met in Tehran on Monday afternoon", ("repeated n-grams",)),
        ("روابط ایران و روسیه راهبردی است", ("source script (untranslated)",)),
        ("Relations between Iran and Russia are strategic", ()),
    ],
)
def test_likely_failures_are_flagged(hypothesis, problems):
    source = "روابط ایران و روسیه راهبردی است و دو کشور همکاری می‌کنند"
    assert line_problems(source, hypothesis) == problems


def test_flags_name_one_based_lines():
    evaluation = evaluate(["a b", "c d"], ["Fine here.", ""], ["Fine here.", "Also fine."])
    assert [(f.line, f.problems) for f in evaluation.flags] == [(2, ("empty",))]


def test_misaligned_files_are_refused(tmp_path, capsys):
    short = tmp_path / "short.en"
    short.write_text("one line\n", encoding="utf-8")
    code = main(flores_eval("--hyp", str(short)))
    assert code == 1
    assert "line counts differ" in capsys.readouterr().err


def test_translating_first_reports_speed_and_saves_the_output(tmp_path, tiny_model_dir, capsys):
    source, reference = tmp_path / "src.ar", tmp_path / "ref.en"
    source.write_text(
        "\n".join((FLORES / "flores-test.ar").read_text("utf-8").splitlines()[:6]), encoding="utf-8"
    )
    reference.write_text(
        "\n".join((FLORES / "flores-test.en").read_text("utf-8").splitlines()[:6]), encoding="utf-8"
    )
    saved = tmp_path / "hyp.en"
    code, result = run_json(
        [
            "eval-mt",
            "--src",
            str(source),
            "--ref",
            str(reference),
            "--model",
            str(tiny_model_dir),
            "--save-hyp",
            str(saved),
            "--quiet",
        ],
        capsys,
    )
    assert code == 0
    assert result["sentences"] == 6 and result["speed"]["model"] == str(tiny_model_dir)
    assert result["speed"]["sentences_per_second"] > 0
    assert len(saved.read_text("utf-8").splitlines()) == 6  # one translation per line, in order


def test_translating_without_the_model_exits_2(tmp_path, capsys):
    code = main(flores_eval("--model", str(tmp_path / "none")))
    assert code == 2
    assert "Cannot load the NLLB model" in capsys.readouterr().err


def test_misaligned_reference_is_refused_before_translating(tmp_path, capsys):
    short = tmp_path / "short.en"
    short.write_text("one line\n", encoding="utf-8")
    # no model exists at this path: reaching the translation step would exit 2, not 1
    code = main(
        [
            "eval-mt",
            "--src",
            str(FLORES / "flores-test.ar"),
            "--ref",
            str(short),
            "--model",
            str(tmp_path / "none"),
        ]
    )
    assert code == 1
    assert "line counts differ: 1012 source, 1 reference lines" in capsys.readouterr().err
