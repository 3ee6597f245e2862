"""The edition's settings, read from `edition.toml` into frozen dataclasses.

Every key is declared once in a table with its type and default, so an unknown
key or a value of the wrong type is reported by name (`pdf.page_size`), with the
file and line where it stands.
"""

from __future__ import annotations

import calendar
import datetime
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath, PureWindowsPath

from tei import tomlsafe
from tei.authority import KINDS, NOT_NAMES, EditionAuthorities
from tei.conventions import PRESETS
from tei.errors import TeiToolkitError
from tei.fsutil import not_utf8, read_file
from tei.names import BUILD_OUTPUTS
from tei.render import DEFAULT_EDITION_TITLE
from tei.resources import data_dir

OUTPUT_FORMATS = ("tei", "web", "pdf")
# The export formats (`tei export`, tei.export), made on request only.
EXPORT_FORMATS = ("text", "corpus", "zenodo", "bagit", "cmif", "dts")
PAGE_SIZES = ("A4", "A5", "letter", "B5")
VOLUME_SPLITS = ("size", "year")  # tei.render.pdf.VOLUME_SPLITS, without importing the renderer


class ConfigError(TeiToolkitError):
    """The edition's configuration is unreadable, has an unknown key or a wrongly typed value."""


@dataclass(frozen=True)
class EditionInfo:
    """What the edition says about itself on its title pages."""

    title: str = DEFAULT_EDITION_TITLE
    editors: tuple[str, ...] = ()
    publisher: str = ""
    licence: str = "CC-BY-4.0"
    base_url: str = ""
    version: str = ""
    published: str = ""          # ISO date this version is published (deposit records)
    doi: str = ""                # the DOI a repository gave the edition, once it has one
    dates: tuple[str, ...] = ()      # the first and last day of the edition's documents (ISO)


@dataclass(frozen=True)
class EditionConfig:
    """Everything `tei build` needs: where the sources are, what to make and where to put it."""

    edition: EditionInfo = field(default_factory=EditionInfo)
    source_root: Path = Path(".")
    sources: tuple[str, ...] = ("seeds/*.txt",)
    preset: str = "wilson-center"
    outputs: tuple[str, ...] = OUTPUT_FORMATS
    output_dir: Path = Path("build")
    page_size: str = "A4"
    volumes: str = "size"
    documents_per_volume: int = 500
    config_text: str = ""
    metadata: str = "metadata"                 # the editors' sidecars: METADATA/NAME.toml
    numbers: str = "document-numbers.toml"     # the frozen document numbers (tei.numbering)
    sources_position: str = ""   # "edition.toml:LINE:COLUMN" of sources.include, for errors
    authorities: EditionAuthorities = field(default_factory=EditionAuthorities)   # [authorities]

    def source_matches(self) -> set[Path]:
        """What the globs match, but the build's own outputs: `**/*.txt` matches `build/web/text/NAME.txt`,
        which the next build took for a new source, and the one after that for one more, and so on."""
        found = {path for pattern in self.sources for path in self._glob(pattern)}
        outputs = self._build_outputs()
        if not outputs:
            return found
        return {path for path in found if not any(path.relative_to(self.source_root).parts[:len(output)] == output
                                                  for output in outputs)}

    def _glob(self, pattern: str) -> list[Path]:
        """The paths one glob matches; one that is no glob (`""`, `"."`, `"a**"`) is an error at the include key."""
        try:
            return list(self.source_root.glob(pattern))
        except (ValueError, IndexError):    # pathlib's own words for "." are "tuple index out of range"
            raise ConfigError(f"{self.sources_position or 'sources.include'}: error: sources.include has {pattern!r}, "
                              "which is not a pattern of file names (such as 'texts/*.txt' or 'texts/**/*.txt')"
                              ) from None

    def _build_outputs(self) -> tuple[tuple[str, ...], ...]:
        """What the build folder holds (BUILD_OUTPUTS) if it lies in the edition's folder, as the parts of paths
        relative to that folder."""
        build = Path(os.path.relpath(os.path.abspath(self.output_dir), os.path.abspath(self.source_root)))
        if build.parts[:1] == ("..",):
            return ()
        return tuple((*build.parts, output) for output in BUILD_OUTPUTS)

    def source_paths(self) -> list[Path]:
        """The source files matched by the globs, sorted, each once; each must lie in the edition.

        A match that resolves outside the edition's folder (through `..` or a symbolic link)
        stops the build: publishing a file from elsewhere on the disk is never what was meant.
        """
        files = sorted((path for path in self.source_matches()
                        if path.is_file() and not not_utf8(str(path.relative_to(self.source_root)))), key=str)
        root = self.source_root.resolve()
        for path in files:
            if not path.resolve().is_relative_to(root):
                where = self.sources_position or str(path)
                raise ConfigError(
                    f"{where}: error: source {path} resolves to {path.resolve()}, outside the "
                    f"edition's folder {root}; sources must be files inside it (no '..', no "
                    f"symbolic link leading out)"
                )
        return files


# (section, key) → (expected type, element type for lists, attribute on the dataclasses).
_SCHEMA: dict[tuple[str, str], tuple[type, type | None, str]] = {
    ("edition", "title"): (str, None, "edition.title"),
    ("edition", "editors"): (list, str, "edition.editors"),
    ("edition", "publisher"): (str, None, "edition.publisher"),
    ("edition", "licence"): (str, None, "edition.licence"),
    ("edition", "base_url"): (str, None, "edition.base_url"),
    ("edition", "version"): (str, None, "edition.version"),
    ("edition", "published"): (str, None, "edition.published"),
    ("edition", "doi"): (str, None, "edition.doi"),
    ("edition", "dates"): (list, str, "edition.dates"),
    ("sources", "include"): (list, str, "sources"),
    ("sources", "preset"): (str, None, "preset"),
    ("sources", "metadata"): (str, None, "metadata"),
    ("sources", "numbers"): (str, None, "numbers"),
    ("outputs", "formats"): (list, str, "outputs"),
    ("outputs", "directory"): (str, None, "output_dir"),
    ("pdf", "page_size"): (str, None, "page_size"),
    ("pdf", "volumes"): (str, None, "volumes"),
    ("pdf", "documents_per_volume"): (int, None, "documents_per_volume"),
    **{("authorities", kind.plural): (str, None, f"authorities.{kind.plural}") for kind in KINDS},
    ("authorities", "not_names"): (str, None, "authorities.not_names"),
}
_CHOICES = {"outputs.formats": OUTPUT_FORMATS + EXPORT_FORMATS, "pdf.page_size": PAGE_SIZES,
            "sources.preset": tuple(PRESETS), "pdf.volumes": VOLUME_SPLITS}
_AT_LEAST_ONE = ("pdf.documents_per_volume",)
_PATTERNS = {"edition.published": (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "an ISO date (YYYY-MM-DD)"),
             "edition.doi": (re.compile(r"^10\.\d{4,}/\S+$"), "a DOI (10.NNNN/…, without https://doi.org/)")}
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_TYPE_NAMES = {str: "a string", list: "a list", int: "an integer", bool: "true or false"}
_LIST_NAMES = {str: "a list of strings"}


def default_config(output_dir: Path | None = None) -> EditionConfig:
    """./edition.toml when there is one, else the bundled seeds, every output format, into
    ./build (or `output_dir`)."""
    if Path("edition.toml").is_file():
        config = load_config("edition.toml")
        return config if output_dir is None else replace(config, output_dir=output_dir)
    seeds = Path("seeds") if Path("seeds").is_dir() else data_dir("seeds")
    return EditionConfig(
        source_root=seeds.parent,
        sources=(f"{seeds.name}/*.txt",),
        output_dir=output_dir or Path("build"),
    )


def load_config(path: str | Path) -> EditionConfig:
    """Read an `edition.toml`; relative paths in it are relative to the file's folder."""
    path = Path(path)
    try:
        text = read_file(path).decode("utf-8")
    except OSError as err:
        raise ConfigError(f"{path}: error: cannot read the configuration: {err.strerror}") from None
    try:
        data = tomlsafe.loads(text)
    except tomlsafe.TOMLDecodeError as err:
        message = re.sub(r" \(at line \d+, column \d+\)", "", str(err))
        raise ConfigError(f"{_toml_position(path, str(err))}: error: {message}") from None
    values = _checked_values(data, path, text)
    sources_position = _key_position(path, text, "sources", "include")
    _refuse_absolute_globs(values.get("sources", ()), sources_position)
    lists = _authority_lists(values, path, text)
    return replace(_build_config(values, path.parent, text), sources_position=sources_position, authorities=lists)


def _authority_lists(values: dict[str, object], path: Path, text: str) -> EditionAuthorities:
    """The lists `[authorities]` names (relative to the file), read and checked now; a missing one is an
    error at its key, a malformed one an error in the list itself."""
    paths: dict[str, Path] = {}
    for kind in KINDS:
        name = values.pop(f"authorities.{kind.plural}", None)
        if name is not None:
            paths[kind.name] = _list_path(str(name), f"authorities.{kind.plural}", path, text)
    stop_list = values.pop("authorities.not_names", None)
    if stop_list is not None:
        paths[NOT_NAMES] = _list_path(str(stop_list), "authorities.not_names", path, text)
    return EditionAuthorities.read(paths) if paths else EditionAuthorities()


def _list_path(name: str, key: str, config: Path, text: str) -> Path:
    """The file a list's key names: inside the edition's folder (it is published with the edition), a file."""
    found, root = config.parent / name, config.parent.resolve()
    where = f"{_key_position(config, text, *key.split('.'))}: error: key '{key}'"
    if not found.resolve().is_relative_to(root):
        raise ConfigError(f"{where} names {name!r}, which resolves to {found.resolve()}, outside the edition's "
                          f"folder {root}; a list is published with the edition, so it must be a file inside it "
                          "(no '..', no symbolic link leading out)")
    if not found.is_file():
        raise ConfigError(f"{where} names {name!r}, which is not a file ({found})")
    return found


def _refuse_absolute_globs(patterns, where: str) -> None:
    for pattern in patterns:
        if PurePosixPath(pattern).is_absolute() or PureWindowsPath(pattern).is_absolute():
            raise ConfigError(
                f"{where}: error: sources.include has the absolute pattern {pattern!r}; "
                f"write it relative to the edition's folder (sources must lie inside it)"
            )


def _toml_position(path: Path, message: str) -> str:
    match = re.search(r"at line (\d+), column (\d+)", message)
    return f"{path}:{match[1]}:{match[2]}" if match else f"{path}:1:1"


def _key_position(path: Path, text: str, section: str, key: str) -> str:
    """Where `key` stands in the file, so the error points at the line to fix."""
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=" if key else rf"^\s*\[{re.escape(section)}\]")
    in_section = not section or not key
    for number, line in enumerate(text.splitlines(), start=1):
        if key and re.match(r"^\s*\[", line):
            in_section = line.strip() == f"[{section}]"
        elif in_section and pattern.match(line):
            return f"{path}:{number}:{len(line) - len(line.lstrip()) + 1}"
    return f"{path}:1:1"


def _checked_values(data: dict, path: Path, text: str) -> dict[str, object]:
    """Flatten `[section] key = value` to {attribute: value}, refusing what the schema lacks."""
    sections = sorted({section for section, _ in _SCHEMA})
    values: dict[str, object] = {}
    for section, table in data.items():
        if section in sections and not isinstance(table, dict):
            raise ConfigError(f"{_key_position(path, text, '', section)}: error: {section!r} must be a section, "
                              f"[{section}] with its keys below it, not {type(table).__name__} {table!r}")
        if section not in sections:
            is_table = isinstance(table, dict)
            where = _key_position(path, text, *((section, "") if is_table else ("", section)))
            raise ConfigError(
                f"{where}: error: unknown section or key {section!r} "
                f"(known sections: {', '.join(sections)})"
            )
        for key, value in table.items():
            attribute = _attribute_for(section, key, path, text)
            values[attribute] = _checked_value(section, key, value, path, text)
    return values


def _attribute_for(section: str, key: str, path: Path, text: str) -> str:
    if (section, key) not in _SCHEMA:
        known = sorted(k for s, k in _SCHEMA if s == section)
        raise ConfigError(
            f"{_key_position(path, text, section, key)}: error: unknown key '{section}.{key}' "
            f"(known keys in [{section}]: {', '.join(known)})"
        )
    return _SCHEMA[section, key][2]


def _check_dates(name: str, value: object, where: str) -> None:
    """edition.dates: two dates that exist, the first not after the last (else every date of the texts
    would be reported as outside them, in the documents instead of here)."""
    if name != "edition.dates":
        return
    if len(value) != 2 or not all(_ISO_DATE.match(item) and _exists(item) for item in value):
        raise ConfigError(f"{where}: error: key '{name}' must be [first, last], two ISO dates (YYYY, YYYY-MM or "
                          f"YYYY-MM-DD) that exist, not {value!r}")
    first, last = (_exists(item) for item in value)
    if first[0] > last[1]:
        raise ConfigError(f"{where}: error: key '{name}' is {value!r}: its first date is after its last")


def _exists(date: str) -> tuple[datetime.date, datetime.date] | None:
    """The first and last day an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) covers; None if it does not exist."""
    year, month, day = ([int(part) for part in date.split("-")] + [0, 0])[:3]
    try:
        first = datetime.date(year, month or 1, day or 1)
        last = datetime.date(year, month or 12, day or calendar.monthrange(year, month or 12)[1])
    except ValueError:
        return None
    return first, last


def _checked_value(section: str, key: str, value: object, path: Path, text: str) -> object:
    expected, item_type, _ = _SCHEMA[section, key]
    name = f"{section}.{key}"
    where = _key_position(path, text, section, key)
    well_typed = isinstance(value, expected) and (
        item_type is None or all(isinstance(item, item_type) for item in value)
    )
    if not well_typed:
        wanted = _LIST_NAMES[item_type] if item_type else _TYPE_NAMES[expected]
        raise ConfigError(
            f"{where}: error: key '{name}' must be {wanted}, not {type(value).__name__} {value!r}"
        )
    if any(isinstance(item, str) and "\0" in item for item in (value if isinstance(value, list) else [value])):
        raise ConfigError(f"{where}: error: key '{name}' holds a NUL character (\\u0000), which no name or text may")
    _check_dates(name, value, where)
    if name in _AT_LEAST_ONE and (isinstance(value, bool) or value < 1):
        raise ConfigError(f"{where}: error: key '{name}' must be a whole number of at least 1, not {value!r}")
    _check_pattern(name, value, where)
    choices = _CHOICES.get(name)
    chosen = value if isinstance(value, list) else [value]
    bad = [item for item in chosen if choices and item not in choices]
    if bad:
        raise ConfigError(
            f"{where}: error: key '{name}' has {bad[0]!r}; choose from {', '.join(choices)}"
        )
    return tuple(value) if isinstance(value, list) else value


def _check_pattern(name: str, value: object, where: str) -> None:
    pattern, wanted = _PATTERNS.get(name, (None, ""))
    if pattern and value and not pattern.match(value):
        raise ConfigError(f"{where}: error: key '{name}' is {value!r}, not {wanted}")


def _build_config(values: dict[str, object], folder: Path, text: str) -> EditionConfig:
    edition_fields = {
        attr.removeprefix("edition."): value
        for attr, value in values.items()
        if attr.startswith("edition.")
    }
    others = {attr: value for attr, value in values.items() if not attr.startswith("edition.")}
    if "output_dir" in others:
        others["output_dir"] = folder / str(others["output_dir"])
    else:
        others["output_dir"] = folder / "build"
    return EditionConfig(
        edition=EditionInfo(**edition_fields),
        source_root=folder,
        config_text=text,
        **others,
    )
