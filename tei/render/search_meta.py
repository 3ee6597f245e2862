"""Pagefind's metadata of an index made smaller to fetch and quicker to query.

Before any query, the search box fetches the metadata (`pagefind.LANG_HASH.pf_meta`) of
every index of the edition; a query then fetches the chunks of the word index its words may
be in. Two things of what Pagefind 1.5 writes cost a reader more than they need to, and
`compact_index` rewrites them once Pagefind has written an index:

- Each record (`fragment/NAME.pf_fragment`) and each chunk of the word index
  (`index/NAME.pf_index`) is named by seven hexadecimal digits of a hash, listed in the
  metadata, a record for each of the index's texts: digits that do not compress, about 60% of
  the metadata's bytes. They are renamed by their order (of address, of words), after a
  prefix that names the index and what it holds (`en-1.5c0e7a21.1f`): the names stay
  unique across the indexes of an edition, change when an index's texts do (a browser
  never shows a file it kept from an earlier build), and are the same in two builds of
  the same texts.
- Each chunk of the word index is listed with the start of its first and of its last word
  (`am` … `am`). Pagefind's query looks for a word in the chunks whose range holds it, and
  when none does (every word longer than the start its chunk ends on) in every chunk whose
  starts match the word's, which takes in the chunk ending on a short common word that
  begins it: "ambassador" fetched the chunk of "a" from every index (about 10 KB each).
  The end of each range is made to hold every word that begins with it, unless the next
  chunk's words begin with it too.

Pagefind fetches one chunk for a word (the first listed whose range holds it) and looks in it
alone for the words that begin with it, so a start whose words fall on both sides of a chunk's end
("mud": mud in one chunk, mudflat in the next) found only the texts of one side. Every such start
(of two letters or more, that the last word before an end and the first after it share) gets a
chunk of its own, listed first with the range from it to it, holding the entries of every word of
the index it begins, as Pagefind wrote them. A start no end splits fetches the one chunk of its words.

The metadata is CBOR (RFC 8949); the few kinds of item Pagefind writes are read and written
here. An index written by another Pagefind than 1.5, or whose metadata is not laid out as
Pagefind 1.5 writes it, is left as it is (it works, only larger).
"""

from __future__ import annotations

import bisect
import gzip
import hashlib
import json
import os
import re
from pathlib import Path

SIGNATURE = b"pagefind_dcd"      # how each of Pagefind's files begins, before it is gzipped
ENTRY = "pagefind-entry.json"       # an index's table of contents (moved into place last)
LAST_CHARACTER = "\U0010ffff"     # sorts after every other one, by code point as in UTF-8
# The Pagefind whose metadata this module knows: another may keep the layout and change what it means
# (the chunk ranges' ends, say), so its indexes are left as it wrote them (they work, only larger).
KNOWN_PAGEFIND = "1.5."
# Raised whenever `compact_index` comes to write an index otherwise: the indexes a build wrote
# before are then made again, as when their pages change (tei.render.search).
METADATA_REWRITE = 3
# The shortest start of words given a chunk of its own where its words fall in two chunks: one letter
# is never searched (the search box asks for another), and its chunk would hold a large part of the index.
SHORTEST_START = 2
# How hard the starts' chunks are compressed: at 10,000 documents an index's starts take 3 MB (7.9 MB
# before), and gzip's default (9, which Pagefind's own chunks match) took 2.2 CPU seconds; 6 (zlib's
# default) 0.57 for 1.6 % more bytes; 5, 0.28 for 1.7 % more than 6 (4: 0.18 s, 5.7 %; 1: 0.10 s, 17 %).
START_CHUNK_COMPRESSION = 5


def pagefind_data(path: Path):
    """What a file of Pagefind's (metadata, word index chunk) holds, decoded; None if it holds
    an item of another kind than Pagefind 1.5 writes."""
    return _decode(_read(path))


def record_addresses(folder: Path) -> dict[str, str]:
    """The records of the index in `folder`, by name: the address of the page each stands for."""
    return {record.stem: json.loads(_read(record))["url"] for record in (folder / "fragment").glob("*.pf_fragment")}


def compact_index(folder: Path, addresses: dict[str, str], index_name: str) -> dict[str, str]:
    """Rename the records and word index chunks of the index in `folder` (the records' addresses:
    `addresses`) and make its chunk ranges hold every word they hold, in its metadata; returns the
    records' addresses by their new names. `index_name` (the index's folder) begins the new names."""
    entry = json.loads((folder / ENTRY).read_text(encoding="utf-8"))
    if not str(entry.get("version", "")).startswith(KNOWN_PAGEFIND):
        return addresses
    if len(entry["languages"]) != 1:                  # one index, one language (tei.render.search)
        return addresses
    (language, about), = entry["languages"].items()
    meta_file = folder / f"pagefind.{about['hash']}.pf_meta"
    meta = pagefind_data(meta_file)
    if not _laid_out_as_known(meta) or {name for name, _ in meta[1]} != set(addresses):
        return addresses
    try:
        chunk_entries = [_entries(_read(folder / "index" / f"{name}.pf_index")) for _, _, name in meta[2]]
    except (_Unknown, IndexError, UnicodeDecodeError):
        return addresses
    words = [word for entries in chunk_entries for word, _ in entries]
    if not all(chunk_entries) or any(one >= other for one, other in zip(words, words[1:])):
        return addresses
    starts = _starts_across_chunks(chunk_entries)
    prefix = _names_prefix(index_name, addresses, meta[2])
    records = _in_order(sorted(addresses, key=lambda name: (addresses[name], name)), prefix)
    start_chunks = _in_order(list(starts), prefix)
    chunks = _in_order([name for _, _, name in meta[2]], prefix, first=len(starts))
    _rename(folder / "fragment", ".pf_fragment", records)
    _rename(folder / "index", ".pf_index", chunks)
    for start, entries in starts.items():
        data = _head(ARRAY, 1) + _head(ARRAY, len(entries)) + b"".join(entries)
        chunk = gzip.compress(SIGNATURE + data, compresslevel=START_CHUNK_COMPRESSION, mtime=0)
        (folder / "index" / f"{start_chunks[start]}.pf_index").write_bytes(chunk)
    meta[1] = [[records[name], words] for name, words in meta[1]]
    meta[2] = [[start, start, start_chunks[start]] for start in starts] + [
        [first, last, chunks[name]] for first, last, name in _ranges_holding_every_word(meta[2])]
    data = gzip.compress(SIGNATURE + _encode(meta), mtime=0)
    about["hash"] = f"{language}_{hashlib.sha256(data).hexdigest()[:10]}"
    (folder / f"pagefind.{about['hash']}.pf_meta").write_bytes(data)
    meta_file.unlink()
    (folder / ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return {records[name]: address for name, address in addresses.items()}


def _names_prefix(index_name: str, addresses: dict[str, str], chunks: list) -> str:
    """What begins the new names of an index's files: the index's name and a digest of the names
    Pagefind gave them (each a hash of the file's contents)."""
    named = sorted(addresses) + sorted(name for _, _, name in chunks)
    return f"{index_name}.{hashlib.sha256(' '.join(named).encode()).hexdigest()[:8]}."


def _in_order(names: list[str], prefix: str, first: int = 0) -> dict[str, str]:
    """Each name's new one: `prefix` and its place in `names` (counted from `first`), in hexadecimal."""
    return {name: f"{prefix}{place:x}" for place, name in enumerate(names, start=first)}


def _rename(folder: Path, suffix: str, names: dict[str, str]) -> None:
    for old, new in names.items():
        os.replace(folder / f"{old}{suffix}", folder / f"{new}{suffix}")


def _ranges_holding_every_word(chunks: list) -> list:
    """Each chunk's [first, last, name], its last made to sort after every word it begins, unless
    a word of the next chunk may begin with it (then it is that whole word: "a" before "ab")."""
    ranges = []
    for number, (first, last, name) in enumerate(chunks):
        following = chunks[number + 1][0] if number + 1 < len(chunks) else None
        if following is None or (last < following and not following.startswith(last)):
            last += LAST_CHARACTER
        ranges.append([first, last, name])
    return ranges


def _starts_across_chunks(chunks: list[list[tuple[str, bytes]]]) -> dict[str, list[bytes]]:
    """Each start (of SHORTEST_START letters or more) of words that fall in more than one of the
    `chunks` (each a list of (word, its entry as Pagefind wrote it), in order), with the entries
    of every word it begins."""
    starts = set()
    for before, after in zip(chunks, chunks[1:]):
        common = os.path.commonprefix([before[-1][0], after[0][0]])
        starts.update(common[:length] for length in range(SHORTEST_START, len(common) + 1))
    entries = [entry for chunk in chunks for entry in chunk]
    words = [word for word, _ in entries]
    return {start: [entry for _, entry in entries[bisect.bisect_left(words, start):
                                                  bisect.bisect_left(words, start + LAST_CHARACTER)]]
            for start in sorted(starts)}


def _laid_out_as_known(meta) -> bool:
    """Pagefind 1.5's metadata: [version, [[record, words], …], [[first, last, chunk], …], …], each
    chunk named once."""
    return (isinstance(meta, list) and len(meta) >= 3 and isinstance(meta[1], list) and isinstance(meta[2], list)
            and all(_shaped(page, (str, int)) for page in meta[1])
            and all(_shaped(chunk, (str, str, str)) for chunk in meta[2])
            and len({chunk[2] for chunk in meta[2]}) == len(meta[2]))


def _shaped(item, kinds: tuple) -> bool:
    return (isinstance(item, list) and len(item) == len(kinds)
            and all(isinstance(part, kind) for part, kind in zip(item, kinds, strict=True)))


def _read(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path}: not a file of Pagefind's")
    return data.removeprefix(SIGNATURE)


# CBOR, as far as Pagefind's metadata uses it: integers, text, byte strings and arrays.
UNSIGNED, NEGATIVE, BYTES, TEXT, ARRAY = range(5)
SIZES = {24: 1, 25: 2, 26: 4, 27: 8}       # the bytes of an item's argument, by its additional information


class _Unknown(ValueError):
    """An item of a kind Pagefind's metadata does not hold."""


def _decode(data: bytes):
    try:
        item, end = _item(data, 0)
    except (_Unknown, IndexError, UnicodeDecodeError):
        return None
    return item if end == len(data) else None


def _read_head(data: bytes, at: int) -> tuple[int, int, int]:
    """The kind and argument of the item at `at`, and where what follows its head begins."""
    kind, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        return kind, info, at
    if info not in SIZES:
        raise _Unknown(info)
    if at + SIZES[info] > len(data):
        raise IndexError(at)
    return kind, int.from_bytes(data[at:at + SIZES[info]], "big"), at + SIZES[info]


def _item(data: bytes, at: int):
    kind, argument, at = _read_head(data, at)
    if kind == UNSIGNED:
        return argument, at
    if kind == NEGATIVE:
        return -1 - argument, at
    if kind in (BYTES, TEXT):
        chunk = data[at:at + argument]
        if len(chunk) < argument:
            raise IndexError(at)
        return (chunk.decode("utf-8") if kind == TEXT else bytes(chunk)), at + argument
    if kind == ARRAY:
        items = []
        for _ in range(argument):
            item, at = _item(data, at)
            items.append(item)
        return items, at
    raise _Unknown(kind)


def _head(kind: int, argument: int) -> bytes:
    if argument < 24:
        return bytes([kind << 5 | argument])
    info = next(info for info, size in SIZES.items() if argument < 1 << (8 * size))
    return bytes([kind << 5 | info]) + argument.to_bytes(SIZES[info], "big")


def _encode(item) -> bytes:
    if isinstance(item, int):
        return _head(UNSIGNED, item) if item >= 0 else _head(NEGATIVE, -1 - item)
    if isinstance(item, str):
        text = item.encode("utf-8")
        return _head(TEXT, len(text)) + text
    if isinstance(item, bytes):
        return _head(BYTES, len(item)) + item
    return _head(ARRAY, len(item)) + b"".join(_encode(part) for part in item)


def _entries(chunk: bytes) -> list[tuple[str, bytes]]:
    """The entries of a chunk of Pagefind 1.5's word index ([[[word, pages, …], …]]): each word and
    its entry's bytes, as they are (decoding and encoding them again would take seconds an index)."""
    if chunk[0] != ARRAY << 5 | 1:
        raise _Unknown(chunk[0])
    count, at = _argument(chunk, 1, ARRAY)
    entries = []
    for _ in range(count):
        start = at
        parts, at = _argument(chunk, at, ARRAY)
        word, at = _item(chunk, at)
        if not (parts and isinstance(word, str)):
            raise _Unknown(parts)
        pages = WORD_PAGES.match(chunk, at) if parts == 3 else None
        if pages:
            at = pages.end()
        else:
            for _ in range(parts - 1):
                at = _skip(chunk, at)
        entries.append((word, chunk[start:at]))
    if at != len(chunk):
        raise _Unknown(at)
    return entries


def _argument(data: bytes, at: int, kind: int) -> tuple[int, int]:
    """The argument of the item at `at`, which must be of `kind`, and where what follows its head begins."""
    if data[at] >> 5 != kind:
        raise _Unknown(data[at])
    _, argument, at = _read_head(data, at)
    return argument, at


def _head_pattern(*kinds: int) -> bytes:
    """A regular expression of the head of an item of one of `kinds`, its argument's bytes included."""
    def first_bytes(info: int) -> bytes:
        return b"".join(re.escape(bytes([kind << 5 | info])) for kind in kinds)

    small = b"[" + b"".join(re.escape(bytes([kind << 5])) + b"-" + re.escape(bytes([kind << 5 | 23]))
                            for kind in kinds) + b"]"
    return b"(?:" + b"|".join([small, *(b"[%s][\\x00-\\xff]{%d}" % (first_bytes(info), size)
                                        for info, size in SIZES.items())]) + b")"


# What follows the word of nearly every entry, matched in one go (walking it item by item took 0.5 of the
# 1.1 CPU seconds of rewriting an index of 2,000 texts; this, 0.14): its pages, each [number, [positions],
# [positions in the metadata]], all integers, then the empty list Pagefind writes after them. Each part is
# told from the next by its first byte (an array's head is never an integer's), so matching each run of
# integers whole (possessive: never given back) finds the entry's end as the walk does, without counting
# the items of each array. Any other entry is walked.
INTEGER, ARRAY_HEAD = _head_pattern(UNSIGNED, NEGATIVE), _head_pattern(ARRAY)
PAGE = re.escape(_head(ARRAY, 3)) + INTEGER + ARRAY_HEAD + INTEGER + b"*+" + ARRAY_HEAD + INTEGER + b"*+"
WORD_PAGES = re.compile(ARRAY_HEAD + b"(?:" + PAGE + b")*+" + re.escape(_head(ARRAY, 0)))

# The length of an integer's item, by its first byte (the word index is mostly integers: their positions).
INTEGER_LENGTH = {first: 1 + SIZES.get(first & 31, 0) for first in range(0x40) if first & 31 < 28}


def _skip(data: bytes, at: int) -> int:
    """Where the item at `at` ends (its arrays' items counted, not built)."""
    pending = 1
    while pending:
        first, pending = data[at], pending - 1
        if first in INTEGER_LENGTH:
            at += INTEGER_LENGTH[first]
        elif first >> 5 == ARRAY:
            count, at = _argument(data, at, ARRAY)
            pending += count
        else:
            at = _item(data, at)[1]
    if at > len(data):
        raise IndexError(at)
    return at
