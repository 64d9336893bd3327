import pytest

from mt.normalise import normalise, normalise_letters
from mt.zwnj import ZWNJ, learn_lexicon, restore_zwnj, zwnj_positions


@pytest.mark.parametrize(
    ("stripped", "restored"),
    [
        ("رئیسجمهور", "رئیس\u200cجمهور"),
        ("میدهد", "می\u200cدهد"),
        ("گرفتهاند", "گرفته\u200cاند"),
        ("همکاریهای", "همکاری\u200cهای"),
        ("منطقهای", "منطقه\u200cای"),
        ("نمیخواهم", "نمی\u200cخواهم"),
        # after a non-joining letter the joiner is invisible and FLORES/NTREX write it solid
        ("کشورها", "کشورها"),
        # words that merely look like affixed forms
        ("میان", "میان"),
        ("تنها", "تنها"),
    ],
)
def test_stripped_zwnj_is_restored(stripped, restored):
    assert restore_zwnj(stripped) == restored


def test_restoration_only_inserts_joiners():
    text = "دو کشور تصمیم گرفتهاند روابط خود را به سطحی راهبردی ارتقاء دهند و همکاریها را گسترش میدهند."
    assert restore_zwnj(text).replace(ZWNJ, "") == text


def test_lexicon_is_learned_from_text_with_joiners():
    lexicon = learn_lexicon(["کتاب\u200cخانه بزرگ", "کتاب\u200cخانه شهر", "کتابخانه"])
    assert lexicon.joined["کتابخانه"] == "کتاب\u200cخانه"
    assert restore_zwnj("کتابخانه", lexicon) == "کتاب\u200cخانه"


def test_zwnj_positions_are_offsets_in_stripped_text():
    assert zwnj_positions("می\u200cدهد و می\u200cرود") == {2, 10}


def test_persian_letters_digits_and_spacing():
    assert normalise_letters("علي  كريمي ۱۴۰۳ و ٣٫٥", "fa") == "علی کریمی 1403 و 3.5"


def test_arabic_typed_with_persian_letters():
    assert normalise_letters("فی طهران وموسکو", "ar") == "في طهران وموسكو"


def test_nfkc_tatweel_and_loose_joiners():
    # presentation-form lam-alef, a tatweel, and ZWNJs that join nothing
    assert normalise_letters("\ufefbبـــد \u200cکه\u200c", "fa") == "لابد که"


def test_arabic_is_not_given_persian_joiners():
    assert normalise("ميدهد", "ar") == "ميدهد"
    assert normalise("ميدهد", "fa") == "می\u200cدهد"
