"""Search in a real browser (Debian's chromium driven by Playwright), through `tei serve`.

The site is the seeds' and the reference document's (tests/test_web.py builds it), its
search index made by Pagefind; `tei serve` runs as a command, on a free port.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tei.render.html import build_site
from tests.test_web import renderer, site, tei_dir  # noqa: F401  (shared fixtures)
from tests.test_web_browser import AXE_TAGS, SCREENSHOT_DIR, browser  # noqa: F401  (shared fixture)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def served(site):  # noqa: F811
    """`tei serve SITE --port 0`: the address it prints."""
    server, url = serve(site)
    try:
        assert url.startswith("http://"), url
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
        server.stdout.close()


def serve(folder: Path):
    """`tei serve FOLDER --port 0` as a command: (the process, the address it prints)."""
    server = subprocess.Popen([sys.executable, "-m", "tei", "serve", str(folder), "--port", "0", "--quiet"],
                              stdout=subprocess.PIPE, text=True)
    line = server.stdout.readline()
    url = re.search(r"http://127\.0\.0\.1:\d+/", line)
    return server, url.group(0) if url else line


@pytest.fixture(scope="module")
def sharded(tmp_path_factory, tei_dir, renderer):  # noqa: F811
    """The same site indexed in shards of about one document each, served."""
    out = tmp_path_factory.mktemp("sharded") / "web"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("tei.render.search.SHARD_PAGES", 1)
        build_site([tei_dir], out, renderer=renderer)
    server, url = serve(out)
    yield url, out
    server.terminate()
    server.wait(timeout=10)
    server.stdout.close()


@pytest.fixture
def search(browser, served):  # noqa: F811
    """Open the index page over HTTP and search: search("беседу") → the page, its first results all shown.

    Results are shown one by one as each one's data arrives: waiting for the first alone, a test read
    the marks of one result while the others were on their way (under load), and the first result for
    "conversing" has none (its words are in its title), so every search waits for all of them."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})

    def searcher(query: str):
        page = context.new_page()
        page.goto(served + "index.html")
        page.fill("#q", query)
        wait_for_results(page)
        return page

    yield searcher
    context.close()


FIRST_RESULTS, MORE_RESULTS = 5, 10   # results shown at first, and added by "More results" (edition.js)
SHOWN = """(count) => {
  const found = parseInt(document.getElementById("search-summary").textContent, 10);
  return found > 0 && document.querySelectorAll("#search-results li").length === Math.min(count, found);
}"""  # results are shown one by one as each arrives: wait for `count` of them (or all there are)


def wait_for_results(page, count: int = FIRST_RESULTS) -> None:
    page.wait_for_function(SHOWN, arg=count)


def result_texts(page) -> list[str]:
    return page.locator("#search-results li").all_inner_texts()


def test_a_russian_word_form_finds_the_others(search):
    """"беседу" is nowhere in the seeds; беседа, беседе and беседы are, in seed 002's original."""
    page = search("беседу")
    marked = {text.lower() for text in page.locator("#search-results mark").all_inner_texts()}
    assert marked & {"беседа", "беседе", "беседы"}, marked
    assert "беседу" not in marked
    assert all("Russian" in text for text in result_texts(page))


def test_an_english_word_form_finds_the_others(search):
    """"conversing" is nowhere in the seeds; conversation and conversations are."""
    page = search("conversing")
    marked = {text.lower().strip(".,") for text in page.locator("#search-results mark").all_inner_texts()}
    assert marked & {"conversation", "conversations"}, marked
    assert "conversing" not in marked


def test_one_box_searches_both_languages(search):
    page = search("Kim")
    wait_for_results(page)
    about = page.locator("#search-results .result-about").all_inner_texts()
    assert any("Russian" in a for a in about) and any("English" in a for a in about)


def test_a_filter_keeps_only_the_texts_it_names(search):
    page = search("Kim")
    page.locator("#search-filters summary").click()
    language = page.locator("select[data-facet='language']")
    language.wait_for()
    assert page.locator("select[data-facet='year'] option", has_text="1956").count() == 1
    language.select_option("Russian")
    page.wait_for_function("[...document.querySelectorAll('#search-results .result-about')]"
                           ".every(e => e.textContent.includes('Russian'))")
    assert page.locator("#search-results li").count() >= 1


def test_a_person_filter_keeps_only_the_documents_naming_that_person(search, site):  # noqa: F811
    page = search("Kim")
    page.locator("#search-filters summary").click()
    person = page.locator("select[data-facet='person']")
    person.wait_for()
    assert "Workers' Party of Korea" in page.locator("select[data-facet='organisation'] option").all_inner_texts()
    assert "Beijing" in page.locator("select[data-facet='place'] option").all_inner_texts()
    person.select_option("Mao Zedong")
    page.fill("#q", "")                                  # the filter alone: every text of those documents
    page.wait_for_function("document.getElementById('search-summary').textContent.includes('match the filters')")
    wait_for_results(page)
    hrefs = page.locator("#search-results li > a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    naming_him = {path.stem for path in site.glob("*.html") if 'href="persons.html#mao-zedong"' in path.read_text()}
    assert len(naming_him) == 2                          # seeds 003 and 004
    assert {href.split(".html")[0] for href in hrefs} == naming_him


def test_sorting_by_date_puts_the_oldest_first(search):
    page = search("Kim")
    wait_for_results(page)
    page.select_option("#search-sort", "asc")
    # September 16, 1956: the earliest seed (the wait fails the test if it never comes first)
    page.wait_for_function("document.querySelector('#search-results li > a')?.getAttribute('href')"
                           ".startsWith('004_')")
    dates = page.locator("#search-results .result-about").all_inner_texts()
    assert dates and dates[0].startswith("1956")


def test_a_result_opens_its_paragraph(search):
    page = search("беседу")
    link = page.locator("#search-results li > a").first
    href = link.get_attribute("href")
    assert re.fullmatch(r"[\w.-]+\.html#[\w-]+", href), href
    link.click()
    page.wait_for_url("**/" + href)
    anchor = href.split("#")[1]
    paragraph = page.locator(f"[id='{anchor}']")
    assert paragraph.is_visible()
    assert re.search("бесед", paragraph.inner_text(), re.IGNORECASE)


def test_from_a_file_the_search_box_says_to_use_tei_serve(browser, site):  # noqa: F811
    page = browser.new_page()
    page.goto((site / "index.html").as_uri())
    assert "tei serve" in page.locator("#search-summary").inner_text()
    page.close()


def test_the_results_pass_axe(search):
    from axe_playwright_python.sync_playwright import Axe

    page = search("Kim")
    page.locator("#search-filters summary").click()
    page.locator("select[data-facet='year']").wait_for()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.skipif(not SCREENSHOT_DIR, reason="set TEI_WEB_SCREENSHOTS=docs/screenshots to retake")
def test_take_the_readme_screenshot_of_the_search(search):
    """Not a check: retakes the README's screenshot of the search."""
    page = search("беседу")
    page.locator("#search-filters summary").click()
    page.locator("select[data-facet='year']").wait_for()
    page.set_viewport_size({"width": 390, "height": 844})
    out = Path(SCREENSHOT_DIR) / "web-index-search.png"
    page.screenshot(path=str(out))
    assert out.stat().st_size > 0


def test_an_edition_in_several_shards_is_searched_as_one(browser, sharded):  # noqa: F811
    url, folder = sharded
    assert len(json.loads((folder / "pagefind" / "shards.json").read_text())) >= 3
    page = browser.new_page()
    page.goto(url + "index.html")
    page.fill("#q", "Kim")
    wait_for_results(page)
    page.locator("#search-more").click()
    wait_for_results(page, FIRST_RESULTS + MORE_RESULTS)
    about = page.locator("#search-results .result-about").all_inner_texts()
    assert any("Russian" in a for a in about) and any("English" in a for a in about)
    page.fill("#q", "беседу")     # the marks of "Kim" are shown until the new results replace them
    page.wait_for_function("document.getElementById('search-summary').textContent.includes('беседу')")
    wait_for_results(page)
    assert "бесед" in page.locator("#search-results mark").first.inner_text().lower()
    page.close()


def test_a_search_fetches_no_filters_until_they_are_opened_and_no_web_worker(browser, served):  # noqa: F811
    page = browser.new_page()
    fetched = []
    page.on("requestfinished", lambda request: fetched.append(request.url.split("?")[0]))
    page.goto(served + "index.html", wait_until="networkidle")
    page.fill("#q", "Kim")
    wait_for_results(page)
    page.wait_for_load_state("networkidle")
    searched = list(fetched)
    assert any(name.endswith(".pf_index") for name in searched) and any(name.endswith(".pf_meta") for name in searched)
    assert not any(name.endswith(".pf_filter") or "worker" in name or "wasm.ru" in name for name in searched), searched
    page.locator("#search-filters summary").click()
    page.locator("select[data-facet='year']").wait_for()
    assert any(name.endswith(".pf_filter") for name in fetched[len(searched):])
    page.close()


def test_a_search_fetches_the_records_of_the_results_it_shows_and_more_on_asking(browser, served):  # noqa: F811
    """Each result shown is a record fetched: a screenful first, the next ones when the reader asks."""
    page = browser.new_page()
    records = []
    page.on("requestfinished", lambda request: records.append(request.url) if ".pf_fragment" in request.url else None)
    page.goto(served + "index.html", wait_until="networkidle")
    page.fill("#q", "Kim")
    wait_for_results(page)
    page.wait_for_load_state("networkidle")
    found = int(page.locator("#search-summary").inner_text().split()[0])
    assert found > FIRST_RESULTS and len(records) == FIRST_RESULTS
    page.locator("#search-more").click()
    wait_for_results(page, FIRST_RESULTS + MORE_RESULTS)
    page.wait_for_load_state("networkidle")
    assert len(records) == len(set(records)) == min(found, FIRST_RESULTS + MORE_RESULTS)
    assert page.locator("#search-more").is_hidden() == (found <= FIRST_RESULTS + MORE_RESULTS)
    page.close()


def test_one_letter_is_not_searched_for_two_are(browser, served):  # noqa: F811
    """A letter alone would fetch the word index of every word it begins, in every index."""
    page = browser.new_page()
    fetched = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    page.goto(served + "index.html", wait_until="networkidle")
    page.fill("#q", "K")
    page.wait_for_function("document.getElementById('search-summary').textContent.includes('another letter')")
    page.wait_for_load_state("networkidle")
    assert not any(name.endswith(".pf_index") for name in fetched)
    page.fill("#q", "Ki")
    page.wait_for_selector("#search-results li")
    assert any(name.endswith(".pf_index") for name in fetched)
    page.close()


SUMMARIES = """() => {
  window.summaries = [];
  const summary = document.getElementById("search-summary");
  new MutationObserver(() => window.summaries.push(summary.textContent))
    .observe(summary, { childList: true, characterData: true, subtree: true });
}"""   # every summary the search box shows, from now on
TYPED = """async (word) => {
  const input = document.getElementById("q");
  for (let length = 1; length <= word.length; length++) {
    input.value = word.slice(0, length);
    input.dispatchEvent(new Event("input"));
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}"""   # a key each 150 ms, by the page's own clock: on a busy machine the box's pause is late as much


def test_two_letters_are_searched_once_the_reader_pauses_not_at_each_key(browser, served):  # noqa: F811
    """Each prefix searched fetches a chunk of the word index from every index; two letters are
    mostly on the way to a longer word (at 150 ms a key, as benchmarks/web.py types)."""
    page = browser.new_page()
    page.goto(served + "index.html", wait_until="networkidle")
    page.evaluate(SUMMARIES)
    page.evaluate(TYPED, "Kim")
    page.wait_for_function("document.getElementById('search-summary').textContent.includes('“Kim”')")
    assert not any("“Ki”" in summary for summary in page.evaluate("window.summaries"))
    page.fill("#q", "Ki")
    page.wait_for_function("document.getElementById('search-summary').textContent.includes('“Ki”')")
    page.close()


def dates_by_page(folder: Path) -> dict[str, str]:
    """Each document page's date, from the indexes' dates.json and their records' addresses."""
    import gzip

    dates = {}
    for index in (folder / "pagefind").glob("*/"):
        listed = json.loads((index / "dates.json").read_text())
        for record in (index / "fragment").glob("*.pf_fragment"):
            url = json.loads(gzip.decompress(record.read_bytes()).removeprefix(b"pagefind_dcd"))["url"]
            if record.stem in listed:
                dates[url.rsplit("/", 1)[-1]] = listed[record.stem]
    return dates


def test_the_order_by_date_holds_across_the_indexes(browser, sharded):  # noqa: F811
    url, folder = sharded
    dates = dates_by_page(folder)
    page = browser.new_page()
    page.goto(url + "index.html")
    for order in ("asc", "desc"):
        page.select_option("#search-sort", order)
        page.fill("#q", "")
        page.fill("#q", "Kim")
        wait_for_results(page)
        page.locator("#search-more").click()                 # the order holds on from the first results
        wait_for_results(page, FIRST_RESULTS + MORE_RESULTS)
        shown = [dates.get(href.split("#")[0], "") for href in
                 page.locator("#search-results li > a").evaluate_all("links => links.map(a => a.getAttribute('href'))")]
        dated = sorted(filter(None, shown), reverse=order == "desc")       # the undated last
        assert len(set(dated)) >= 3 and shown == dated + [""] * (len(shown) - len(dated)), (order, shown)
    page.close()


def fonts_fetched(browser, url: str) -> set[str]:  # noqa: F811
    page = browser.new_page()
    fetched = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    page.goto(url, wait_until="networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.close()
    return {address.rsplit("/", 1)[-1] for address in fetched if address.endswith(".woff2")}


def test_a_page_fetches_the_fonts_of_the_scripts_it_shows_only(browser, served, site):  # noqa: F811
    index = fonts_fetched(browser, served + "index.html")
    assert index and all(name.endswith("-latin.woff2") for name in index), index
    assert not re.search("[\u0400-\u04ff]", (site / "index.html").read_text(encoding="utf-8"))
    russian = fonts_fetched(browser, served + "features.html")
    assert "NotoSerif-Regular-cyrillic.woff2" in russian and "NotoSerif-Regular-latin.woff2" in russian


@pytest.fixture(scope="module")
def chunked_and_whole(tmp_path_factory, tei_dir, renderer):  # noqa: F811
    """The site with its word index cut into chunks of 40 entries, and with it in one chunk."""
    sites = {}
    for name, entries in (("chunked", 40), ("whole", 10**9)):
        sites[name] = tmp_path_factory.mktemp(name) / "web"
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("tei.render.search.INDEX_CHUNK", entries)
            build_site([tei_dir], sites[name], renderer=renderer)
    return sites


def texts_found(browser, url: str, word: str) -> int:  # noqa: F811
    page = browser.new_page()
    page.goto(url + "index.html")
    page.fill("#q", word)
    page.wait_for_function("""(word) => document.getElementById("search-summary").textContent.includes(word)""",
                           arg=f"“{word}”")
    found = int(page.locator("#search-summary").inner_text().split()[0])
    page.close()
    return found


def test_a_start_whose_words_fall_in_two_chunks_finds_what_one_chunk_finds(browser, chunked_and_whole):  # noqa: F811
    """Pagefind fetches one chunk for a word and looks in it for the words it begins: a start whose
    words fell on both sides of a chunk's end found only one side's texts."""
    from tei.render.search_meta import pagefind_data

    starts = set()
    for meta in chunked_and_whole["chunked"].glob("pagefind/*/*.pf_meta"):
        chunks = [name for first, last, name in pagefind_data(meta)[2] if first != last]   # not a start's own
        words = [[word for word, *_ in pagefind_data(meta.parent / "index" / f"{name}.pf_index")[0]] for name in chunks]
        for before, after in zip(words, words[1:]):
            common = os.path.commonprefix([before[-1], after[0]])
            starts.update(common[:length] for length in range(3, len(common) + 1))
    starts = sorted(starts)
    assert len(starts) >= 3
    servers = {name: serve(folder) for name, folder in chunked_and_whole.items()}
    try:
        found = {name: [texts_found(browser, url, start) for start in starts[:8]] for name, (_, url) in servers.items()}
    finally:
        for server, _ in servers.values():
            server.terminate()
            server.wait(timeout=10)
            server.stdout.close()
    assert found["chunked"] == found["whole"] and all(found["whole"]), (starts[:8], found)
