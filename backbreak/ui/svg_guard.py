"""Which SVG illustrations may be drawn: those that draw only themselves.

QtSvg follows references out of a document: ``<image>`` loads picture files (or ``data:``
payloads), ``xlink:href`` and ``url(...)`` can name other files, and a DOCTYPE can declare
entities. A user's own exercise folder is not trusted to keep its pictures to itself, so an
illustration that refers to anything but an element of its own document (``#id``) is refused
before QtSvg sees it, and the bytes that were checked are the bytes that get drawn.
"""

from __future__ import annotations

import os
import re
import stat
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 256 * 1024
"""The same limit the exercise loader puts on an illustration."""

_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_NOT_ALLOWED_MARKUP = ("<!doctype", "<!entity", "<?xml-stylesheet", "@import")
_NOT_ALLOWED_ELEMENTS = frozenset({"image", "script", "foreignobject", "iframe", "audio", "video"})


@dataclass(frozen=True)
class Checked:
    """An SVG document that may be drawn (``data``), or why it may not (``problem``)."""

    data: bytes = b""
    problem: str | None = None


def _local(name: str) -> str:
    """``{namespace}name`` without its namespace, lower-cased."""
    return name.rsplit("}", 1)[-1].lower()


def _is_internal(reference: str) -> bool:
    return reference.strip().startswith("#")


def outside_reference(data: bytes) -> str | None:
    """What in ``data`` reaches outside the document (or cannot be parsed), or ``None``."""
    try:
        folded = data.decode("utf-8").lower()
    except UnicodeDecodeError:
        return "is not UTF-8 text"
    for markup in _NOT_ALLOWED_MARKUP:
        if markup in folded:
            return f"contains {markup.lstrip('<')}"
    try:
        root = ET.fromstring(data)  # no DOCTYPE, so no entity can expand
    except ET.ParseError as exc:
        return f"is not valid SVG ({exc})"
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = _local(element.tag)
        if tag in _NOT_ALLOWED_ELEMENTS:
            return f"contains an <{tag}> element"
        for name, value in element.attrib.items():
            if _local(name) == "href" and not _is_internal(value):
                return f"refers to {value!r} (only '#id' references are allowed)"
            for match in _URL.finditer(value):
                if not _is_internal(match.group(2)):
                    return f"refers to url({match.group(2)}) (only url(#id) is allowed)"
        for match in _URL.finditer(element.text or ""):
            if not _is_internal(match.group(2)):
                return f"refers to url({match.group(2)}) (only url(#id) is allowed)"
    return None


def read_checked(path: Path) -> Checked:
    """The bytes of the regular file ``path`` if they may be drawn, else the reason why not."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
        with open(fd, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                return Checked(problem="is not a regular file")
            data = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        return Checked(problem=f"cannot be read ({exc.strerror or exc})")
    if len(data) > MAX_BYTES:
        return Checked(problem=f"is larger than {MAX_BYTES // 1024} KiB")
    problem = outside_reference(data)
    return Checked(problem=problem) if problem else Checked(data=data)
