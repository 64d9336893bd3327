"""The review page in a real browser: Debian's Chromium driven by Playwright."""

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import PROJECT
from tests.test_review_app import free_port
from ui.app import ReviewConfig, build_app, launch_kwargs

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = PROJECT / "outputs" / "screenshots" / "review.png"

if not CHROMIUM.exists():
    # scripts/install.sh installs it; in CI a missing browser is a failure, not a skip
    if os.environ.get("CI"):
        raise RuntimeError("/usr/bin/chromium is missing: run make install (apt chromium)")
    pytest.skip(
        "Debian's chromium is not installed (make install adds it)", allow_module_level=True
    )


@pytest.fixture
def page_url(review_folder, tmp_path):
    folder = tmp_path / "out"
    shutil.copytree(review_folder, folder)
    config = ReviewConfig(folder)
    app = build_app(config)
    port = free_port()
    app.queue().launch(
        server_port=port, prevent_thread_lock=True, quiet=True, **launch_kwargs(config)
    )
    yield f"http://127.0.0.1:{port}/"
    app.close()


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1100})
        yield page
        browser.close()


def open_document(page, doc_id):
    page.get_by_text(doc_id, exact=True).click()
    page.wait_for_selector(f".wb-view[data-doc='{doc_id}']", timeout=20000)


def test_review_in_the_browser(page_url, browser_page):
    page = browser_page
    page.goto(page_url)
    page.wait_for_selector("[data-sentence='0']", timeout=30000)
    open_document(page, "flores-fa")

    source = page.locator("#wb-src-2")
    assert source.get_attribute("dir") == "rtl"
    assert source.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert page.locator("#wb-mt-2").evaluate("e => getComputedStyle(e).direction") == "ltr"

    source.click()
    page.wait_for_selector("#wb-src-2.wb-selected")
    assert "wb-selected" in page.locator("#wb-mt-2").get_attribute("class")  # both columns
    first = page.locator("#wb-match-0")
    first.wait_for()
    page.locator("#reviewer textarea, #reviewer input").first.fill("alice")
    first.locator(".wb-accept").click()
    page.wait_for_selector("#wb-match-0.wb-accepted", timeout=20000)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=False)
    page.keyboard.press("j")  # next sentence
    page.wait_for_selector("#wb-src-3.wb-selected", timeout=20000)

    page.reload()
    page.wait_for_selector("[data-sentence='0']", timeout=30000)
    open_document(page, "flores-fa")
    page.locator("#wb-src-2").click()
    page.wait_for_selector("#wb-match-0.wb-accepted", timeout=20000)
    assert "accepted by alice" in page.locator("#wb-match-0 .wb-verdict").inner_text()

    page.locator("#wb-match-0 .wb-open").click()  # jump to the matched passage
    page.wait_for_selector(".wb-view:not([data-doc='flores-fa']) .wb-selected", timeout=20000)


def test_article_markup_shows_as_text(page_url, browser_page):
    page = browser_page
    page.goto(page_url)
    page.wait_for_selector("[data-sentence='0']", timeout=30000)
    open_document(page, "hostile")
    assert "<script>window.__pwned = 1</script>" in page.locator("#wb-src-0").inner_text()
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#view script, #view img").count() == 0
