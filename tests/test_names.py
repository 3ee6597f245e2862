"""Output names: one function names every output of a document, readable and unique."""

from __future__ import annotations

import pytest

from tei.names import DocumentOutputs, document_names, path_hash, readable_name


@pytest.mark.parametrize(("stem", "name"), [
    ("Letter (draft)", "Letter-draft"),
    ("Letter of 3 May (draft)", "Letter-of-3-May-draft"),
    ("письмо", "pismo"),
    ("отчёт", "otchyot"),
    ("Щит и Ёж", "Shchit-i-Yozh"),
    ("Café résumé", "Cafe-resume"),
    ("doc.v2", "doc.v2"),
    ("..hidden..", "hidden"),
    ("日本", "document"),
    ("000_423cda980137f6e9", "000_423cda980137f6e9"),
])
def test_a_name_is_readable_and_safe(stem, name):
    assert readable_name(stem) == name


def test_a_long_stem_is_cut_to_eighty_characters():
    assert len(readable_name("x" * 300)) == 80


def test_sources_that_would_clash_get_a_hash_of_their_path_and_a_clean_name_keeps_its_own():
    names = document_names(["doc 1.txt", "doc-1.txt"])
    assert names == {"doc-1.txt": "doc-1", "doc 1.txt": f"doc-1-{path_hash('doc 1.txt')[:8]}"}


@pytest.mark.parametrize("pair", [
    ("a/x.txt", "b/x.txt"), ("Doc.txt", "doc.txt"), ("日本.txt", "中国.txt"),
    ("письмо.txt", "отчёт.txt"), ("doc 1.txt", "doc-1.txt"), ("a (1).txt", "a [1].txt"),
])
def test_two_sources_never_share_a_name_even_ignoring_case(pair):
    names = document_names(pair)
    assert len({name.casefold() for name in names.values()}) == 2


def test_the_index_page_and_the_volume_keep_their_names():
    names = document_names(["index.txt", "edition.txt", "Index.txt", "index-2.txt", "INDEX-12.txt"])
    assert not {name.casefold() for name in names.values()} & {"index", "edition", "index-2", "index-12"}


def test_the_lists_and_their_further_pages_keep_their_names():
    taken = ["persons.txt", "Places.txt", "chronology-3.txt", "persons-kim-il-sung.txt", "places-moscow.2.txt"]
    names = document_names(taken)
    assert not {name.casefold() for name in names.values()} & {n.removesuffix(".txt").casefold() for n in taken}
    assert document_names(["chronology-notes.txt"]) == {"chronology-notes.txt": "chronology-notes"}


def test_names_do_not_depend_on_order_or_repetition():
    sources = ["b/x.txt", "a/x.txt", "письмо.txt", "a/x.txt"]
    assert document_names(sources) == document_names(sorted(set(sources)))


def test_every_output_is_named_after_the_document():
    outputs = DocumentOutputs("pismo")
    assert (outputs.tei, outputs.page, outputs.text, outputs.tei_download, outputs.pdf) == (
        "tei/pismo.xml", "web/pismo.html", "web/text/pismo.txt", "web/tei/pismo.xml", "pdf/pismo.pdf")
    assert outputs.pdf_from_page == "../pdf/pismo.pdf"
    assert outputs.citation_url("https://example.org/ed/") == "https://example.org/ed/pismo.html"
    assert outputs.citation_url("") == ""
