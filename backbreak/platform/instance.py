"""Single-instance guard and local control channel.

The first ``backbreak`` process listens on a per-user Unix socket. A second
launch finds it there, hands over its request and exits instead of adding a
second tray icon. The same request/reply channel carries control commands
from the command line later on.

Protocol: the client sends one JSON object terminated by ``"\\n"``; the server
answers with one JSON object terminated by ``"\\n"`` and closes the connection.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import socket
import stat
import tempfile
import time
import warnings
from collections.abc import Callable, Mapping
from pathlib import Path

import platformdirs
from PySide6.QtCore import QObject, QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket

__all__ = [
    "MAX_REQUEST_BYTES",
    "InstanceError",
    "InstanceServer",
    "Request",
    "Response",
    "instance_address",
    "send_request",
]

_log = logging.getLogger(__name__)

Request = dict[str, object]
Response = dict[str, object]
Handler = Callable[[Request], Response]

MAX_REQUEST_BYTES = 64 * 1024
"""Largest request the server accepts; anything bigger is hostile or a bug."""

_MAX_REPLY_BYTES = 1024 * 1024
_IDLE_TIMEOUT_MS = 5000
# sun_path holds 108 bytes on Linux (104 on the BSDs and macOS) including the NUL.
_MAX_SOCKET_PATH_BYTES = 100
_SOCKET_NAME = "instance.sock"


class InstanceError(Exception):
    """The instance channel is unusable: a timeout, a garbled reply or no place to listen."""


def _private_dir(path: Path) -> Path | None:
    """``path`` created if needed and checked to be ours alone, or None if it is not safe."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = path.lstat()
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            return None
        if stat.S_IMODE(info.st_mode) & 0o077:
            path.chmod(0o700)
    except OSError:
        return None
    return path


def _fits(path: Path) -> bool:
    return len(os.fsencode(path)) <= _MAX_SOCKET_PATH_BYTES


def instance_address() -> str:
    """Per-user socket path that every ``backbreak`` process of this user agrees on.

    Lives in the user's runtime folder; falls back to a private folder in the
    temp dir named after the uid when that folder is unusable or its path
    would not fit in a Unix socket address.
    """
    try:
        with warnings.catch_warnings():
            # platformdirs warns when XDG_RUNTIME_DIR is unset; its fallback is fine for us.
            warnings.simplefilter("ignore")
            runtime: Path | None = platformdirs.user_runtime_path("backbreak")
    except OSError:
        runtime = None
    if runtime is not None and _fits(runtime / _SOCKET_NAME):
        folder = _private_dir(runtime)
        if folder is not None:
            return str(folder / _SOCKET_NAME)

    name = f"backbreak-{os.getuid()}"
    for base in (Path(tempfile.gettempdir()), Path("/tmp")):
        candidate = base / name / _SOCKET_NAME
        if not _fits(candidate):
            continue
        folder = _private_dir(base / name)
        if folder is not None:
            return str(folder / _SOCKET_NAME)
    raise InstanceError("no private folder available for the instance socket")


def _encode(message: Mapping[str, object]) -> bytes:
    return json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def _someone_answers(address: str) -> bool:
    """Whether a live process accepts connections on ``address`` (a stale file refuses)."""
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    probe.settimeout(1.0)
    try:
        probe.connect(address)
    except (ConnectionRefusedError, FileNotFoundError):
        return False
    except OSError:
        # Timeouts or a full backlog: something is alive there, do not steal its address.
        return True
    finally:
        probe.close()
    return True


class _Connection:
    """One client connection: buffers its request until the newline arrives."""

    def __init__(self, sock: QLocalSocket) -> None:
        self.sock = sock
        self.buffer = bytearray()
        self.done = False
        self.timer = QTimer(sock)
        self.timer.setSingleShot(True)


class InstanceServer(QObject):
    """Serves requests from later ``backbreak`` processes on the GUI thread.

    Reads are driven by ``readyRead`` so a slow or silent client never blocks
    the event loop; each connection carries exactly one request and one reply.
    """

    def __init__(self, address: str, handler: Handler, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._address = address
        self._handler = handler
        self._server = QLocalServer(self)
        self._server.newConnection.connect(self._on_new_connection)
        self._connections: dict[QLocalSocket, _Connection] = {}

    @property
    def address(self) -> str:
        """The socket path this server listens on (or will)."""
        return self._address

    def is_listening(self) -> bool:
        """Whether this server currently owns the address."""
        return self._server.isListening()

    def listen(self) -> bool:
        """Claim the address; False means another live instance already owns it.

        A socket file left behind by a crashed instance refuses connections; it
        is removed and the address taken over. Raises InstanceError when the
        address cannot be used for any other reason (e.g. a non-socket file).

        The socket is bound here rather than by ``QLocalServer.listen(name)``:
        with ``UserAccessOption`` Qt binds in a temporary folder and renames the
        result over the path, silently replacing a live instance's socket. A
        plain ``bind`` fails atomically instead, and the 0600 mode plus the
        private folder give the same per-user access.
        """
        if self._server.isListening():
            return True
        for attempt in range(2):
            listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                listener.bind(self._address)
            except OSError as exc:
                listener.close()
                if exc.errno != errno.EADDRINUSE:
                    raise InstanceError(f"cannot listen on {self._address}: {exc}") from exc
            else:
                return self._adopt(listener)
            # A socket reappearing right after we removed a stale one means that
            # another instance started at the same moment and won.
            if attempt or not self._remove_if_stale():
                return False
        return False

    def _remove_if_stale(self) -> bool:
        """Remove a dead socket file at the address; False if a live instance answers."""
        try:
            if not stat.S_ISSOCK(os.lstat(self._address).st_mode):
                raise InstanceError(f"{self._address} exists and is not a socket")
        except FileNotFoundError:
            return True
        if _someone_answers(self._address):
            return False
        _log.info("removing stale instance socket %s", self._address)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self._address)
        return True

    def _adopt(self, listener: socket.socket) -> bool:
        """Hand a freshly bound socket to Qt so connections arrive through the event loop."""
        try:
            os.chmod(self._address, 0o600)
            listener.listen(16)
        except OSError as exc:
            listener.close()
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self._address)
            raise InstanceError(f"cannot listen on {self._address}: {exc}") from exc
        fd = listener.detach()
        if not self._server.listen(fd):
            os.close(fd)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self._address)
            raise InstanceError(f"cannot listen on {self._address}: {self._server.errorString()}")
        return True

    def close(self) -> None:
        """Stop listening, drop open connections and remove the socket file."""
        self._server.close()  # Qt unlinks the socket file by name here
        for conn in list(self._connections.values()):
            conn.done = True
            conn.sock.abort()
            conn.sock.deleteLater()
        self._connections.clear()

    def _on_new_connection(self) -> None:
        while self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            if sock is None:
                break
            conn = _Connection(sock)
            self._connections[sock] = conn
            sock.readyRead.connect(lambda c=conn: self._on_ready_read(c))
            sock.disconnected.connect(lambda c=conn: self._forget(c))
            conn.timer.timeout.connect(lambda c=conn: self._on_idle(c))
            conn.timer.start(_IDLE_TIMEOUT_MS)
            # Data may have arrived together with the connection.
            if sock.bytesAvailable():
                self._on_ready_read(conn)

    def _forget(self, conn: _Connection) -> None:
        conn.done = True
        conn.timer.stop()
        if self._connections.pop(conn.sock, None) is not None:
            conn.sock.deleteLater()

    def _on_idle(self, conn: _Connection) -> None:
        if not conn.done:
            _log.debug("dropping idle instance connection")
            self._finish(conn, {"ok": False, "error": "timeout"})

    def _finish(self, conn: _Connection, reply: Response) -> None:
        """Send the one reply and close; later bytes from the client are ignored."""
        conn.done = True
        conn.timer.stop()
        conn.buffer.clear()
        if conn.sock.state() == QLocalSocket.LocalSocketState.ConnectedState:
            conn.sock.write(_encode(reply))
            conn.sock.disconnectFromServer()  # flushes the reply first

    def _on_ready_read(self, conn: _Connection) -> None:
        data = bytes(conn.sock.readAll().data())
        if conn.done:
            return
        conn.buffer += data
        end = conn.buffer.find(b"\n")
        if end < 0:
            if len(conn.buffer) > MAX_REQUEST_BYTES:
                self._finish(conn, {"ok": False, "error": "request too large"})
            return
        if end > MAX_REQUEST_BYTES:
            self._finish(conn, {"ok": False, "error": "request too large"})
            return
        line = bytes(conn.buffer[:end])
        try:
            request = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            self._finish(conn, {"ok": False, "error": "invalid JSON"})
            return
        if not isinstance(request, dict):
            self._finish(conn, {"ok": False, "error": "request must be a JSON object"})
            return
        self._finish(conn, self._call_handler(request))

    def _call_handler(self, request: Request) -> Response:
        try:
            reply = self._handler(request)
            if not isinstance(reply, dict):
                raise TypeError(f"handler returned {type(reply).__name__}, not dict")
            _encode(reply)  # fail here, not halfway through writing
        except Exception:
            _log.exception("instance request handler failed for %r", request.get("command"))
            return {"ok": False, "error": "internal error"}
        return reply


def send_request(
    address: str, request: Mapping[str, object], timeout_ms: int = 2000
) -> Response | None:
    """Send one request to the running instance and wait for its reply.

    Blocking and Qt-free, so it works before any QApplication exists. Returns
    None when no instance listens at ``address``; raises InstanceError on a
    timeout or a reply that is not one JSON object. ``request`` must be
    JSON-serialisable (TypeError/ValueError otherwise).
    """
    payload = _encode(request)
    deadline = time.monotonic() + timeout_ms / 1000

    def remaining() -> float:
        left = deadline - time.monotonic()
        if left <= 0:
            raise InstanceError(f"no reply from {address} within {timeout_ms} ms")
        return left

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        try:
            sock.settimeout(remaining())
            sock.connect(address)
        except (FileNotFoundError, ConnectionRefusedError):
            return None
        except TimeoutError as exc:
            raise InstanceError(f"connecting to {address} timed out") from exc
        except OSError as exc:
            raise InstanceError(f"cannot connect to {address}: {exc}") from exc

        try:
            sock.settimeout(remaining())
            sock.sendall(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server refused the request early; its reply may still be waiting
        except TimeoutError as exc:
            raise InstanceError(f"sending to {address} timed out") from exc
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
                raise InstanceError(f"no reply from {address} within {timeout_ms} ms") from exc
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
