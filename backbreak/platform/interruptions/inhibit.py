"""Calls, presentations and videos: the session has an inhibitor that keeps the screen awake.

Video players, call apps and presentation tools ask the session not to go idle while they run;
on Wayland, where no common way to see a fullscreen window exists, that request is what
tells backbreak to hold a due prompt. The session interfaces read:

- GNOME: ``InhibitedActions`` (uint32 flags; 8 = idle) of ``org.gnome.SessionManager`` at
  ``/org/gnome/SessionManager``, read with ``org.freedesktop.DBus.Properties.Get``.
  gnome-session emits ``InhibitorAdded``/``InhibitorRemoved`` (an object path each) and,
  through its generated skeleton, ``PropertiesChanged`` when the flags change; the value is
  read again on each. The flatpak portal's ``org.freedesktop.portal.Inhibit`` ends up here.
- KDE Plasma: powerdevil's ``org.kde.Solid.PowerManagement.PolicyAgent``
  ``HasInhibition(u) -> b`` for "keep the screen on" (4: what browsers playing video and call
  apps ask through ``org.freedesktop.ScreenSaver.Inhibit``, which Plasma's screen locker
  passes on) and "keep the session from sleeping" (1), re-read on ``InhibitionsChanged``.
  Plasma's ``org.freedesktop.PowerManagement.Inhibit`` counts only the latter.
- Xfce and others: ``org.freedesktop.PowerManagement.Inhibit`` at
  ``/org/freedesktop/PowerManagement/Inhibit``: ``HasInhibit() -> b``, re-read on its
  ``HasInhibitChanged(b)`` signal.

All make only asynchronous calls with auto-start off, follow the service's owner (a service
that appears is read, one that goes away counts as "no inhibitor" with :attr:`problem` set)
and never block the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtDBus import QDBusMessage

from backbreak.platform.dbus import TypedArgumentUnavailable, uint32
from backbreak.platform.dbus import unwrap as _unwrap
from backbreak.platform.interruptions.dbus_source import (
    NAME_HAS_NO_OWNER,
    PROPERTIES,
    SERVICE_UNKNOWN,
    DBusSource,
)

__all__ = [
    "GNOME_IDLE_FLAG",
    "KDE_POLICIES",
    "FreedesktopInhibitSource",
    "GnomeInhibitSource",
    "KdePolicyAgentSource",
    "SessionInhibitSource",
]

_log = logging.getLogger(__name__)

GNOME_IDLE_FLAG = 8
"""``org.gnome.SessionManager.Inhibit`` flag: inhibit the session being marked as idle."""


class SessionInhibitSource(DBusSource):
    """Active while the session service reports an inhibitor (see the module docstring).

    Subclasses say where to ask (:attr:`SERVICE`, :attr:`PATH`), how (:meth:`_query`), how
    to read the answer (:meth:`_decode`) and which signals mean "ask again"
    (:meth:`_change_signals`).
    """

    name = "calls"
    SERVICE = ""
    PATH = ""

    # ------------------------------------------------------------------ for subclasses

    def _query(self) -> QDBusMessage:
        raise NotImplementedError

    def _decode(self, value: object) -> bool | None:
        """The state from the reply's first argument; None when it makes no sense."""
        raise NotImplementedError

    def _change_signals(self) -> list[tuple[str, str, Callable[[QDBusMessage], None]]]:
        """``(interface, member, handler)`` of the signals on :attr:`PATH` to follow."""
        raise NotImplementedError

    # ------------------------------------------------------------------ life cycle

    def _start(self) -> None:
        assert self._bus is not None
        if not self._bus.isConnected():
            self._fail("no D-Bus session bus")
            return
        for interface, member, handler in self._change_signals():
            self._subscribe((self.SERVICE, self.PATH, interface, member), handler)
        self._follow_owner(self.SERVICE)
        self._read()

    # ------------------------------------------------------------------ reading

    def _read(self) -> None:
        self._invalidate_calls()
        message = self._query()
        message.setAutoStartService(False)
        self._call(message, self._on_reply)

    def _read_on_signal(self, _message: QDBusMessage) -> None:
        if self._started:
            self._read()

    def _on_reply(self, reply: QDBusMessage) -> None:
        if reply.type() == QDBusMessage.MessageType.ErrorMessage:
            if reply.errorName() in (SERVICE_UNKNOWN, NAME_HAS_NO_OWNER):
                self._fail(f"{self.SERVICE} is not running")
            else:
                self._fail(f"cannot ask {self.SERVICE}: {reply.errorName()} {reply.errorMessage()}")
            return
        arguments = reply.arguments()
        value = self._decode(_unwrap(arguments[0]) if arguments else None)
        if value is None:
            self._fail(f"{self.SERVICE} answered {arguments!r}")
            return
        self.problem = None
        self._set_active(value)

    def _service_gone(self) -> None:
        self._fail(f"{self.SERVICE} is not running")


class GnomeInhibitSource(SessionInhibitSource):
    """gnome-session: ``InhibitedActions`` has the idle flag (8)."""

    backend = "gnome-session"
    SERVICE = "org.gnome.SessionManager"
    PATH = "/org/gnome/SessionManager"
    INTERFACE = "org.gnome.SessionManager"

    def _query(self) -> QDBusMessage:
        message = QDBusMessage.createMethodCall(self.SERVICE, self.PATH, PROPERTIES, "Get")
        message.setArguments([self.INTERFACE, "InhibitedActions"])
        return message

    def _decode(self, value: object) -> bool | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return None
        return bool(value & GNOME_IDLE_FLAG)

    def _change_signals(self) -> list[tuple[str, str, Callable[[QDBusMessage], None]]]:
        return [
            (self.INTERFACE, "InhibitorAdded", self._read_on_signal),
            (self.INTERFACE, "InhibitorRemoved", self._read_on_signal),
            (PROPERTIES, "PropertiesChanged", self._on_properties_changed),
        ]

    def _on_properties_changed(self, message: QDBusMessage) -> None:
        arguments = message.arguments()
        if arguments and arguments[0] == self.INTERFACE:
            self._read_on_signal(message)


class FreedesktopInhibitSource(SessionInhibitSource):
    """``org.freedesktop.PowerManagement.Inhibit``: ``HasInhibit()`` is true."""

    backend = "freedesktop-power-management"
    SERVICE = "org.freedesktop.PowerManagement.Inhibit"
    PATH = "/org/freedesktop/PowerManagement/Inhibit"
    INTERFACE = "org.freedesktop.PowerManagement.Inhibit"

    def _query(self) -> QDBusMessage:
        return QDBusMessage.createMethodCall(self.SERVICE, self.PATH, self.INTERFACE, "HasInhibit")

    def _decode(self, value: object) -> bool | None:
        return value if isinstance(value, bool) else None

    def _change_signals(self) -> list[tuple[str, str, Callable[[QDBusMessage], None]]]:
        return [(self.INTERFACE, "HasInhibitChanged", self._read_on_signal)]


KDE_POLICIES = 1 | 4
"""PolicyAgent policies that mean "an app needs the user's attention": InterruptSession (1,
no sleep) and ChangeScreenSettings (4, screen kept on)."""


class KdePolicyAgentSource(SessionInhibitSource):
    """powerdevil's PolicyAgent: ``HasInhibition(KDE_POLICIES)`` is true."""

    backend = "kde-policy-agent"
    SERVICE = "org.kde.Solid.PowerManagement.PolicyAgent"
    PATH = "/org/kde/Solid/PowerManagement/PolicyAgent"
    INTERFACE = "org.kde.Solid.PowerManagement.PolicyAgent"

    def _query(self) -> QDBusMessage:
        message = QDBusMessage.createMethodCall(
            self.SERVICE, self.PATH, self.INTERFACE, "HasInhibition"
        )
        try:
            message.setArguments([uint32(KDE_POLICIES)])
        except TypedArgumentUnavailable as exc:  # the call then fails and says why
            _log.warning("cannot ask %s: %s", self.SERVICE, exc)
        return message

    def _decode(self, value: object) -> bool | None:
        return value if isinstance(value, bool) else None

    def _change_signals(self) -> list[tuple[str, str, Callable[[QDBusMessage], None]]]:
        return [(self.INTERFACE, "InhibitionsChanged", self._read_on_signal)]
