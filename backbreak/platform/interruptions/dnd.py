"""Do-not-disturb sources on a D-Bus desktop: GNOME (show-banners), KDE Plasma (Inhibited).

The D-Bus sources use QtDBus on the connection they are given (the session bus in the app, a
private bus in tests) and make only asynchronous calls, so a slow or missing service never
blocks the GUI thread. They follow change signals, which cost nothing while nothing changes,
so they stay current whether or not they are watched.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QObject, QProcess
from PySide6.QtDBus import QDBusConnection, QDBusMessage

from backbreak.platform.dbus import unwrap as _unwrap
from backbreak.platform.interruptions.dbus_source import (
    NAME_HAS_NO_OWNER,
    PROPERTIES,
    SERVICE_UNKNOWN,
    UNKNOWN_METHOD,
    DBusSource,
)

__all__ = [
    "GnomeDoNotDisturbSource",
    "KdeDoNotDisturbSource",
]

_log = logging.getLogger(__name__)

# ---------------------------------------------------------------------------------- KDE


class KdeDoNotDisturbSource(DBusSource):
    """Plasma's notification server: ``Inhibited`` (bool) on ``org.freedesktop.Notifications``.

    Reads the property with ``org.freedesktop.DBus.Properties.Get`` at start and whenever the
    server emits ``PropertiesChanged`` for that interface (the changed values are not decoded:
    PySide6 cannot read an ``a{sv}`` argument, so the source asks again, one round trip per
    change). The name's owner is watched: a server that starts after backbreak (or restarts)
    is read when it appears, and "no server" counts as not inhibited. Calls never auto-start
    a notification server.
    """

    name = "do-not-disturb"
    backend = "kde"

    SERVICE = "org.freedesktop.Notifications"
    PATH = "/org/freedesktop/Notifications"
    INTERFACE = "org.freedesktop.Notifications"

    def __init__(self, bus: QDBusConnection, parent: QObject | None = None) -> None:
        super().__init__(bus, parent)

    def _start(self) -> None:
        assert self._bus is not None
        if not self._bus.isConnected():
            self._fail("no D-Bus session bus")
            return
        self._subscribe(
            (self.SERVICE, self.PATH, PROPERTIES, "PropertiesChanged"), self._on_changed
        )
        self._follow_owner(self.SERVICE)
        self._read()

    def _read(self) -> None:
        self._invalidate_calls()
        message = QDBusMessage.createMethodCall(self.SERVICE, self.PATH, PROPERTIES, "Get")
        message.setArguments([self.INTERFACE, "Inhibited"])
        message.setAutoStartService(False)
        self._call(message, self._on_reply)

    def _on_reply(self, reply: QDBusMessage) -> None:
        if reply.type() == QDBusMessage.MessageType.ErrorMessage:
            if reply.errorName() in (SERVICE_UNKNOWN, NAME_HAS_NO_OWNER):
                self.problem = None  # no server (yet): nothing is inhibited; the watcher waits
                self._set_active(False)
            else:
                self._fail(f"cannot read Inhibited: {reply.errorName()} {reply.errorMessage()}")
            return
        arguments = reply.arguments()
        value = _unwrap(arguments[0]) if arguments else None
        if not isinstance(value, bool):
            self._fail(f"Inhibited is not a boolean: {value!r}")
            return
        self.problem = None
        self._set_active(value)

    def _on_changed(self, message: QDBusMessage) -> None:
        arguments = message.arguments()
        if self._started and arguments and arguments[0] == self.INTERFACE:
            self._read()

    def _service_gone(self) -> None:
        self._set_active(False)


# ---------------------------------------------------------------------------------- GNOME

#: Where GNOME keeps the switch: banners hidden = do not disturb.
GNOME_SCHEMA = "org.gnome.desktop.notifications"
GNOME_KEY = "show-banners"
_GNOME_DCONF_PATH = "/org/gnome/desktop/notifications/show-banners"

VIA_PORTAL = "settings portal"
VIA_GSETTINGS = "gsettings"


class GnomeDoNotDisturbSource(DBusSource):
    """GNOME's do-not-disturb switch: ``org.gnome.desktop.notifications show-banners`` false.

    Two ways to read it, tried in this order:

    1. The settings portal (``org.freedesktop.portal.Settings.ReadOne``, or ``Read`` on
       portals older than version 2) with its ``SettingChanged`` signal: no process at all.
       Stock GNOME's portal backend does not publish this schema (it answers NotFound), so on
       a stock GNOME the second way is what runs; a portal that does publish it is used.
    2. One ``gsettings get`` process at start, again when dconf says the key changed (dconf's
       ``ca.desrt.dconf.Writer.Notify`` signal, which dconf-service broadcasts for every
       write), and again on ``set_watching(True)``. dconf's D-Bus interface only announces
       changes; values live in a file only the dconf client library reads, hence gsettings.
       Never polled. Without a session bus there is no change signal, so the value is then
       read only at start and on ``set_watching(True)``.

    :attr:`via` tells which one is in use (for diagnosis).
    """

    name = "do-not-disturb"
    backend = "gnome"

    PORTAL_SERVICE = "org.freedesktop.portal.Desktop"
    PORTAL_PATH = "/org/freedesktop/portal/desktop"
    PORTAL_INTERFACE = "org.freedesktop.portal.Settings"
    DCONF_SERVICE = "ca.desrt.dconf"
    DCONF_PATH = "/ca/desrt/dconf/Writer/user"
    DCONF_INTERFACE = "ca.desrt.dconf.Writer"

    def __init__(
        self,
        bus: QDBusConnection | None,
        parent: QObject | None = None,
        *,
        gsettings: Sequence[str] = ("gsettings",),
        use_portal: bool = True,
    ) -> None:
        """``gsettings``: the command (program and leading arguments) that is run as
        ``COMMAND get org.gnome.desktop.notifications show-banners``."""
        super().__init__(bus, parent)
        self._gsettings = tuple(gsettings)
        self._use_portal = use_portal
        self.via = ""
        self._process: QProcess | None = None
        self._read_again = False

    # ------------------------------------------------------------------ life cycle

    def _start(self) -> None:
        self.via = ""
        if self._use_portal and self._bus is not None and self._bus.isConnected():
            self._subscribe(
                (self.PORTAL_SERVICE, self.PORTAL_PATH, self.PORTAL_INTERFACE, "SettingChanged"),
                self._on_portal_changed,
            )
            self._portal_read("ReadOne")
        else:
            self._use_gsettings()

    def _stop(self) -> None:
        super()._stop()
        self.via = ""
        self._read_again = False
        if self._process is not None:
            process, self._process = self._process, None
            process.finished.disconnect()
            process.errorOccurred.disconnect()
            process.kill()
            process.waitForFinished(1000)
            process.deleteLater()

    def _watching_changed(self, watching: bool) -> None:
        if watching and self.via == VIA_GSETTINGS:
            self._gsettings_read()

    # ------------------------------------------------------------------ portal

    def _portal_read(self, method: str) -> None:
        message = QDBusMessage.createMethodCall(
            self.PORTAL_SERVICE, self.PORTAL_PATH, self.PORTAL_INTERFACE, method
        )
        message.setArguments([GNOME_SCHEMA, GNOME_KEY])
        self._call(message, lambda reply: self._on_portal_reply(method, reply))

    def _on_portal_reply(self, method: str, reply: QDBusMessage) -> None:
        if reply.type() == QDBusMessage.MessageType.ErrorMessage:
            if method == "ReadOne" and reply.errorName() == UNKNOWN_METHOD:
                self._portal_read("Read")  # a portal older than version 2
                return
            _log.debug(
                "settings portal cannot read %s %s (%s); using gsettings",
                GNOME_SCHEMA,
                GNOME_KEY,
                reply.errorName(),
            )
            self._unsubscribe_all()
            self._use_gsettings()
            return
        arguments = reply.arguments()
        value = _unwrap(arguments[0]) if arguments else None
        if not isinstance(value, bool):
            self._unsubscribe_all()
            self._use_gsettings()
            return
        self.via = VIA_PORTAL
        self.problem = None
        self._set_active(not value)

    def _on_portal_changed(self, message: QDBusMessage) -> None:
        arguments = message.arguments()
        if len(arguments) < 3 or arguments[0] != GNOME_SCHEMA or arguments[1] != GNOME_KEY:
            return
        value = _unwrap(arguments[2])
        if isinstance(value, bool):
            self._set_active(not value)

    # ------------------------------------------------------------------ gsettings + dconf

    def _use_gsettings(self) -> None:
        self.via = VIA_GSETTINGS
        if self._bus is not None and self._bus.isConnected():
            self._subscribe(
                (self.DCONF_SERVICE, self.DCONF_PATH, self.DCONF_INTERFACE, "Notify"),
                self._on_dconf_notify,
            )
        self._gsettings_read()

    def _on_dconf_notify(self, message: QDBusMessage) -> None:
        arguments = message.arguments()
        if len(arguments) < 2 or not isinstance(arguments[0], str):
            return
        prefix, changes = arguments[0], arguments[1]
        paths = [prefix + str(change) for change in changes] if changes else [prefix]
        # A change names a key, or a directory (ending in "/") that was reset as a whole.
        if any(_GNOME_DCONF_PATH.startswith(path) for path in paths if path):
            self._gsettings_read()

    def _gsettings_read(self) -> None:
        if self._process is not None:
            self._read_again = True  # one more read after the running one: it may be stale
            return
        program, *leading = self._gsettings
        process = QProcess(self)
        process.setProgram(program)
        process.setArguments([*leading, "get", GNOME_SCHEMA, GNOME_KEY])
        process.finished.connect(self._on_gsettings_finished)
        process.errorOccurred.connect(self._on_gsettings_error)
        self._process = process
        process.start()

    def _finish_process(self) -> QProcess | None:
        process, self._process = self._process, None
        if process is not None:
            process.deleteLater()
        return process

    def _on_gsettings_error(self, error: QProcess.ProcessError) -> None:
        if error != QProcess.ProcessError.FailedToStart:
            return  # a crash is reported through finished()
        process = self._finish_process()
        self._read_again = False
        program = process.program() if process is not None else self._gsettings[0]
        self._fail(f"cannot run {program}: neither the settings portal nor gsettings can read it")

    def _on_gsettings_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        process = self._finish_process()
        if process is None:
            return
        out = bytes(process.readAllStandardOutput().data()).decode(errors="replace").strip()
        err = bytes(process.readAllStandardError().data()).decode(errors="replace").strip()
        if status == QProcess.ExitStatus.NormalExit and code == 0 and out in ("true", "false"):
            self.problem = None
            self._set_active(out == "false")
        else:
            self._fail(f"gsettings get {GNOME_SCHEMA} {GNOME_KEY} failed: {err or out or code}")
        if self._read_again and self._started:
            self._read_again = False
            self._gsettings_read()
