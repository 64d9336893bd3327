"""Dropping page chrome from scraped article text, keeping the headline as the title.

HTML pages go through trafilatura first; what it returns, and plain-text scrapes, still carry the
chrome that news sites put inside the article body (news codes, end-of-story markers, share and
print links, source credits, aggregator disclaimers). No library knows these Persian/Arabic site
conventions, so the rules live here, each one named, and every line they remove is kept in
`CleanedText.dropped` for the reviewer to see.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_TERMINAL_PUNCTUATION = tuple(".!?؟؛")
_MAX_TITLE_WORDS = 30


def match_key(line: str) -> str:
    """A form of a line for rule matching: Arabic yeh/kaf folded to Persian, ZWNJ and tatweel
    removed, spaces collapsed."""
    folded = line.translate(str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "\u200c": " ", "ـ": None}))
    return " ".join(folded.split())


def _rule(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# End-of-story markers: the marker and everything after it are page furniture.
END_MARKER = _rule(r"^/?\s*(انتهای پیام|انتهی|انتهى)\s*/?$")

# Whole-line chrome, matched against match_key(line).
CHROME_RULES: dict[str, re.Pattern[str]] = {
    "news code": _rule(r"^(کد خبر|شناسه خبر|کد مطلب|رمز الخبر|رقم الخبر)\s*[:：]?\s*[\d۰-۹٠-٩]+$"),
    "update stamp": _rule(
        r"^(التحدیث الاخیر|التحدیث الأخیر|آخر تحدیث|تاریخ انتشار|تاریخ النشر|"
        r"آخرین بروزرسانی|آخرین به روزرسانی|به روز شده)\b.{0,60}$"
    ),
    "source credit": _rule(r"^(منبع|المصدر|مصدر|source)\s*[:/|]\s*\S.{0,40}$"),
    "share, print or comment links": _rule(
        r"^((طباعة الخبر|ارسال الخبر الی صدیق|اضافة تعلیق|ارسال نظر|نظر دهید|چاپ خبر|"
        r"اشتراک گذاری|اشتراک‌گذاری|شارک|لینک کوتاه|لینک منبع اصلی خبر|لینک خبر در .{1,30}|"
        r"بازگشت به صفحه|تعلیقات|التعلیقات)\s*)+$"
    ),
    "related news box": _rule(
        r"^(اخبار مرتبط|خبرهای مرتبط|اخبار روز|اخبار از|پیشنهاد امروز|پیشنهاد سردبیر|"
        r"بیشتر بخوانید|اخبار ذات صلة|أخبار ذات صلة|اقرأ أیضا|اقرأ ایضا|مواضیع ذات صلة)\b.{0,40}$"
    ),
    "app promotion": _rule(r"^(نرم ?افزار|اپلیکیشن|دانلود اپلیکیشن|حمل تطبیق|تطبیق)\b.{0,40}$"),
    "social media promotion": _rule(
        r"^(با ما در شبکه ?های اجتماعی|ما را در .{1,30} دنبال کنید|تابعونا|تابعوا)\b.*$"
    ),
    "aggregator disclaimer": _rule(
        r".*(هیچگونه مسئولیتی|هیچ گونه مسئولیتی|به صورت خودکار در این سایت|"
        r"جمع آوری شده است|در صورت مغایرت|جمیع الحقوق محفوظة|کلیه حقوق).*"
    ),
}

# Short lines naming the publisher, above the headline.
MASTHEAD = _rule(r"^(خبرگزاری|وکالة|وكالة|پایگاه خبری|پایگاه اطلاع رسانی|روزنامه|صحیفة)\b.{0,40}$")


@dataclass(frozen=True)
class CleanedText:
    title: str
    paragraphs: list[str]
    dropped: list[str]


def is_stray(line: str) -> bool:
    """Latin-only scraps (test strings like 'asdasd', menu words) in an Arabic-script page."""
    return not ARABIC_SCRIPT.search(line) and len(line.split()) <= 3


def chrome_reason(line: str) -> str | None:
    key = match_key(line)
    for name, pattern in CHROME_RULES.items():
        if pattern.match(key):
            return name
    if is_stray(line):
        return "stray text"
    return None


def clean_text(text: str, title: str | None = None) -> CleanedText:
    """Split a scraped article into title, body paragraphs and dropped lines (in page order).

    `title` is a headline already known (an HTML <title>, a jsonl field); when the text starts
    with it, that line is not repeated in the body.
    """
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    repeated = {line for line, count in Counter(lines).items() if count > 1}
    kept: list[tuple[int, str]] = []
    dropped: list[tuple[int, str]] = []
    for position, line in enumerate(lines):
        if END_MARKER.match(match_key(line)):
            dropped.extend(enumerate(lines[position:], start=position))
            break
        # Article text does not repeat whole lines; page boxes and disclaimers do.
        if line in repeated or chrome_reason(line) is not None:
            dropped.append((position, line))
        else:
            kept.append((position, line))

    # The publisher's name above the headline.
    while (
        kept
        and MASTHEAD.match(match_key(kept[0][1]))
        and not kept[0][1].endswith(_TERMINAL_PUNCTUATION)
    ):
        dropped.append(kept.pop(0))

    headline, body = split_headline([line for _, line in kept], title)
    return CleanedText(
        title=headline, paragraphs=body, dropped=[line for _, line in sorted(dropped)]
    )


def split_headline(lines: list[str], known_title: str | None) -> tuple[str, list[str]]:
    """The headline is the first short line without final punctuation. A kicker ending in a
    colon ('Deputy chief of staff:') belongs to the headline below it."""
    if known_title:
        known = " ".join(known_title.split())
        body = lines[1:] if lines and match_key(lines[0]) == match_key(known) else lines
        return known, body
    if not lines:
        return "", []
    first = lines[0]
    if len(lines) > 1 and first.endswith((":", "：")) and _looks_like_headline(lines[1]):
        return f"{first} {lines[1]}", lines[2:]
    if _looks_like_headline(first) and len(lines) > 1:
        return first, lines[1:]
    return "", lines


def _looks_like_headline(line: str) -> bool:
    return len(line.split()) <= _MAX_TITLE_WORDS and not line.endswith(_TERMINAL_PUNCTUATION)
