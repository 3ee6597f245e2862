"""The web edition in a real browser (Debian's chromium driven by Playwright), from file://.

One browser for the whole module; each test opens its own page.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.test_web import renderer, site, tei_dir  # noqa: F401  (shared fixtures)

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (bash .ci/setup installs it)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, site):  # noqa: F811
    """Open a page of the site: open_page("features.html", width=1280, javascript=True)."""
    contexts = []

    def opener(name: str, width: int = 1280, javascript: bool = True, scheme: str = "light"):
        context = browser.new_context(viewport={"width": width, "height": 900},
                                      java_script_enabled=javascript, color_scheme=scheme)
        contexts.append(context)
        page = context.new_page()
        path, mark, rest = next(((name.partition(m)) for m in "?#" if m in name), (name, "", ""))
        page.goto((site / path).as_uri() + mark + rest)
        return page

    yield opener
    for context in contexts:
        context.close()


def test_view_switch_shows_deletions_and_abbreviations_and_is_remembered(open_page):
    page = open_page("features.html")
    deletion = page.locator("del", has_text="Трудовой")
    expansion = page.locator(".tei-ex", has_text="entral")
    assert not deletion.is_visible() and expansion.is_visible()
    page.get_by_text("Diplomatic", exact=True).click()
    assert deletion.is_visible() and not expansion.is_visible()
    page.reload()
    assert page.locator("#view-diplomatic").is_checked()
    assert deletion.is_visible()


def test_views_switch_without_javascript(open_page):
    page = open_page("features.html", javascript=False)
    deletion = page.locator("del", has_text="Трудовой")
    assert not deletion.is_visible()
    page.get_by_text("Diplomatic", exact=True).click()
    assert deletion.is_visible()


def test_note_popover_opens_and_closes_from_the_keyboard(open_page):
    page = open_page("features.html")
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "ref-note-1":
            break
    else:
        pytest.fail("the first note's marker cannot be reached with Tab")
    popover = page.locator("#pop-note-1")
    assert not popover.is_visible()
    page.keyboard.press("Enter")
    assert popover.is_visible()
    assert "We completely disagree" in popover.inner_text()
    page.keyboard.press("Escape")
    assert not popover.is_visible()


def test_variant_marker_shows_the_handwritten_reading(open_page):
    page = open_page("features.html")
    page.locator(".app-inserted .app-marker").click()
    popover = page.locator(".app-inserted .app-popover")
    assert popover.is_visible()
    assert "and the CC plenum" in popover.inner_text()
    page.keyboard.press("Escape")
    page.locator(".app-deleted .app-marker").click()
    deleted = page.locator(".app-deleted .app-popover del")
    assert deleted.is_visible(), "a deleted reading shows in its popover in the reading view"


def test_side_by_side_aligns_paragraphs_and_each_text_can_be_shown_alone(open_page):
    page = open_page("features.html")
    original, translation = page.locator("#p-ru-2"), page.locator("#p-en-2")
    assert original.bounding_box()["y"] == translation.bounding_box()["y"]
    assert original.bounding_box()["x"] < translation.bounding_box()["x"]
    page.get_by_text("Original", exact=True).click()
    assert original.is_visible() and not translation.is_visible()
    page.get_by_text("Translation", exact=True).click()
    assert translation.is_visible() and not original.is_visible()


def test_index_table_sorts_by_a_column(open_page):
    page = open_page("index.html")
    page.get_by_role("button", name="Title").click()
    titles = page.locator("#doc-index tbody td:nth-child(3)").all_inner_texts()
    assert titles == sorted(titles, key=str.lower)
    assert page.locator("th:nth-child(3)").get_attribute("aria-sort") == "ascending"


def test_undated_documents_sort_after_the_dated_ones_both_ways(open_page):
    page = open_page("index.html")
    dates = page.locator("#doc-index tbody td:nth-child(2)")
    seen = set()
    for _ in range(2):
        page.get_by_role("button", name="Date").click()
        direction = page.locator("th:nth-child(2)").get_attribute("aria-sort")
        seen.add(direction)
        keys = [dates.nth(i).get_attribute("data-sort") for i in range(dates.count())]
        dated = [key for key in keys if key]
        assert dated and len(dated) < len(keys)
        assert keys == dated + [""] * (len(keys) - len(dated))
        assert dated == sorted(dated, reverse=direction == "descending")
    assert seen == {"ascending", "descending"}


def test_copy_button_copies_the_citation(open_page):
    page = open_page("features.html")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_text("About this document").click()
    page.get_by_role("button", name="Copy citation").click()
    page.wait_for_function("document.querySelector('.copy-status').textContent !== ''")
    assert page.locator(".copy-status").inner_text() == "Citation copied."


def test_phone_width_needs_no_sideways_scrolling(open_page, site):  # noqa: F811
    for name in ["index.html", *(p.name for p in sorted(site.glob("0*.html"))), "features.html"]:
        page = open_page(name, width=375)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, name


def test_pages_load_nothing_from_outside_the_site(open_page, site):  # noqa: F811
    page = open_page("index.html")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for name in ("features.html", "index.html"):
        page.goto((site / name).as_uri())
        page.wait_for_load_state("load")
    assert requests and all(url.startswith("file://") for url in requests)


@pytest.mark.parametrize("name, width, view, scheme", [
    ("features.html", 1280, "reading", "light"), ("features.html", 1280, "diplomatic", "light"),
    ("features.html", 375, "diplomatic", "light"), ("features.html", 1280, "diplomatic", "dark"),
    ("index.html", 1280, "reading", "light"), ("index.html?q=Kim", 375, "reading", "dark"),
])
def test_axe_finds_no_accessibility_violations(open_page, name, width, view, scheme):
    from axe_playwright_python.sync_playwright import Axe

    page = open_page(name, width=width, scheme=scheme)
    if view == "diplomatic":
        page.get_by_text("Diplomatic", exact=True).click()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, results.generate_report()


def test_print_hides_the_controls_and_keeps_the_text(open_page):
    page = open_page("features.html")
    page.emulate_media(media="print")
    assert not page.locator(".switches").is_visible()
    assert not page.locator(".site-header").is_visible()
    assert page.locator("#p-en-1").is_visible() and page.locator("#note-1").is_visible()


def test_every_seed_page_passes_axe(open_page, site):  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe

    for path in sorted(site.glob("0*.html")):
        page = open_page(path.name)
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        assert results.violations_count == 0, (path.name, results.generate_report())


SCREENSHOT_DIR = os.environ.get("TEI_WEB_SCREENSHOTS", "")
SCREENSHOT_PAGE = "002_3e0987d1e7ed6dfd.html"  # original and translation, hands, variants


@pytest.mark.skipif(not SCREENSHOT_DIR, reason="set TEI_WEB_SCREENSHOTS=docs/screenshots to retake")
def test_take_readme_screenshots(open_page, site):  # noqa: F811
    """Not a check: retakes the README's screenshots (desktop and phone, both views; the search's
    is taken in tests/test_search_browser.py, through `tei serve`)."""
    out = Path(SCREENSHOT_DIR)
    out.mkdir(parents=True, exist_ok=True)
    for device, width in (("desktop", 1280), ("phone", 390)):
        for view in ("reading", "diplomatic"):
            page = open_page(SCREENSHOT_PAGE, width=width)
            if view == "diplomatic":
                page.get_by_text("Diplomatic", exact=True).click()
            page.evaluate("window.scrollTo(0, document.querySelector('.texts-section')"
                          ".getBoundingClientRect().top + window.scrollY - 70)")
            page.screenshot(path=str(out / f"web-{device}-{view}.png"))
    assert (out / "web-phone-diplomatic.png").stat().st_size > 0


def test_the_parts_of_a_split_handwritten_passage_light_up_together(open_page):
    page = open_page("features.html")
    page.locator("[data-chain='hw-2-1']").first.hover()
    assert page.locator(".chain-active").count() == 5


SEED_004 = "004_e498531131f8b392.html"
SEED_003 = "003_e138d62deb00a27f.html"


@pytest.mark.parametrize("view", ["reading", "diplomatic"])
def test_editorial_brackets_stay_visible_in_both_views(open_page, view):
    page = open_page(SEED_004)
    if view == "diplomatic":
        page.get_by_text("Diplomatic", exact=True).click()
    text = " ".join(page.locator(".col-translation").all_inner_texts())
    assert "When he [Mao Zedong] mentioned" in " ".join(text.split())
    assert "had him [Pak] executed" in " ".join(text.split())
    page = open_page(SEED_003)
    if view == "diplomatic":
        page.get_by_text("Diplomatic", exact=True).click()
    text = " ".join(page.locator(".texts").inner_text().split())
    assert "on 19 August [SIC] at 7 A. M." in text


def test_a_permalink_opens_its_paragraph_and_the_citation_is_visible(open_page):
    page = open_page(SEED_004)
    link = page.locator(".col-translation .permalink").nth(1).get_attribute("href")
    page = open_page(SEED_004 + link)
    target = page.locator(".tei-p:has(> .permalink-target:target)")
    assert target.count() == 1 and target.is_visible()
    assert "had him [Pak] executed" in target.inner_text()
    box = target.bounding_box()
    assert 0 <= box["y"] < 900, "the browser scrolled to the paragraph"
    page.get_by_text("About this document").click()
    assert page.locator("#citation").inner_text().startswith("Mikoyan, “Cable from Cde. Mikoyan")
    assert page.locator("head meta[name='citation_title']").count() == 1


SEED_002 = "002_3e0987d1e7ed6dfd.html"


def test_seed_002_side_by_side_rows_stay_level_though_the_counts_differ(open_page):
    page = open_page(SEED_002)
    for russian, english in (("p-ru-9", "p-en-9"), ("p-ru-20", "p-en-19"), ("p-ru-21", "p-en-21"),
                             ("p-ru-26", "p-en-26")):
        left, right = page.locator(f"#{russian}").bounding_box(), page.locator(f"#{english}").bounding_box()
        assert left["y"] == right["y"] and left["x"] < right["x"], (russian, english)
    assert page.locator(".parallel .row.aligned").count() == 24


def test_the_machine_read_original_says_so_above_the_texts(open_page):
    page = open_page(SEED_002)
    note = page.locator(".machine-read-note")
    assert note.is_visible()
    assert "The Russian text is machine-read from the scan (OCR) and has not been corrected" in note.inner_text()
    assert page.locator(".machine-read-note").bounding_box()["y"] < page.locator("#p-ru-1").bounding_box()["y"]


def pseudo(page, selector: str, which: str, prop: str) -> str:
    return page.evaluate(f"getComputedStyle(document.querySelector({selector!r}), '{which}')"
                         f".getPropertyValue({prop!r})")


def test_insertions_have_paired_marks_at_body_size_and_their_hand_without_hovering(open_page):
    page = open_page(SEED_003)
    page.get_by_text("Diplomatic", exact=True).click()
    assert pseudo(page, ".tei-add .inserted", "::before", "content") == '"⸢"'
    assert pseudo(page, ".tei-add .inserted", "::after", "content") == '"⸣"'
    body_size = page.evaluate("getComputedStyle(document.querySelector('.tei-p')).fontSize")
    assert pseudo(page, ".tei-add .inserted", "::after", "font-size") == body_size
    assert "hand 1" in pseudo(page, ".tei-add", "::after", "content")
    assert "hand 1" in pseudo(page, ".sign-handwritten[data-hand]", "::before", "content")
    page.get_by_text("Reading", exact=True).click()
    assert pseudo(page, ".tei-add .inserted", "::before", "content") == "none"


def test_an_abbreviation_shows_its_expansion_on_keyboard_focus(open_page):
    page = open_page(SEED_004)
    page.get_by_text("Diplomatic", exact=True).click()
    abbreviation = page.locator("abbr.tei-expan").first
    assert pseudo(page, "abbr.tei-expan", "::after", "content") == "none"
    abbreviation.focus()
    assert pseudo(page, "abbr.tei-expan", "::after", "content") == '" (" attr(data-expansion) ")"' or \
        "comrade" in pseudo(page, "abbr.tei-expan", "::after", "content")
    assert page.evaluate("document.activeElement.tagName") == "ABBR"
    assert page.evaluate("getComputedStyle(document.querySelector('abbr.tei-expan')).textDecorationLine") == "none"


def test_handwriting_is_not_coloured_like_a_link(open_page):
    page = open_page(SEED_003)
    for view in ("Reading", "Diplomatic"):
        page.get_by_text(view, exact=True).click()
        hand = page.evaluate("getComputedStyle(document.querySelector('.sign-handwritten')).color")
        link = page.evaluate("getComputedStyle(document.querySelector('main a')).color")
        text = page.evaluate("getComputedStyle(document.querySelector('.tei-p')).color")
        assert hand != link and hand == text, view


def test_on_a_phone_the_texts_switch_stays_on_one_line_and_the_text_starts_on_the_first_screen(open_page):
    for name in (SEED_002, SEED_004):
        page = open_page(name, width=390)
        tops = {round(box["y"]) for box in (label.bounding_box() for label in
                                            page.locator(".texts-switch label").all())}
        assert len(tops) == 1, name
        assert page.locator(".texts-section").bounding_box()["y"] < 900 - 200, name
        assert not page.locator("#citation").is_visible(), "the panel is folded"
        page.get_by_text("About this document").click()
        assert page.locator("#citation").is_visible()


def test_a_note_popover_opens_next_to_its_call(open_page):
    page = open_page(SEED_003)
    call = page.locator(".note-marker").first
    call.scroll_into_view_if_needed()
    call.click()
    popover = page.locator(f"#{call.get_attribute('popovertarget')}")
    assert popover.is_visible()
    button, box = call.bounding_box(), popover.bounding_box()
    near_below = 0 <= box["y"] - (button["y"] + button["height"]) <= 20
    near_above = 0 <= button["y"] - (box["y"] + box["height"]) <= 20
    assert near_below or near_above
    assert box["x"] <= button["x"] + button["width"]
