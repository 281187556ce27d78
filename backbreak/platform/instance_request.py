"""One request on the instance socket, parsed and answered: bounded before it is parsed.

The socket's peer may be anything running as the user; a request is one JSON object per line,
at most :data:`MAX_REQUEST_BYTES` and nested at most :data:`MAX_REQUEST_DEPTH` deep, and
whatever the handler does, the peer gets a JSON object back.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

from backbreak.platform.instance_client import Request, Response, encode

_log = logging.getLogger("backbreak.platform.instance")

Handler = Callable[[Request], Response]

MAX_REQUEST_BYTES = 64 * 1024
"""Largest request the server accepts; anything bigger is hostile or a bug."""

MAX_REQUEST_DEPTH = 16
"""Deepest nesting of arrays and objects a request may have; requests are flat, so this is ample."""


def _too_deep(line: bytes, limit: int = MAX_REQUEST_DEPTH) -> bool:
    """Whether arrays and objects nest deeper than ``limit`` in the JSON text ``line``.

    Checked before parsing, because the parser recurses once per level and a
    hostile request of a few KiB would exhaust the stack. One linear pass that
    stops at the first level too deep; brackets inside strings do not count.
    """
    if line.count(b"[") + line.count(b"{") <= limit:
        return False
    depth = 0
    in_string = escaped = False
    for byte in line:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > limit:
                return True
        elif byte in (0x5D, 0x7D):  # ] }
            depth -= 1
    return False


def answer(line: bytes, handler: Handler) -> Response:
    """The reply to one request line (without its newline)."""
    if _too_deep(line):
        return {"ok": False, "error": "request nested too deeply"}
    try:
        request = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {"ok": False, "error": "invalid JSON"}
    except RecursionError:  # the depth check above should make this unreachable
        return {"ok": False, "error": "request nested too deeply"}
    if not isinstance(request, dict):
        return {"ok": False, "error": "request must be a JSON object"}
    try:
        reply = handler(request)
        if not isinstance(reply, dict):
            raise TypeError(f"handler returned {type(reply).__name__}, not dict")
        encode(reply)  # fail here, not halfway through writing
    except Exception:
        _log.exception("instance request handler failed for %r", request.get("cmd"))
        return {"ok": False, "error": "internal error"}
    return reply
