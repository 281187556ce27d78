"""Quit cleanly on SIGINT/SIGTERM without a polling timer.

Python runs signal handlers only when the interpreter gets control; a Qt event
loop idling in C never gives it. ``signal.set_wakeup_fd`` makes the C-level
handler write to a socket that a QSocketNotifier watches, so a signal wakes
the loop at once and costs nothing while idle.
"""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier


class SignalQuitter(QObject):
    def __init__(self, on_signal: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._on_signal = on_signal
        signal.set_wakeup_fd(self._writer.fileno())
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: None)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _drain(self) -> None:
        try:
            self._reader.recv(64)
        except BlockingIOError:
            return
        self._on_signal()

    def close(self) -> None:
        signal.set_wakeup_fd(-1)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()
