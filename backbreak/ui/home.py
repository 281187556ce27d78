"""Where backbreak lives: the tray icon while a tray exists, the status window while none does.

Trays come and go: a panel or GNOME's AppIndicator extension may start after backbreak at
login, and a panel restarts. Qt's tray icon registers by itself whenever a StatusNotifierItem
host (``org.kde.StatusNotifierWatcher``) appears on the session bus, so the icon is made once
and kept; this object only follows the watcher's name (through a :class:`TrayWatch` the app
hands in) and switches the status window off when
a tray appears and back on when it has been gone for :data:`TRAY_GONE_GRACE_MS` (a panel that
restarts is back within a second or two, and should not make a window flash up).

An XEmbed tray (the X11 system tray selection) that appears later is not followed: Qt gives no
signal for it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance
from PySide6.QtWidgets import QSystemTrayIcon

log = logging.getLogger(__name__)

TRAY_GONE_GRACE_MS = 3000
ACTIVATION_TOKEN = "XDG_ACTIVATION_TOKEN"


#: After the watcher appears, how often and how long to look for the tray Qt then sees (the
#: panel registers its host a moment after the watcher's name).
RECHECK_MS, RECHECKS = 500, 10

#: A message for the tray waits until the tray has placed the icon (a balloon shown before
#: that points at the screen's top-left corner); checked this often, for at most this long,
#: after which it goes the way of messages without a tray.
PLACE_POLL_MS, PLACE_WAIT_MS = 100, 10_000


class Tray(Protocol):
    """What the home needs of the tray (:class:`backbreak.ui.tray.TrayShell`)."""

    def show(self) -> None: ...
    def hide(self) -> None: ...
    def notify(self, title: str, message: str) -> None: ...
    def present(self) -> bool: ...
    def renew(self) -> None: ...
    def placed(self) -> bool: ...


class StatusPlace(Protocol):
    """What it needs of the status window (:class:`backbreak.ui.tray.StatusWindow`)."""

    def show(self) -> None: ...
    def hide(self) -> None: ...
    def notify(self, title: str, message: str) -> None: ...
    def present(self) -> None: ...
    def notify_quietly(self, title: str, message: str) -> None: ...


class TrayWatch(Protocol):
    """Tells when the tray's watcher comes and goes and when a tray host registers with it
    (:class:`backbreak.shell.home_links.TrayWatcher`)."""

    def follow(
        self,
        appeared: Callable[[str], None],
        gone: Callable[[str], None],
        host_registered: Callable[[], None],
    ) -> None: ...
    def close(self) -> None: ...


class Notices(Protocol):
    """Desktop notifications (:class:`backbreak.shell.home_links.DesktopNotices`)."""

    @property
    def availability_changed(self) -> SignalInstance: ...
    def answered(self) -> bool:
        """Whether the first question about the server has had its answer."""

    def send(self, title: str, message: str) -> bool:
        """False: not sent (no server, or the call failed)."""


class Home(QObject):
    """Shows the tray or the status window, and routes messages to whichever the user sees."""

    tray_changed = Signal(bool)  # True: the tray icon is the home now

    def __init__(
        self,
        tray: Tray,
        make_window: Callable[[], StatusPlace],
        *,
        tray_watch: TrayWatch | None = None,
        notifications: Notices | None = None,
        tray_available: Callable[[], bool] = QSystemTrayIcon.isSystemTrayAvailable,
        place_wait_ms: int = PLACE_WAIT_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tray = tray
        self._make_window = make_window
        self._window: StatusPlace | None = None
        self._notifications = notifications
        self._tray_available = tray_available
        self._in_tray = False
        self._gone = QTimer(self)
        self._gone.setSingleShot(True)
        self._gone.setInterval(TRAY_GONE_GRACE_MS)
        self._gone.timeout.connect(self._settle)
        self._recheck = QTimer(self)
        self._recheck.setInterval(RECHECK_MS)
        self._recheck.timeout.connect(self._on_recheck)
        self._rechecks_left = 0
        self._held: list[tuple[str, str]] = []  # messages waiting for the server's first answer
        self._unplaced: list[tuple[str, str]] = []  # messages waiting for the icon's place
        self._placing = QTimer(self)
        self._placing.setInterval(PLACE_POLL_MS)
        self._placing.timeout.connect(self._on_placing)
        self._place_polls = max(1, place_wait_ms // PLACE_POLL_MS)
        self._place_polls_left = 0
        if notifications is not None:
            notifications.availability_changed.connect(self._release_held)
        self._watch = tray_watch
        if tray_watch is not None:
            # The panel's host may register well after the watcher's name (a slow login).
            tray_watch.follow(self._on_registered, self._on_unregistered, self._settle)

    @property
    def in_tray(self) -> bool:
        return self._in_tray

    @property
    def window(self) -> StatusPlace | None:
        """The status window, once one was needed."""
        return self._window

    def show(self) -> None:
        # The icon is always shown: where no tray exists yet, Qt registers it when one comes.
        self._tray.show()
        self._settle()

    def hide(self) -> None:
        """At quit: the icon and the window go, and the tray is no longer followed."""
        self._gone.stop()
        self._recheck.stop()
        self._placing.stop()
        if self._watch is not None:
            self._watch.close()
        self._tray.hide()
        if self._window is not None:
            self._window.hide()

    def present(self, activation_token: str = "") -> str:
        """Another launch asked us to show ourselves; says how: "menu" (the tray menu opened),
        "tray" (the icon is in the tray, but its menu cannot be opened from here) or "window".

        ``activation_token``: the one its launcher gave it (``XDG_ACTIVATION_TOKEN``). On
        Wayland a window comes forward (or back from minimised) only with such a token, which
        Qt takes from that variable when the window is activated; it is set just for that.
        """
        if self._in_tray:
            return "menu" if self._tray.present() else "tray"
        window = self._status_window()
        if activation_token:
            os.environ[ACTIVATION_TOKEN] = activation_token
        try:
            window.present()
        finally:
            os.environ.pop(ACTIVATION_TOKEN, None)
        return "window"

    def notify(self, title: str, message: str) -> None:
        """A message for the user: the tray's bubble once the icon is in its place, else a
        desktop notification (the status window also keeps it on its message line), else the
        status window brought up."""
        if self._in_tray:
            if self._tray.placed() and not self._unplaced:
                self._tray.notify(title, message)
                return
            self._unplaced.append((title, message))
            if not self._placing.isActive():
                self._place_polls_left = self._place_polls
                self._placing.start()
            return
        self._notify_without_tray(title, message)

    def _on_placing(self) -> None:
        self._place_polls_left -= 1
        placed = self._in_tray and self._tray.placed()
        if not placed and self._in_tray and self._place_polls_left > 0:
            return
        self._placing.stop()
        waiting, self._unplaced = self._unplaced, []
        if not placed and self._in_tray:
            log.warning("the tray has not placed the icon: messages go where there is no tray")
        for title, message in waiting:
            if placed:
                self._tray.notify(title, message)
            else:
                self._notify_without_tray(title, message)

    def _notify_without_tray(self, title: str, message: str) -> None:
        window = self._status_window()
        server = self._notifications
        if server is not None and not server.answered():
            window.notify_quietly(title, message)
            self._held.append((title, message))
            return
        if server is not None and server.send(title, message):
            window.notify_quietly(title, message)
            return
        window.notify(title, message)

    def _release_held(self) -> None:
        held, self._held = self._held, []
        for title, message in held:
            self.notify(title, message)

    def _on_registered(self, name: str) -> None:
        log.info("a system tray appeared (%s)", name)
        self._gone.stop()
        self._settle()
        if not self._in_tray:
            self._rechecks_left = RECHECKS
            self._recheck.start()

    def _on_recheck(self) -> None:
        self._rechecks_left -= 1
        self._settle()
        if self._in_tray or self._rechecks_left <= 0:
            self._recheck.stop()

    def _on_unregistered(self, name: str) -> None:
        log.info("the system tray went away (%s)", name)
        self._recheck.stop()
        self._gone.start()

    def _settle(self) -> None:
        """Match the home to whether a tray is there now."""
        in_tray = self._tray_available()
        if in_tray == self._in_tray and (in_tray or self._window is not None):
            return
        self._in_tray = in_tray
        if in_tray:
            if self._window is not None:
                self._window.hide()
                # An icon made while there was no tray may be bound to the wrong kind of tray
                # (Qt on X11 picks XEmbed when no StatusNotifierItem host exists, and keeps it):
                # a new one picks the tray that is there now.
                self._tray.renew()
            log.info("living in the system tray")
        else:
            log.warning("no system tray available: showing the status window instead")
            self._status_window().show()
        self.tray_changed.emit(in_tray)

    def _status_window(self) -> StatusPlace:
        if self._window is None:
            self._window = self._make_window()
        return self._window
