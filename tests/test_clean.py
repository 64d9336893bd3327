import pytest

from mt.clean import clean_text

# What a reader of each seed sees as page chrome, and its headline (checked by hand).
SEED_EXPECTATIONS = {
    "000": (
        "معاون سیاسی دفتر رئیسجمهور: هیچگاه روابط ایران و روسیه در این سطح نبوده است",
        [
            "خبرگزاری کار ایران",
            "asdasd",
            "کد خبر : ۳۲۴۹۶۰",
            "انتهای پیام/",
            "نرم افزار موبایل ایلنا",
            "ارسال نظر",
            "اخبار مرتبط سایر رسانه ها",
            "اخبار از پلیکان",
        ],
    ),
    "001": (
        "روابط ایران و روسیه اجتنابناپذیر و برای دو کشور مفید است",
        [
            "با ما در شبكه های اجتماعی همراه باشيد: اينستاگرام شجرنيوز ، تلگرام شجرنيوز",
            "منبع: ایسنا",
        ],
    ),
    "002": (
        "همکاریهای ایران و روسیه موجب قدرتافزایی دو کشور در مقابله با آمریکا میشود",
        [
            "انتهای پیام",
            "لینک منبع اصلی خبر",
            "لینک خبر در ارتباط اقتصادی",
            "این خبر توسط موتور ارتباط اقتصادی جمع آوری شده است در صورت مغایرت اطلاع دهید",
        ],
    ),
    "003": ("روحانی: التعاون بین طهران وموسکو فی مواجهة الإرهاب مستمر", ["/انتهى/"]),
    "004": (
        "ولايتي يلتقى كبير مساعدي بوتين ويبحث معه تعزير العلاقات الروسية الإيرانية",
        [
            "التحديث الاخير بتاريخ|السبت, مايو 4, 2024",
            "المصدر / الوقت",
            "طباعة الخبر طباعة الخبر ارسال الخبر الى صديق ارسال الخبر الى صديق",
            "اضافة تعليق",
        ],
    ),
}
BODY_PARAGRAPHS = {"000": 6, "001": 9, "002": 6, "003": 9, "004": 15}


@pytest.mark.parametrize("seed", sorted(SEED_EXPECTATIONS))
def test_seed_chrome_is_dropped_and_headline_kept(seed, seed_files):
    path = next(p for p in seed_files if p.name.startswith(seed))
    cleaned = clean_text(path.read_text("utf-8"))
    title, chrome = SEED_EXPECTATIONS[seed]
    assert cleaned.title == title
    for line in chrome:
        assert line in cleaned.dropped
        assert all(line not in paragraph for paragraph in cleaned.paragraphs)
    assert len(cleaned.paragraphs) == BODY_PARAGRAPHS[seed]


def test_repeated_disclaimer_is_dropped_every_time(seed_files):
    cleaned = clean_text(seed_files[0].read_text("utf-8"))
    disclaimers = [line for line in cleaned.dropped if "هیچگونه مسئولیتی" in line]
    assert len(disclaimers) == 2


def test_body_sentence_resembling_chrome_is_kept():
    text = "عنوان خبر\nمنبع آگاه گفت که مذاکرات ادامه دارد و دو طرف به توافق نزدیک شده‌اند.\n"
    cleaned = clean_text(text)
    assert cleaned.title == "عنوان خبر"
    assert cleaned.paragraphs == [
        "منبع آگاه گفت که مذاکرات ادامه دارد و دو طرف به توافق نزدیک شده‌اند."
    ]
    assert cleaned.dropped == []


def test_known_title_is_not_repeated_in_the_body():
    cleaned = clean_text("خبر مهم\nمتن خبر اینجاست.", title="خبر مهم")
    assert cleaned.title == "خبر مهم" and cleaned.paragraphs == ["متن خبر اینجاست."]
