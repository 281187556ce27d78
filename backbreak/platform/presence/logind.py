"""systemd-logind on the system bus: sleep and screen lock, added on top of any idle backend.

- ``org.freedesktop.login1.Manager.PrepareForSleep(b)`` on ``/org/freedesktop/login1``: True
  just before the system sleeps, False after it resumed -> ``sleep_changed``.
- The session's ``LockedHint`` property (``org.freedesktop.login1.Session``), which GNOME
  Shell, KDE and other lockers set; every ``PropertiesChanged`` on the session object is
  followed by a fresh ``Get`` of it -> ``lock_changed`` when it changed.

The session is found with ``GetSession($XDG_SESSION_ID)``, else ``GetSessionByPID(pid)``, else
``GetSession("auto")`` (the caller's session, or the user's display session). Only signals are
received: nothing is polled. Once running, ``LockedHint`` is read asynchronously through the
shared :class:`~backbreak.platform.dbus.BusClient`, so a slow logind never blocks the GUI thread;
only finding the session (while the backend is chosen) waits for an answer.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusObjectPath

from backbreak.platform.dbus import (
    BusClient,
    DBusCallError,
    bus_problem,
    method_call,
    probe_call,
    probe_interface,
    typed_call,
    unwrap,
)
from backbreak.platform.presence.base import PresenceMonitor, PresenceUnavailable

__all__ = ["LOGIN1_PATH", "LOGIN1_SERVICE", "LogindPresence"]

_log = logging.getLogger(__name__)

LOGIN1_SERVICE = "org.freedesktop.login1"
LOGIN1_PATH = "/org/freedesktop/login1"
MANAGER_INTERFACE = "org.freedesktop.login1.Manager"
SESSION_INTERFACE = "org.freedesktop.login1.Session"
PROPERTIES_INTERFACE = "org.freedesktop.DBus.Properties"


def _path_of(value: Any) -> str:
    return value.path() if isinstance(value, QDBusObjectPath) else str(value)


class LogindPresence(PresenceMonitor):
    """Sleep and lock from logind; ``bus`` defaults to the system bus."""

    name = "logind"

    def __init__(
        self,
        bus: QDBusConnection | None = None,
        *,
        env: Mapping[str, str] | None = None,
        pid: int | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._bus = bus if bus is not None else QDBusConnection.systemBus()
        self._session_id = (env if env is not None else os.environ).get("XDG_SESSION_ID", "")
        self._pid = os.getpid() if pid is None else pid
        self.session_path: str | None = None
        self._locked: bool | None = None
        self._asleep = False
        self._client = BusClient(self._bus, self)
        self._running = False

    def probe(self) -> None:
        """Find our session; PresenceUnavailable when logind or the session cannot be found."""
        if self.session_path is not None:
            return
        problem = bus_problem(self._bus, "system", LOGIN1_SERVICE)
        if problem:
            raise PresenceUnavailable(problem)
        errors: list[str] = []
        for how in ("id", "pid", "auto"):
            try:
                path = self._find_session(how)
            except DBusCallError as exc:
                errors.append(str(exc))
                continue
            if path:
                self.session_path = path
                return
        raise PresenceUnavailable("cannot find this session: " + "; ".join(errors))

    def _find_session(self, how: str) -> str | None:
        if how == "id":
            if not self._session_id:
                return None
            (path,) = probe_call(
                self._bus, LOGIN1_SERVICE, LOGIN1_PATH, MANAGER_INTERFACE, "GetSession",
                self._session_id,
            )  # fmt: skip
            return _path_of(path)
        if how == "pid":
            manager = probe_interface(self._bus, LOGIN1_SERVICE, LOGIN1_PATH, MANAGER_INTERFACE)
            return _path_of(
                typed_call(manager, "GetSessionByPID", "QDBusObjectPath", ("uint", self._pid))
            )
        (path,) = probe_call(
            self._bus, LOGIN1_SERVICE, LOGIN1_PATH, MANAGER_INTERFACE, "GetSession", "auto"
        )
        return _path_of(path)

    def start(self, idle_threshold_s: float) -> None:
        """Subscribe to the signals (the threshold is not used: logind reports no idle time)."""
        self.probe()
        if self._running:
            return
        self._running = True
        self._client.subscribe(
            (LOGIN1_SERVICE, LOGIN1_PATH, MANAGER_INTERFACE, "PrepareForSleep"),
            self._on_prepare_for_sleep,
        )
        if self.session_path:
            self._client.subscribe(
                (LOGIN1_SERVICE, self.session_path, PROPERTIES_INTERFACE, "PropertiesChanged"),
                self._on_properties_changed,
            )
        self._locked = None
        self._read_locked(announce=False)

    def stop(self) -> None:
        self._running = False
        self._client.close()

    def locked_hint(self) -> bool | None:
        """The session's LockedHint as last read (None: not known yet, or unreadable)."""
        return self._locked

    def _read_locked(self, *, announce: bool) -> None:
        """Ask for LockedHint; ``announce``: emit ``lock_changed`` if the answer differs."""
        if not self.session_path:
            return
        self._client.invalidate()  # an answer to an earlier question is out of date
        message = method_call(
            LOGIN1_SERVICE, self.session_path, PROPERTIES_INTERFACE, "Get",
            SESSION_INTERFACE, "LockedHint",
        )  # fmt: skip
        self._client.call(message, lambda reply: self._on_locked(reply, announce))

    def _on_locked(self, reply: QDBusMessage, announce: bool) -> None:
        arguments = reply.arguments()
        if reply.type() != QDBusMessage.MessageType.ReplyMessage or not arguments:
            _log.debug("logind: LockedHint: %s %s", reply.errorName(), reply.errorMessage())
            return
        locked = bool(unwrap(arguments[0]))
        if locked != self._locked:
            self._locked = locked
            if announce:
                self.lock_changed.emit(locked)

    def _on_prepare_for_sleep(self, message: QDBusMessage) -> None:
        args: list[Any] = list(message.arguments())
        if args and bool(args[0]) != self._asleep:
            self._asleep = bool(args[0])
            self.sleep_changed.emit(self._asleep)

    def _on_properties_changed(self, message: QDBusMessage) -> None:
        # The changed values come as a{sv}, which PySide cannot take apart safely: ask again.
        args: list[Any] = list(message.arguments())
        if args and args[0] != SESSION_INTERFACE:
            return
        self._read_locked(announce=True)
