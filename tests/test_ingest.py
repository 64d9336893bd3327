import json

import pytest

from mt.ingest import InputError, decode_bytes, expand_inputs, read_file

PERSIAN = "روابط ایران و روسیه راهبردی است.\nرئیس جمهور گفت: همکاری ادامه دارد."


@pytest.mark.parametrize(
    "encoded",
    [
        PERSIAN.encode("utf-8"),
        b"\xef\xbb\xbf" + PERSIAN.encode("utf-8"),
        PERSIAN.encode("utf-16"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16"],
)
def test_unicode_encodings_decode_to_the_same_text(encoded):
    assert decode_bytes(encoded) == PERSIAN


def test_windows_1256_is_detected(tmp_path, seed_files):
    # Windows-1256 has no Persian yeh: legacy Persian pages use the Arabic one.
    text = seed_files[1].read_text("utf-8").replace("ی", "ي")
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("cp1256"))
    (article,), failures = read_file(path)
    assert failures == []
    assert article.text == text


def test_empty_and_binary_files_fail_with_reasons(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n")
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    assert read_file(empty)[1][0].reason == "empty file"
    articles, failures = read_file(binary)
    assert articles == [] and "binary" in failures[0].reason
    with pytest.raises(InputError):
        decode_bytes(b"\x00\x01\x02\xff" * 64)


def test_unsupported_suffix_fails_by_name(tmp_path):
    path = tmp_path / "article.pdf"
    path.write_bytes(b"%PDF-1.4")
    articles, (failure,) = read_file(path)
    assert (
        articles == []
        and failure.source == str(path)
        and "unsupported file type .pdf" in failure.reason
    )


def test_html_main_text_is_extracted_without_navigation(tmp_path, seed_files):
    lines = seed_files[3].read_text("utf-8").splitlines()
    paragraphs = "".join(f"<p>{line}</p>" for line in lines[1:])
    html = (
        f"<html><head><meta charset='utf-8'><title>{lines[0]}</title></head><body>"
        "<nav><ul><li><a href='/'>الرئيسية</a></li><li><a href='/p'>سياسة</a></li></ul></nav>"
        f"<article><h1>{lines[0]}</h1>{paragraphs}</article>"
        "<footer>جميع الحقوق محفوظة <script>alert(1)</script></footer></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    (article,), failures = read_file(path)
    assert failures == []
    assert article.title == lines[0]
    assert lines[2] in article.text
    assert "الرئيسية" not in article.text and "alert" not in article.text


def test_jsonl_keeps_good_lines_and_reports_bad_ones(tmp_path):
    path = tmp_path / "feed.jsonl"
    rows = [
        json.dumps(
            {
                "id": "a1",
                "text": PERSIAN,
                "title": "عنوان",
                "url": "https://example.org/a1",
                "lang": "fa",
            }
        ),
        "{not json",
        json.dumps({"text": "no id"}),
        json.dumps({"id": "a2", "text": "نص عربي قصير."}),
    ]
    path.write_text("\n".join(rows), encoding="utf-8")
    articles, failures = read_file(path)
    assert [a.id for a in articles] == ["a1", "a2"]
    assert (
        articles[0].title == "عنوان" and articles[0].lang == "fa" and articles[0].url.endswith("a1")
    )
    assert [f.source for f in failures] == [f"{path}:2", f"{path}:3"]


def test_folders_are_walked_for_supported_files(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ["a.txt", "sub/b.html", "sub/c.jsonl", "sub/notes.md"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    files, failures = expand_inputs([tmp_path, tmp_path / "missing.txt"])
    assert sorted(p.name for p in files) == ["a.txt", "b.html", "c.jsonl"]
    assert failures[0].reason == "no such file or folder"
