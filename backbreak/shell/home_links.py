"""The platform side of the home: the tray's watcher on the session bus, and desktop notices.

:class:`backbreak.ui.home.Home` names what it needs as Protocols (``TrayWatch``, ``Notices``);
these are the real ones, made by the app and handed in, so the widgets never import the platform.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtDBus import QDBusConnection, QDBusServiceWatcher

from backbreak.platform.dbus import BusSignal
from backbreak.platform.notifications import Notification, NotificationServer

WATCHER = "org.kde.StatusNotifierWatcher"
WATCHER_PATH = "/StatusNotifierWatcher"


class TrayWatcher(QObject):
    """Follows the StatusNotifierItem watcher's name on ``bus``, and the tray hosts that
    register with it (a panel's host may register well after the watcher's name)."""

    def __init__(self, bus: QDBusConnection, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        self._watcher: QDBusServiceWatcher | None = None
        self._host_signal: BusSignal | None = None

    def follow(
        self,
        appeared: Callable[[str], None],
        gone: Callable[[str], None],
        host_registered: Callable[[], None],
    ) -> None:
        """Call ``appeared``/``gone`` with the watcher's name as it comes and goes, and
        ``host_registered`` when a tray host registers; nothing where the bus is not there."""
        if not self._bus.isConnected():
            return
        self._watcher = QDBusServiceWatcher(
            WATCHER,
            self._bus,
            QDBusServiceWatcher.WatchModeFlag.WatchForRegistration
            | QDBusServiceWatcher.WatchModeFlag.WatchForUnregistration,
            self,
        )
        self._watcher.serviceRegistered.connect(appeared)
        self._watcher.serviceUnregistered.connect(gone)
        self._host_signal = BusSignal(
            self._bus,
            (WATCHER, WATCHER_PATH, WATCHER, "StatusNotifierHostRegistered"),
            lambda _message: host_registered(),
            self,
        )

    def close(self) -> None:
        """At quit: no more calls."""
        if self._watcher is not None:
            self._watcher.setWatchedServices([])
            self._watcher = None
        if self._host_signal is not None:
            self._host_signal.close()
            self._host_signal = None


class DesktopNotices:
    """Plain messages as desktop notifications, through ``server``."""

    def __init__(self, server: NotificationServer) -> None:
        self._server = server

    @property
    def availability_changed(self) -> SignalInstance:
        return self._server.availability_changed

    def answered(self) -> bool:
        return self._server.answered()

    def send(self, title: str, message: str) -> bool:
        """False: there is no server, or the message could not be sent."""
        server = self._server
        return server.capabilities() is not None and server.notify(Notification(title, message))
