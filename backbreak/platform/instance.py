"""Single-instance guard and local control channel: the server side.

The first ``backbreak`` process listens on a per-user Unix socket. A second
launch finds it there, hands over its request and exits instead of adding a
second tray icon. The same request/reply channel carries control commands
from the command line (``backbreak plan`` asks for the live state).

The protocol and the Qt-free client are in
:mod:`backbreak.platform.instance_client`; the socket's folder is chosen by
:mod:`backbreak.platform.instance_folder`.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import socket
import stat
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

from backbreak.platform.instance_client import (
    InstanceError,
    Request,
    Response,
    encode,
    send_request,
)
from backbreak.platform.instance_folder import instance_address
from backbreak.platform.instance_request import (
    MAX_REQUEST_BYTES,
    MAX_REQUEST_DEPTH,
    Handler,
    answer,
)

__all__ = [
    "MAX_REQUEST_BYTES",
    "MAX_REQUEST_DEPTH",
    "InstanceError",
    "InstanceServer",
    "Request",
    "Response",
    "instance_address",
    "send_request",
]

_log = logging.getLogger(__name__)

_IDLE_TIMEOUT_MS = 5000
_ACCEPT_RETRY_MS = 1000
_RECV_CHUNK = 64 * 1024
# A client that hangs up early must not raise SIGPIPE (Python ignores it anyway, embedders may not).
_SEND_FLAGS = getattr(socket, "MSG_NOSIGNAL", 0)


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


class _Connection(QObject):
    """One client connection: reads its request as it arrives, writes one reply, closes.

    Both directions are non-blocking and driven by socket notifiers, so a slow
    or silent client never blocks the event loop. The idle timer bounds how
    long a client may take to send its request or to take its reply; it exists
    only while the connection does.
    """

    def __init__(
        self,
        sock: socket.socket,
        handler: Handler,
        on_closed: Callable[[_Connection], None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._sock = sock
        self._handler = handler
        self._on_closed = on_closed
        self._buffer = bytearray()
        self._outgoing: memoryview | None = None
        self._closed = False
        self._reader = QSocketNotifier(sock.fileno(), QSocketNotifier.Type.Read, self)
        self._reader.activated.connect(lambda *_: self._guarded(self._on_readable))
        self._writer = QSocketNotifier(sock.fileno(), QSocketNotifier.Type.Write, self)
        self._writer.setEnabled(False)
        self._writer.activated.connect(lambda *_: self._guarded(self._on_writable))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self._guarded(self._on_idle))
        self._timer.start(_IDLE_TIMEOUT_MS)

    def close(self) -> None:
        """Drop the connection without (further) reply; safe to call more than once."""
        if self._closed:
            return
        self._closed = True
        self._timer.stop()
        self._reader.setEnabled(False)
        self._writer.setEnabled(False)
        self._sock.close()
        self._buffer = bytearray()
        self._outgoing = None
        self._on_closed(self)
        self.deleteLater()

    def _guarded(self, step: Callable[[], None]) -> None:
        """Run one step of the exchange; whatever goes wrong, the client is answered or dropped.

        Without this, an exception escaping a notifier slot would leave the
        connection open with its notifiers disabled: one descriptor lost per request.
        """
        try:
            step()
        except Exception:
            _log.exception("instance connection failed")
            if not self._closed and self._outgoing is None:
                try:
                    self._reply({"ok": False, "error": "internal error"})
                except Exception:
                    _log.exception("could not answer the failed instance request")
                    self.close()
            else:
                self.close()
        except BaseException:
            self.close()
            raise

    def _on_readable(self) -> None:
        while not self._closed:
            try:
                chunk = self._sock.recv(_RECV_CHUNK)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                self.close()
                return
            if not chunk:
                self.close()  # the client left before finishing its request
                return
            start = len(self._buffer)
            self._buffer += chunk
            end = self._buffer.find(b"\n", start)
            if end < 0:
                if len(self._buffer) > MAX_REQUEST_BYTES:
                    self._reply({"ok": False, "error": "request too large"})
                    return
                continue
            if end > MAX_REQUEST_BYTES:
                self._reply({"ok": False, "error": "request too large"})
                return
            line = bytes(self._buffer[:end])
            # Nothing more is read, even should the handler run a nested event loop.
            self._reader.setEnabled(False)
            self._timer.stop()
            self._buffer = bytearray()
            self._reply(answer(line, self._handler))
            return

    def _reply(self, reply: Response) -> None:
        """Start sending the one reply; later bytes from the client are ignored."""
        if self._closed:  # e.g. the handler closed the server
            return
        self._reader.setEnabled(False)
        self._buffer = bytearray()
        self._outgoing = memoryview(encode(reply))
        self._timer.start(_IDLE_TIMEOUT_MS)
        self._on_writable()

    def _on_writable(self) -> None:
        while self._outgoing:
            try:
                sent = self._sock.send(self._outgoing, _SEND_FLAGS)
            except (BlockingIOError, InterruptedError):
                self._writer.setEnabled(True)
                return
            except OSError:
                break  # the client is gone
            self._outgoing = self._outgoing[sent:]
        self.close()

    def _on_idle(self) -> None:
        if self._closed:
            return
        if self._outgoing is None:
            _log.debug("dropping idle instance connection")
            self._reply({"ok": False, "error": "timeout"})
        else:
            _log.debug("dropping instance connection that does not take its reply")
            self.close()


class _Endpoint:
    """The operating-system side of one server: listening socket, socket file, connections.

    Kept apart from the QObject and free of references to it, so that the
    server's ``destroyed`` signal can release everything even when the server
    goes away without ``close()``.
    """

    def __init__(self, address: str) -> None:
        self.address = address
        self.listener: socket.socket | None = None
        self.notifier: QSocketNotifier | None = None
        self.identity: tuple[int, int] | None = None
        self.connections: set[_Connection] = set()

    def release(self) -> None:
        """Close every connection and the listener and remove our socket file."""
        for conn in list(self.connections):
            conn.close()
        self.connections.clear()
        if self.notifier is not None:
            self.notifier.setEnabled(False)
            self.notifier.deleteLater()
            self.notifier = None
        if self.listener is not None:
            self.listener.close()
            self.listener = None
        if self.identity is not None:
            # Only our own file: another instance may have taken the address over meanwhile.
            with contextlib.suppress(OSError):
                info = os.lstat(self.address)
                if (info.st_dev, info.st_ino) == self.identity:
                    os.unlink(self.address)
            self.identity = None


class InstanceServer(QObject):
    """Serves requests from later ``backbreak`` processes on the GUI thread.

    Plain non-blocking sockets watched by ``QSocketNotifier``: nothing runs
    and no timer is active while no client is connected. Each connection
    carries exactly one request and one reply.
    """

    def __init__(self, address: str, handler: Handler, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._handler = handler
        self._endpoint = _Endpoint(address)
        endpoint = self._endpoint
        # A strong reference to the endpoint alone, none to the server.
        self.destroyed.connect(lambda *_: endpoint.release())

    @property
    def address(self) -> str:
        """The socket path this server listens on (or will)."""
        return self._endpoint.address

    def is_listening(self) -> bool:
        """Whether this server currently owns the address."""
        return self._endpoint.listener is not None

    def listen(self) -> bool:
        """Claim the address; False means another live instance already owns it.

        A socket file left behind by a crashed instance refuses connections; it
        is removed and the address taken over. Raises InstanceError when the
        address cannot be used for any other reason (e.g. a non-socket file).

        A plain ``bind`` fails atomically when the path exists, so a live
        instance's socket is never replaced; the 0600 mode plus the private
        folder restrict access to the user.
        """
        if self.is_listening():
            return True
        for attempt in range(2):
            listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                listener.bind(self.address)
            except OSError as exc:
                listener.close()
                if exc.errno != errno.EADDRINUSE:
                    raise InstanceError(f"cannot listen on {self.address}: {exc}") from exc
            else:
                self._adopt(listener)
                return True
            # A socket reappearing right after we removed a stale one means that
            # another instance started at the same moment and won.
            if attempt or not self._remove_if_stale():
                return False
        return False

    def _remove_if_stale(self) -> bool:
        """Remove a dead socket file at the address; False if a live instance answers."""
        try:
            if not stat.S_ISSOCK(os.lstat(self.address).st_mode):
                raise InstanceError(f"{self.address} exists and is not a socket")
        except FileNotFoundError:
            return True
        if _someone_answers(self.address):
            return False
        _log.info("removing stale instance socket %s", self.address)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.address)
        return True

    def _adopt(self, listener: socket.socket) -> None:
        """Start accepting on a freshly bound socket through the event loop."""
        try:
            os.chmod(self.address, 0o600)
            info = os.lstat(self.address)
            listener.listen(16)
            listener.setblocking(False)
        except OSError as exc:
            listener.close()
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.address)
            raise InstanceError(f"cannot listen on {self.address}: {exc}") from exc
        endpoint = self._endpoint
        endpoint.listener = listener
        endpoint.identity = (info.st_dev, info.st_ino)
        endpoint.notifier = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        endpoint.notifier.activated.connect(self._on_acceptable)

    def close(self) -> None:
        """Stop listening, drop open connections and remove the socket file."""
        self._endpoint.release()

    def _on_acceptable(self) -> None:
        endpoint = self._endpoint
        while endpoint.listener is not None:
            try:
                sock, _ = endpoint.listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except ConnectionAbortedError:
                continue
            except OSError as exc:
                # Out of descriptors or memory: the listener stays readable, so pause
                # instead of spinning, and try again a little later.
                _log.warning("cannot accept an instance connection: %s", exc)
                if endpoint.notifier is not None:
                    endpoint.notifier.setEnabled(False)
                QTimer.singleShot(_ACCEPT_RETRY_MS, self, self._resume_accepting)
                return
            try:
                sock.setblocking(False)
                conn = _Connection(sock, self._handler, endpoint.connections.discard, self)
            except Exception:
                sock.close()  # never a descriptor without an owner
                raise
            endpoint.connections.add(conn)

    def _resume_accepting(self) -> None:
        if self._endpoint.notifier is not None:
            self._endpoint.notifier.setEnabled(True)
