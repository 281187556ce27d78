"""Keys and values as short TOML-like text, for messages that quote a settings file."""

from __future__ import annotations

import datetime
import json
import re

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_MAX_VALUE_TEXT = 80


def format_key(path: tuple[str, ...] | list[str]) -> str:
    """A dotted key path as it would be written in TOML (odd keys quoted)."""
    return ".".join(part if _BARE_KEY.fullmatch(part) else json.dumps(part) for part in path)


def format_value(value: object) -> str:
    """A value as short, single-line TOML-like text for messages."""
    text = _format_value(value, depth=0)
    if len(text) > _MAX_VALUE_TEXT:
        return text[: _MAX_VALUE_TEXT - 1] + "…"
    return text


def toml_text(value: object) -> str:
    """A value as single-line TOML-like text, however long (for the docs)."""
    return _format_value(value, depth=0)


def _format_value(value: object, depth: int) -> str:
    if depth > 3:
        return "…"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        items = [_format_value(item, depth + 1) for item in value[:10]]
        if len(value) > 10:
            items.append("…")
        return "[" + ", ".join(items) + "]"
    if isinstance(value, dict):
        pairs = [
            f"{format_key([str(k)])} = {_format_value(v, depth + 1)}"
            for k, v in list(value.items())[:10]
        ]
        if len(value) > 10:
            pairs.append("…")
        return "{" + ", ".join(pairs) + "}"
    return repr(value)
