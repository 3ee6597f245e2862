"""Source text → document model: header, parts, blocks, inline trees, diagnostics."""

from __future__ import annotations

import re

from tei.conventions import DEFAULT_PRESET
from tei.reader.blocks import RawBlock, Unit, classify_part, split_blocks, split_languages
from tei.reader.entities import NameIndex, default_index
from tei.reader.header import find_header
from tei.reader.inline import InlineBuilder, pair_delimiters
from tei.reader.model import Block, Diagnostic, Document, Header, Occurrence, TextPart
from tei.reader.recognise import Recogniser
from tei.reader.source import SourceText, check_line_lengths, check_not_empty, check_xml_characters, prepare
from tei.reader.tokens import LABEL_OF, Token, tokenize

LANGUAGE_CODES = {"russian": "ru", "english": "en", "chinese": "zh", "korean": "ko",
                  "german": "de", "french": "fr", "polish": "pl", "hungarian": "hu"}


def read(source_text: str | bytes, name: str = "document", encoding: str = "utf-8",
         preset: str = DEFAULT_PRESET, names: NameIndex | None | bool = True) -> Document:
    """Read a transcription (text, or bytes in `encoding`) with the conventions of `preset`.

    `names` is the index of the authority lists names and dates are recognised with: True for
    the toolkit's lists, False for no recognition at all. Raises SourceError for input no TEI can
    be made of.
    """
    prepared = prepare(source_text, name, encoding)
    text = prepared.text
    source = SourceText(text, name)
    check_not_empty(source)
    check_xml_characters(source)
    check_line_lengths(source)
    span = find_header(text)
    blocks = split_blocks(text, span.end)
    header_end = span.end - (span.end > 0 and text[span.end - 1] == "\n")
    document = Document(name=_stem(name), source_sha256=prepared.sha256, header=span.header, parts=[],
                        source_name=name.rsplit("/", 1)[-1], header_source=text[:header_end],
                        byte_order_mark=prepared.byte_order_mark, source=source)
    split = split_languages(blocks)
    if split:
        original = _language_code(span.header.original_language) or "ru"
        document.parts.append(_read_part(source, document, blocks[:split], "transcription", original,
                                         preset, bilingual=True))
        document.parts.append(_read_part(source, document, blocks[split:], "translation", "en",
                                         preset, bilingual=True))
    else:
        document.parts.append(_read_part(source, document, blocks, _role(span.header, blocks), "en", preset))
    _assign_ids(document)
    _record_layout(document, text, header_end)
    if split:
        _align(document.parts[0], document.parts[1])
    _check_contents(document, source, span.end)
    if names is not False:
        Recogniser(document, source, default_index() if names is True else names, span.end).run()
    return document


def _check_contents(document: Document, source: SourceText, body_start: int) -> None:
    """The header's Contents list and the script of the body must agree on an original text."""
    contents = document.header.contents
    if not contents:
        return
    lists_original = any(item.startswith(("Original", "Transcript")) for item in contents)
    has_original = len(document.parts) > 1
    if lists_original != has_original:
        found = "a Cyrillic original and a translation" if has_original else "a translation only"
        document.diagnostics.append(Diagnostic(
            "warning", "contents-mismatch",
            f"the Contents list says {'; '.join(contents)!r} but the body holds {found}",
            source.position(body_start)))


def _record_layout(document: Document, text: str, header_end: int) -> None:
    """What lies between the blocks, exactly: blank lines, and the white space on them."""
    previous_end = header_end
    for part in document.parts:
        for block in part.blocks:
            block.separator = text[previous_end:block.line_start]
            previous_end = block.end
    document.ending = text[previous_end:]


def _stem(name: str) -> str:
    return re.sub(r"\.[^./]*$", "", name.rsplit("/", 1)[-1])


def _language_code(language: str) -> str:
    return LANGUAGE_CODES.get(language.strip().lower(), "")


def _role(header: Header, blocks: list[RawBlock]) -> str:
    """A single English text is a translation when the header or a translator's note says so."""
    says_translation = any("translation" in item.lower() for item in header.contents)
    has_translator_note = any("Translator's note" in map(LABEL_OF, b.tokens) for b in blocks)
    return "translation" if says_translation or has_translator_note else ""


def _read_part(source: SourceText, document: Document, blocks: list[RawBlock], role: str,
               lang: str, preset: str, bilingual: bool = False) -> TextPart:
    units = classify_part(blocks)
    block_tokens = {(block.start, block.end): block.tokens for block in blocks}
    unit_tokens = [block_tokens.get((u.start, u.end)) or tokenize(source.text, u.start, u.end) for u in units]
    pairing = pair_delimiters(unit_tokens, frozenset(i for i, unit in enumerate(units) if unit.kind == "heading"),
                              preset)
    chain_counter = iter(range(1, 1_000_000))
    language = f"{lang}-" if bilingual else ""

    def report(rule: str, message: str, token: Token) -> None:
        document.diagnostics.append(Diagnostic("warning", rule, message, source.position(token.start)))

    def record(convention: str, token: Token) -> None:
        excerpt = source.text[token.start: token.start + 60].split("\n", 1)[0]
        document.occurrences.append(Occurrence(convention, source.position(token.start), excerpt))

    for unit in units:
        if unit.kind != "paragraph":
            excerpt = source.text[unit.start: unit.end].split("\n", 1)[0][:60]
            document.occurrences.append(Occurrence(unit.kind, source.position(unit.start), excerpt))
    builder = InlineBuilder(unit_tokens, pairing, report, record,
                            lambda prefix: f"{prefix}-{language}{next(chain_counter)}", preset)
    contents = builder.build_all()
    return TextPart(role, lang, [_block(source, unit, content) for unit, content in zip(units, contents)])


def _block(source: SourceText, unit: Unit, content: list) -> Block:
    return Block(unit.kind, unit.region, content, source.position(unit.start), unit.joined, unit.rend,
                 unit.marker, line_start=unit.line_start, end=unit.end)


def _paragraphs(part: TextPart) -> list[Block]:
    return [b for b in part.blocks if b.kind == "paragraph" and b.region == "body"]


def _align(original: TextPart, translation: TextPart) -> None:
    """Pair paragraphs one to one, but only when both texts have the same number of them."""
    left, right = _paragraphs(original), _paragraphs(translation)
    if len(left) != len(right):
        return
    for a, b in zip(left, right):
        a.corresp, b.corresp = b.ident, a.ident


def _assign_ids(document: Document) -> None:
    for part in document.parts:
        suffix = f"{part.lang}-" if len(document.parts) > 1 else ""
        for number, block in enumerate(_paragraphs(part), start=1):
            block.ident = f"p-{suffix}{number}"
