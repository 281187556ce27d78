"""speech-dispatcher's SSIP protocol over its Unix socket, with QLocalSocket on the GUI thread.

SSIP is a line protocol: each command ends in CRLF and gets a reply whose last line is
"NNN text" (earlier lines "NNN-text"); 2xx is success. ``SPEAK`` is answered 230, then the text
follows, each line beginning with a dot doubled, ended by a lone "." line, answered 225.
``CANCEL SELF`` silences this client's messages. One command is in flight at a time.

The peer is treated as hostile: replies are read in bounded pieces, a line longer than
:data:`MAX_LINE` or one that is not a reply ends the conversation, and nothing waits on it.
Where the socket is missing, ``speech-dispatcher --spawn`` starts the service (as its own client
library does), and the socket is tried once more when that command ends.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass

from PySide6.QtCore import QObject, QProcess
from PySide6.QtNetwork import QLocalSocket

from backbreak.platform.speech.base import log_once

MAX_LINE = 4096
MAX_TEXT = 2000
CLIENT_NAME = "user:backbreak:steps"
_REPLY = re.compile(rb"(\d{3})([ -])(.*)")
_LANGUAGE = re.compile(r"[a-z]{2,3}")


class ProtocolError(ValueError):
    """The peer sent something that is not an SSIP reply."""


def command(line: str) -> bytes:
    return line.encode("ascii") + b"\r\n"


def message_data(text: str) -> bytes:
    """The text block after ``SPEAK``: dot-stuffed lines, then the lone "." line."""
    lines = text[:MAX_TEXT].replace("\r\n", "\n").replace("\r", "\n").split("\n")
    stuffed = ["." + line if line.startswith(".") else line for line in lines]
    return ("\r\n".join(stuffed) + "\r\n.\r\n").encode("utf-8")


class ReplyReader:
    """Cuts the peer's bytes into final reply codes, holding at most one partial line."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[int]:
        self._buffer += data
        codes: list[int] = []
        while (end := self._buffer.find(b"\n")) >= 0:
            line = bytes(self._buffer[:end]).rstrip(b"\r")
            del self._buffer[: end + 1]
            match = _REPLY.fullmatch(line) if len(line) <= MAX_LINE else None
            if match is None:
                raise ProtocolError(line[:80])
            if match.group(2) == b" ":
                codes.append(int(match.group(1)))
        if len(self._buffer) > MAX_LINE:
            raise ProtocolError(bytes(self._buffer[:80]))
        return codes

    def clear(self) -> None:
        self._buffer.clear()


@dataclass(frozen=True)
class Request:
    kind: str  # "setup", "cancel", "speak" or "data"
    payload: bytes


class SsipSpeaker:
    """Speaks each step through speech-dispatcher, cancelling the one before."""

    def __init__(
        self,
        path: str,
        spawn: list[str] | None = None,
        *,
        language: str = "",
        parent: QObject | None = None,
    ) -> None:
        self._path = path
        self._spawn = spawn
        self._setup = [Request("setup", command(f"SET SELF CLIENT_NAME {CLIENT_NAME}"))]
        if _LANGUAGE.fullmatch(language):
            self._setup.append(Request("setup", command(f"SET SELF LANGUAGE {language}")))
        self._queue: deque[Request] = deque()
        self._waiting: Request | None = None
        self._reader = ReplyReader()
        self._spoke = False
        self._failed = False
        self._connecting = False
        self._spawner: QProcess | None = None
        self._socket = QLocalSocket(parent)
        self._socket.setReadBufferSize(4 * MAX_LINE)  # Qt's own buffer, bounded too
        self._socket.connected.connect(self._connected)
        self._socket.readyRead.connect(self._read)
        self._socket.errorOccurred.connect(self._socket_error)
        self._socket.disconnected.connect(self._disconnected)
        self._connect()

    @property
    def available(self) -> bool:
        return not self._failed

    @property
    def socket(self) -> QLocalSocket:
        return self._socket

    def say(self, text: str) -> None:
        if self._failed:
            return
        self._drop_unsent()
        if self._spoke:
            self._queue.append(Request("cancel", command("CANCEL SELF")))
        self._queue.append(Request("speak", command("SPEAK")))
        self._queue.append(Request("data", message_data(text)))
        self._spoke = True
        self._go()

    def stop(self) -> None:
        if self._failed or not self._spoke:
            return
        self._drop_unsent()
        self._queue.append(Request("cancel", command("CANCEL SELF")))
        self._spoke = False
        self._go()

    def _drop_unsent(self) -> None:
        """Forget unsent speech, but never the text that an answered SPEAK now waits for."""
        committed = self._waiting is not None and self._waiting.kind == "speak"
        kept: deque[Request] = deque()
        for request in self._queue:
            if request.kind == "setup" or (committed and request.kind == "data"):
                kept.append(request)
                committed = committed and request.kind != "data"
        self._queue = kept

    def _go(self) -> None:
        state = self._socket.state()
        if state is QLocalSocket.LocalSocketState.ConnectedState:
            self._send_next()
        elif state is QLocalSocket.LocalSocketState.UnconnectedState and not self._busy():
            self._connect()

    def _busy(self) -> bool:
        """Connecting already, or waiting for the service to start."""
        spawning = self._spawner is not None and (
            self._spawner.state() is not QProcess.ProcessState.NotRunning
        )
        return self._connecting or spawning

    def _connect(self) -> None:
        self._connecting = True
        self._socket.connectToServer(self._path)

    def _connected(self) -> None:
        self._connecting = False
        self._queue.extendleft(reversed(self._setup))
        self._send_next()

    def _send_next(self) -> None:
        if self._waiting is not None or not self._queue:
            return
        self._waiting = self._queue.popleft()
        self._socket.write(self._waiting.payload)

    def _read(self) -> None:
        while self._socket.bytesAvailable() > 0 and not self._failed:
            try:
                codes = self._reader.feed(bytes(self._socket.read(MAX_LINE).data()))
            except ProtocolError as exc:
                self._fail("No speech: speech-dispatcher sent something that is not SSIP: %r", exc)
                return
            for code in codes:
                self._answered(code)

    def _answered(self, code: int) -> None:
        request, self._waiting = self._waiting, None
        if request is None:
            return  # an event nobody asked for
        if not 200 <= code < 300:
            log_once("refused", "speech-dispatcher refused a request (%d)", code)
            if request.kind == "speak" and self._queue and self._queue[0].kind == "data":
                self._queue.popleft()
        self._send_next()

    def _socket_error(self, error: QLocalSocket.LocalSocketError) -> None:
        if not self._connecting:
            return  # the peer went away: the next step connects again
        self._connecting = False
        missing = error in (
            QLocalSocket.LocalSocketError.ServerNotFoundError,
            QLocalSocket.LocalSocketError.ConnectionRefusedError,
        )
        if missing and self._spawn is not None and self._spawner is None:
            self._start_service(self._spawn)
            return
        self._fail("No speech: speech-dispatcher is not running (%s)", self._socket.errorString())

    def _start_service(self, spawn: list[str]) -> None:
        spawner = QProcess()
        spawner.setStandardOutputFile(QProcess.nullDevice())
        spawner.setStandardErrorFile(QProcess.nullDevice())
        spawner.finished.connect(self._connect)
        spawner.errorOccurred.connect(self._spawn_error)
        self._spawner = spawner
        spawner.start(spawn[0], spawn[1:])

    def _spawn_error(self, error: QProcess.ProcessError) -> None:
        if error is QProcess.ProcessError.FailedToStart:
            self._fail("No speech: speech-dispatcher could not start: %s", error)

    def _disconnected(self) -> None:
        self._waiting = None
        self._reader.clear()
        self._spoke = False
        self._queue.clear()

    def _fail(self, message: str, *args: object) -> None:
        self._failed = True
        self._queue.clear()
        self._waiting = None
        log_once("ssip", message, *args)
        self._socket.abort()
