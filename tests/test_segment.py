from mt.segment import split_long, split_sentences


def test_terminators_and_line_breaks_end_sentences():
    text = "اول این است. دوم چیست؟ سوم! چهارم؛ پنجم\nششم"
    assert split_sentences(text) == ["اول این است.", "دوم چیست؟", "سوم!", "چهارم؛", "پنجم", "ششم"]


def test_no_split_on_comma_numbers_abbreviations_quotes_or_ellipsis():
    text = (
        "او گفت: «ما آماده‌ایم. شما چطور» و رفت، قیمت ۳.۵ درصد و 2.75 دلار بود و ا. محمدی و... آمد."
    )
    assert split_sentences(text) == [text]


def test_double_marks_and_closing_quotes_stay_with_their_sentence():
    assert split_sentences("واقعا؟! «بله.» خیر.") == ["واقعا؟!", "«بله.»", "خیر."]


def test_quote_ending_in_a_terminator_ends_the_sentence():
    assert split_sentences("او گفت: «ما آماده‌ایم.» سپس رفت.") == [
        "او گفت: «ما آماده‌ایم.»",
        "سپس رفت.",
    ]


def test_missing_space_after_full_stop_still_splits_but_urls_do_not():
    assert split_sentences("امضا کنیم.در این مسیر سایت www.irna.ir است.") == [
        "امضا کنیم.",
        "در این مسیر سایت www.irna.ir است.",
    ]


def test_unclosed_quote_protects_nothing():
    assert split_sentences("«نقل قول باز. جمله بعد.") == ["«نقل قول باز.", "جمله بعد."]


def words(text: str) -> int:
    return len(text.split())


def test_long_sentence_is_cut_at_clause_boundaries_and_rejoins():
    sentence = (
        "رئیس جمهور گفت: دو کشور روابط خود را گسترش می‌دهند، همکاری‌های اقتصادی را تقویت می‌کنند "
        "و در زمینه انرژی، حمل و نقل و کشاورزی با هم کار خواهند کرد؛ نشست بعدی در تهران خواهد بود."
    )
    pieces = split_long(sentence, 12, words)
    assert len(pieces) > 1
    assert all(words(piece) <= 12 for piece in pieces)
    assert " ".join(pieces) == sentence
    assert pieces[0].endswith(("،", "؛", ":"))  # a clause mark, not the middle of a phrase


def test_short_sentence_is_one_piece():
    assert split_long("جمله کوتاه.", 12, words) == ["جمله کوتاه."]
