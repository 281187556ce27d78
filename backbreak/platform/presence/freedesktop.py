"""KDE Plasma and other desktops: the ``org.freedesktop.ScreenSaver`` service on the session bus.

- ``GetSessionIdleTime() -> u``: polled (see :class:`PollingPresence`), each reading asked
  without waiting for the answer (``ask_idle``). The specification
  says seconds, but KDE's implementation (KIdleTime behind kscreenlocker) returns
  **milliseconds**. The unit is therefore chosen by implementation: milliseconds when the
  service is KDE's (``XDG_CURRENT_DESKTOP`` names KDE, or ``org.kde.screensaver`` is on the bus),
  seconds otherwise (xfce4-screensaver, mate-screensaver, the older gnome-screensaver).
  ``milliseconds=`` overrides the guess.
- ``GetActive() -> b`` and the ``ActiveChanged(b)`` signal: the screen saver / lock screen is
  up. Passed on as ``lock_changed``.

Both object paths are in use: ``/org/freedesktop/ScreenSaver`` and ``/ScreenSaver``; the
first that answers ``GetSessionIdleTime`` is used. GNOME has the service too but answers
``GetSessionIdleTime`` with an error, which is why GNOME goes through Mutter.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtDBus import QDBusConnection, QDBusMessage

from backbreak.platform.dbus import BusClient, DBusCallError, bus_problem, method_call, probe_call
from backbreak.platform.presence.base import PresenceUnavailable
from backbreak.platform.presence.polling import Backoff, PollingPresence

__all__ = [
    "DBUS_BACKOFF",
    "SCREENSAVER_PATHS",
    "SCREENSAVER_SERVICE",
    "FreedesktopIdleSource",
    "FreedesktopPresence",
    "kde_session",
]

_log = logging.getLogger(__name__)

SCREENSAVER_SERVICE = "org.freedesktop.ScreenSaver"
SCREENSAVER_INTERFACE = "org.freedesktop.ScreenSaver"
SCREENSAVER_PATHS = ("/org/freedesktop/ScreenSaver", "/ScreenSaver")
KDE_SCREENSAVER_SERVICE = "org.kde.screensaver"

#: While the user is away, look for the return every 30 s: a reading over D-Bus costs about
#: six context switches in this process (measured: the timer, QtDBus's connection thread both
#: ways, the reply handed back), so 30 s is ~0.2 wakeups/s, inside the app's budget.
DBUS_BACKOFF = Backoff((), 30.0)


def kde_session(env: Mapping[str, str], bus: QDBusConnection | None = None) -> bool:
    """Whether the ScreenSaver service is KDE's (whose idle time is in milliseconds)."""
    desktops = env.get("XDG_CURRENT_DESKTOP", "").upper().split(":")
    if "KDE" in desktops:
        return True
    return bus is not None and bus_problem(bus, "session", KDE_SCREENSAVER_SERVICE) is None


class FreedesktopIdleSource:
    """``GetSessionIdleTime`` on the first object path that answers it."""

    def __init__(self, bus: QDBusConnection, *, milliseconds: bool) -> None:
        self.bus = bus
        self.milliseconds = milliseconds
        self.path: str | None = None
        self._client = BusClient(bus)

    def open(self) -> None:
        if self.path is not None:
            return
        problem = bus_problem(self.bus, "session", SCREENSAVER_SERVICE)
        if problem:
            raise PresenceUnavailable(problem)
        errors = []
        for path in SCREENSAVER_PATHS:
            try:
                self._read(path)
            except DBusCallError as exc:
                errors.append(f"{path}: {exc}")
                continue
            self.path = path
            return
        raise PresenceUnavailable("GetSessionIdleTime fails (" + "; ".join(errors) + ")")

    def _read(self, path: str) -> float:
        (value,) = probe_call(
            self.bus, SCREENSAVER_SERVICE, path, SCREENSAVER_INTERFACE, "GetSessionIdleTime"
        )
        return int(value) / 1000.0 if self.milliseconds else float(value)

    def read_idle(self) -> float | None:
        if self.path is None:
            return None
        try:
            return self._read(self.path)
        except DBusCallError as exc:
            _log.debug("GetSessionIdleTime: %s", exc)
            return None

    def ask_idle(self, answer: Callable[[float | None], None]) -> None:
        """The schedule's readings: asked without waiting (see ``AskingIdleSource``)."""
        if self.path is None:
            QTimer.singleShot(0, lambda: answer(None))
            return
        message = method_call(
            SCREENSAVER_SERVICE, self.path, SCREENSAVER_INTERFACE, "GetSessionIdleTime"
        )

        def replied(reply: QDBusMessage) -> None:
            arguments = reply.arguments()
            if reply.type() != QDBusMessage.MessageType.ReplyMessage or not arguments:
                _log.debug("GetSessionIdleTime: %s", reply.errorMessage())
                answer(None)
                return
            value = arguments[0]
            answer(int(value) / 1000.0 if self.milliseconds else float(value))

        self._client.call(message, replied)

    def close(self) -> None:
        self.path = None
        self._client.close()  # a pending answer is dropped


class FreedesktopPresence(PollingPresence):
    """Polled idle time plus the lock state from ``ActiveChanged``."""

    name = "freedesktop-screensaver"

    def __init__(
        self,
        bus: QDBusConnection | None = None,
        *,
        milliseconds: bool | None = None,
        env: Mapping[str, str] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        backoff: Backoff | None = None,
        parent: QObject | None = None,
    ) -> None:
        bus = bus if bus is not None else QDBusConnection.sessionBus()
        if milliseconds is None:
            milliseconds = kde_session(env if env is not None else os.environ, bus)
        self.source = FreedesktopIdleSource(bus, milliseconds=milliseconds)
        super().__init__(
            self.source, monotonic=monotonic, backoff=backoff or DBUS_BACKOFF, parent=parent
        )
        self._locked: bool | None = None
        self._lock_client = BusClient(bus, self)

    def start(self, idle_threshold_s: float) -> None:
        super().start(idle_threshold_s)
        self._lock_client.close()  # started again: one subscription, on the path in use
        path = self.source.path
        if path is None:
            return
        self._lock_client.subscribe(
            (SCREENSAVER_SERVICE, path, SCREENSAVER_INTERFACE, "ActiveChanged"),
            self._on_active_changed,
        )
        self._locked = None
        message = method_call(SCREENSAVER_SERVICE, path, SCREENSAVER_INTERFACE, "GetActive")
        self._lock_client.call(message, self._on_active_reply)

    def stop(self) -> None:
        self._lock_client.close()
        super().stop()

    def _on_active_reply(self, reply: QDBusMessage) -> None:
        """The lock state at start: the baseline ``ActiveChanged`` is compared with."""
        arguments = reply.arguments()
        if reply.type() == QDBusMessage.MessageType.ReplyMessage and arguments:
            self._locked = bool(arguments[0])

    def _on_active_changed(self, message: QDBusMessage) -> None:
        self._lock_client.invalidate()  # the signal is newer than any pending answer
        args: list[Any] = list(message.arguments())
        if args and bool(args[0]) != self._locked:
            self._locked = bool(args[0])
            self.lock_changed.emit(self._locked)
