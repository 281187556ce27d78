"""Just enough of the Desktop Entry spec to write and read an autostart entry.

``Exec`` is encoded in three layers, undone in reverse by the reader: an argument containing a
reserved character is put in double quotes with ``"``, `````, ``$`` and ``\\`` backslash-escaped;
a literal ``%`` becomes ``%%`` (field codes); then the whole value gets the general string
escapes (``\\\\``, ``\\n``, ``\\t``, ``\\r``, leading ``\\s``). So a literal backslash inside a
quoted argument is written as four backslashes, as the spec says.
"""

from __future__ import annotations

from collections.abc import Sequence

GROUP = "Desktop Entry"

# Characters that force an argument into quotes (Desktop Entry spec, "The Exec key").
_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
# Characters escaped with a backslash inside a quoted argument.
_QUOTE_ESCAPED = frozenset('"`$\\')
# Field codes: standing alone they expand to nothing for a login start (no files, no URLs).
_FIELD_CODES = frozenset("fFuUdDnNickvm")


def quote_arg(arg: str) -> str:
    """One argument as it appears in ``Exec`` after quoting, before the string escapes."""
    arg = arg.replace("%", "%%")
    if arg and not _RESERVED.intersection(arg):
        return arg
    escaped = "".join("\\" + char if char in _QUOTE_ESCAPED else char for char in arg)
    return f'"{escaped}"'


def escape_string(value: str) -> str:
    """The general escapes for a ``string``/``localestring`` value."""
    value = (
        value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    )
    if value.startswith(" "):
        value = "\\s" + value[1:]
    return value


def unescape_string(value: str) -> str:
    """Undo :func:`escape_string`; an unknown escape is kept as it is."""
    out: list[str] = []
    index = 0
    while index < len(value):
        char = value[index]
        if char == "\\" and index + 1 < len(value):
            following = value[index + 1]
            mapped = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}.get(following)
            if mapped is not None:
                out.append(mapped)
                index += 2
                continue
        out.append(char)
        index += 1
    return "".join(out)


def format_exec(argv: Sequence[str]) -> str:
    """The ``Exec`` value, exactly as written after ``Exec=``."""
    if not argv:
        raise ValueError("an Exec line needs a program")
    return escape_string(" ".join(quote_arg(arg) for arg in argv))


def parse_exec(value: str) -> list[str]:
    """The argument vector of an ``Exec`` value as written in the file.

    Stand-alone field codes (``%f``, ``%U``…) are dropped, as they expand to nothing at login.
    Raises ``ValueError`` for an unterminated quote.
    """
    text = unescape_string(value)
    args: list[str] = []
    current: list[str] = []
    in_word = False
    index = 0
    while index < len(text):
        char = text[index]
        if char == '"':
            in_word = True
            index += 1
            while True:
                if index >= len(text):
                    raise ValueError("unterminated quote in Exec")
                char = text[index]
                if char == "\\" and index + 1 < len(text) and text[index + 1] in _QUOTE_ESCAPED:
                    current.append(text[index + 1])
                    index += 2
                elif char == '"':
                    index += 1
                    break
                else:
                    current.append(char)
                    index += 1
        elif char in " \t\n":
            if in_word:
                args.append("".join(current))
                current, in_word = [], False
            index += 1
        else:
            current.append(char)
            in_word = True
            index += 1
    if in_word:
        args.append("".join(current))
    return [_expand_percent(arg) for arg in args if not _is_field_code(arg)]


def _is_field_code(arg: str) -> bool:
    return len(arg) == 2 and arg[0] == "%" and arg[1] in _FIELD_CODES


def _expand_percent(arg: str) -> str:
    return arg.replace("%%", "%")


def read_group(text: str, group: str = GROUP) -> dict[str, str]:
    """The raw (still escaped) values of one group; localized keys (``Name[de]``) are skipped."""
    values: dict[str, str] = {}
    current: str | None = None
    # Only "\n" ends a line: str.splitlines() would also split on form feeds, U+2028 etc.
    for raw in text.split("\n"):
        line = raw.removesuffix("\r").lstrip(" \t")
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = line.rstrip(" \t")[1:-1]
            continue
        if current != group or "=" not in line:
            continue
        key, _, value = line.partition("=")
        key = key.rstrip(" \t")
        if "[" in key:
            continue
        values[key] = value.lstrip(" \t")
    return values


def is_true(values: dict[str, str], key: str) -> bool:
    return values.get(key, "").strip() == "true"


def is_false(values: dict[str, str], key: str) -> bool:
    return values.get(key, "").strip() == "false"
