"""The client side of the instance channel: everything a second launch or the CLI needs.

Qt-free and quick to import, so ``backbreak plan`` can ask the running app
without loading Qt. The server lives in :mod:`backbreak.platform.instance`.

Protocol: the client sends one JSON object terminated by ``"\\n"``; the server
answers with one JSON object terminated by ``"\\n"`` and closes the connection.
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Mapping

__all__ = [
    "HANDOVER_TIMEOUT_MS",
    "InstanceBusy",
    "InstanceError",
    "InstanceTimeout",
    "Request",
    "Response",
    "encode",
    "hand_over",
    "send_request",
]

Request = dict[str, object]
Response = dict[str, object]

HANDOVER_TIMEOUT_MS = 5000
"""How long a running instance may take to answer a second launch or the CLI."""

_MAX_REPLY_BYTES = 1024 * 1024


class InstanceError(Exception):
    """The instance channel is unusable: a timeout, a garbled reply or no place to listen."""


class InstanceTimeout(InstanceError):
    """Something listens at the address but did not answer in time."""


class InstanceBusy(InstanceError):
    """An instance owns the address but gave no usable answer; ``str()`` says so to the user."""


def encode(message: Mapping[str, object]) -> bytes:
    """One protocol line: compact JSON and a newline."""
    return json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def hand_over(
    address: str, request: Mapping[str, object], timeout_ms: int = HANDOVER_TIMEOUT_MS
) -> Response | None:
    """Give ``request`` to the running instance: its reply, or None when none runs.

    A process that accepts the connection but does not answer properly is
    still a running instance (busy, or stuck): raises :class:`InstanceBusy`
    rather than returning None, so that no caller ever starts a second one
    beside it.
    """
    try:
        return send_request(address, request, timeout_ms)
    except InstanceTimeout as exc:
        raise InstanceBusy(
            f"backbreak is already running but did not answer within {timeout_ms / 1000:g} s"
        ) from exc
    except InstanceError as exc:
        raise InstanceBusy(
            f"backbreak is already running but did not answer properly: {exc}"
        ) from exc


def send_request(
    address: str, request: Mapping[str, object], timeout_ms: int = 2000
) -> Response | None:
    """Send one request to the running instance and wait for its reply.

    Blocking and Qt-free, so it works before any QApplication exists. Returns
    None when no instance listens at ``address``; raises InstanceError on a
    timeout or a reply that is not one JSON object. ``request`` must be
    JSON-serialisable (TypeError/ValueError otherwise).
    """
    payload = encode(request)
    deadline = time.monotonic() + timeout_ms / 1000

    def remaining() -> float:
        left = deadline - time.monotonic()
        if left <= 0:
            raise InstanceTimeout(f"no reply from {address} within {timeout_ms} ms")
        return left

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        try:
            sock.settimeout(remaining())
            sock.connect(address)
        except (FileNotFoundError, ConnectionRefusedError):
            return None
        except TimeoutError as exc:
            raise InstanceTimeout(f"connecting to {address} timed out") from exc
        except OSError as exc:
            raise InstanceError(f"cannot connect to {address}: {exc}") from exc

        try:
            sock.settimeout(remaining())
            sock.sendall(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server refused the request early; its reply may still be waiting
        except TimeoutError as exc:
            raise InstanceTimeout(f"sending to {address} timed out") from exc
        except OSError as exc:
            raise InstanceError(f"cannot send to {address}: {exc}") from exc

        reply = bytearray()
        while b"\n" not in reply:
            if len(reply) > _MAX_REPLY_BYTES:
                raise InstanceError("reply too large")
            try:
                sock.settimeout(remaining())
                chunk = sock.recv(65536)
            except TimeoutError as exc:
                raise InstanceTimeout(f"no reply from {address} within {timeout_ms} ms") from exc
            except OSError as exc:
                raise InstanceError(f"connection to {address} failed: {exc}") from exc
            if not chunk:
                raise InstanceError("connection closed before a complete reply")
            reply += chunk

    line = bytes(reply[: reply.index(b"\n")])
    try:
        decoded = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise InstanceError(f"garbled reply: {line[:200]!r}") from exc
    if not isinstance(decoded, dict):
        raise InstanceError(f"reply is not a JSON object: {line[:200]!r}")
    return decoded
