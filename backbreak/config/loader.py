"""Reading ``settings.toml``: lenient per key, strict only about the file's syntax.

A hand-edited file with one bad value must not cost the user their other settings, so every key
is checked on its own and falls back to its default with a :class:`SettingProblem`. Only a file
that cannot be read as TOML at all raises :class:`SettingsSyntaxError`. Nothing here writes.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from backbreak.config.files import read_bounded, strip_bom
from backbreak.config.schema import (
    SCHEMA_VERSION,
    SECTIONS,
    Settings,
    format_key,
    format_value,
    keys_in,
    settings_from_sections,
)

MAX_FILE_BYTES = 256 * 1024
"""A hand-written settings file is a few KiB; anything past this is refused unread."""
MAX_NESTING = 64
"""Deeper values are refused so no later step (messages, saving) can hit the recursion limit."""

_COORDINATES = re.compile(
    r"^(?P<detail>.*) \(at line (?P<line>\d+), column (?P<column>\d+)\)$", re.S
)
# TOML 1.0 (and so tomllib before 3.15) needs seconds in a bare time; `work_start = 09:00` is
# an easy mistake to make by hand, so the syntax error gets a hint.
_BARE_TIME = re.compile(r"^\s*[\w\"'.-]+\s*=\s*[0-9]{1,2}:[0-9]{2}\s*(#.*)?$")
_END_OF_DOCUMENT = re.compile(r"^(?P<detail>.*) \(at end of document\)$", re.S)


@dataclass(frozen=True)
class SettingProblem:
    """One key that was ignored, with enough detail for the user to fix the file."""

    key: str
    value: object
    allowed: str
    unknown: bool = False
    default: object = None
    """The value used instead, as it would be written in the file."""
    section: bool = False
    """True when ``key`` names a whole table that should have been a table but is not."""

    def __str__(self) -> str:
        if self.unknown:
            if isinstance(self.value, dict):
                return f"unknown section [{self.key}] ignored"
            return f"unknown key '{self.key}' ignored"
        head = f"{self.key} = {format_value(self.value)} is not allowed ({self.allowed})"
        if self.section:
            return f"{head}; using the defaults for its settings"
        return f"{head}; using the default {format_value(self.default)}"


class SettingsSyntaxError(Exception):
    """The file is not usable as a whole: not UTF-8, not TOML, or a bad ``schema_version``."""

    def __init__(
        self,
        detail: str,
        *,
        path: Path | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.detail = detail
        self.path = path
        self.line = line
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        parts: list[str] = []
        if self.path is not None:
            parts.append(str(self.path))
        if self.line is not None:
            where = f"line {self.line}"
            if self.column is not None:
                where += f", column {self.column}"
            parts.append(where)
        parts.append(self.detail)
        return ": ".join(parts)


@dataclass(frozen=True)
class LoadedSettings:
    """The outcome of reading a file that parsed."""

    settings: Settings
    problems: tuple[SettingProblem, ...]
    document: dict[str, object]
    """The parsed TOML as-is, so a later save can keep keys this version does not know."""
    file_version: int | None
    newer: bool
    """Written by a newer backbreak: known values are used, but the file must not be rewritten."""
    values: Mapping[str, object] = field(default_factory=dict)
    """The valid values the file sets, by dotted key; keys left out or not allowed are absent."""


def default_loaded() -> LoadedSettings:
    """What a missing file means: all defaults, nothing to report."""
    return LoadedSettings(Settings(), (), {}, None, False)


def read_settings(path: Path, *, extra_keys: Collection[str] = ()) -> LoadedSettings:
    """Read and check ``path``; a missing file gives the defaults.

    Raises :class:`SettingsSyntaxError` for a file that is not TOML and ``OSError`` when the
    file exists but cannot be read, including one that is not a regular file or is larger than
    :data:`MAX_FILE_BYTES` (see :func:`~backbreak.config.files.read_bounded`). ``extra_keys`` as
    for :func:`parse_settings`.
    """
    try:
        data = read_bounded(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        return default_loaded()
    # TOML itself does not allow a byte-order mark, but Windows editors like to add one.
    data = strip_bom(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        raise SettingsSyntaxError(
            "the file is not UTF-8 text",
            path=path,
            line=data.count(b"\n", 0, exc.start) + 1,
            column=exc.start - line_start + 1,
        ) from exc
    return parse_settings(text, path, extra_keys=extra_keys)


def parse_settings(
    text: str, path: Path | None = None, *, extra_keys: Collection[str] = ()
) -> LoadedSettings:
    """Check TOML ``text``; bad or unknown keys become problems, never exceptions.

    ``extra_keys`` are top-level keys the caller reads itself (such as a site file's ``locked``):
    they are neither checked nor reported as unknown, and stay in ``document``.
    """
    try:
        document: object = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_error(exc, text, path) from exc
    except RecursionError as exc:
        raise SettingsSyntaxError("values are nested too deeply", path=path) from exc
    if not isinstance(document, dict):
        raise SettingsSyntaxError("the top level is not a table", path=path)
    if _nesting(document) > MAX_NESTING:
        raise SettingsSyntaxError(
            f"values are nested more than {MAX_NESTING} levels deep", path=path
        )

    file_version = _schema_version(document, text, path)
    newer = file_version is not None and file_version > SCHEMA_VERSION
    problems: list[SettingProblem] = []
    sections: dict[str, dict[str, Any]] = {}
    for section in SECTIONS:
        sections[section] = _read_section(document, section, problems, report_unknown=not newer)
    if not newer:
        for key, value in document.items():
            if key not in SECTIONS and key != "schema_version" and key not in extra_keys:
                problems.append(SettingProblem(format_key([key]), value, "", unknown=True))

    settings = settings_from_sections(sections)
    values = {
        f"{section}.{name}": value
        for section, table in sections.items()
        for name, value in table.items()
    }
    return LoadedSettings(settings, tuple(problems), document, file_version, newer, values)


def _read_section(
    document: dict[str, object],
    section: str,
    problems: list[SettingProblem],
    *,
    report_unknown: bool,
) -> dict[str, Any]:
    """Valid values of one section by field name; every rejected key is added to ``problems``."""
    if section not in document:
        return {}
    table = document[section]
    if not isinstance(table, dict):
        problems.append(
            SettingProblem(
                format_key([section]), table, f"a table [{section}] of settings", section=True
            )
        )
        return {}
    values: dict[str, Any] = {}
    known: set[str] = set()
    for spec in keys_in(section):
        known.add(spec.name)
        if spec.name not in table:
            continue
        raw = table[spec.name]
        try:
            values[spec.name] = spec.parse(raw)
        except ValueError:
            default = spec.to_toml(spec.default)
            problems.append(SettingProblem(spec.dotted, raw, spec.allowed, default=default))
    if report_unknown:
        for name, raw in table.items():
            if name not in known:
                problems.append(SettingProblem(format_key([section, name]), raw, "", unknown=True))
    return values


def _schema_version(document: dict[str, object], text: str, path: Path | None) -> int | None:
    """The declared version; a missing one is read as the current version."""
    if "schema_version" not in document:
        return None
    version = document["schema_version"]
    if type(version) is int and version >= 1:
        return version
    line, column = _locate_key(text, "schema_version")
    raise SettingsSyntaxError(
        f"schema_version = {format_value(version)} is not allowed (a whole number, 1 or more)",
        path=path,
        line=line,
        column=column,
    )


def _locate_key(text: str, key: str) -> tuple[int | None, int | None]:
    """Best-effort line and column of a top-level ``key = ...`` line, for error messages."""
    pattern = re.compile(rf"^([ \t]*)(?:{key}|\"{key}\"|'{key}')[ \t]*=")
    for number, line in enumerate(text.splitlines(), start=1):
        match = pattern.match(line)
        if match:
            return number, len(match[1]) + 1
        if line.lstrip().startswith("["):
            break  # top-level keys end at the first table header
    return None, None


def _syntax_error(
    exc: tomllib.TOMLDecodeError, text: str, path: Path | None
) -> SettingsSyntaxError:
    """Split tomllib's message into detail, line and column (Python 3.14 also has attributes)."""
    message = str(exc)
    line: int | None = getattr(exc, "lineno", None)
    column: int | None = getattr(exc, "colno", None)
    detail = getattr(exc, "msg", None)
    if match := _COORDINATES.match(message):
        detail = detail or match["detail"]
        line = line or int(match["line"])
        column = column or int(match["column"])
    elif match := _END_OF_DOCUMENT.match(message):
        detail = detail or match["detail"]
        if line is None:
            last_break = text.rfind("\n")
            line = text.count("\n") + 1
            column = len(text) - last_break
    detail = str(detail or message)
    if line is not None and _BARE_TIME.match(_line_text(text, line)):
        detail += '; write a time in quotes like "09:00" (or as 09:00:00)'
    return SettingsSyntaxError(detail, path=path, line=line, column=column)


def _line_text(text: str, line: int) -> str:
    lines = text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _nesting(value: object) -> int:
    """Depth of nested tables and arrays, computed without recursion."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: list[object] = list(item.values())
        elif isinstance(item, list):
            children = list(item)
        else:
            continue
        deepest = max(deepest, depth + 1)
        if deepest > MAX_NESTING:
            return deepest
        stack.extend((child, depth + 1) for child in children)
    return deepest
