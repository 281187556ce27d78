"""KDE Plasma on Wayland and wlroots compositors: idle time from Wayland protocols, event-driven.

backbreak opens a Wayland connection of its own (not Qt's) to ``WAYLAND_DISPLAY`` through
pywayland and binds one of:

- ``ext_idle_notifier_v1`` (ext-idle-notify-v1: Plasma 5.27+, sway 1.8+, Hyprland, labwc,
  river...): ``get_idle_notification(timeout_ms, seat)`` gives ``idled`` after that long without
  input and ``resumed`` at the next input;
- ``org_kde_kwin_idle`` (KDE's older protocol, the only one sway 1.7 offers):
  ``get_idle_timeout(seat, timeout_ms)`` with ``idle`` and ``resumed``.

Nothing is polled: the socket sits in a ``QSocketNotifier`` and the compositor's two events
per spell away are the only wakeups. A notification counts from its creation, so at start the
first ``went_idle`` comes a full threshold after start even if the user was already away.

``idle_seconds()`` is only known while idle (threshold + time since ``idled``); while the user
is active it is None (neither protocol can be asked "how long since the last input").
Outside active hours the notification stays with
the compositor (it costs nothing here), but no signal is emitted; on return to active hours the
state that changed meanwhile is reported. If the compositor goes away, the backend logs it once
and stops: no signals, no retries (a Wayland session does not outlive its compositor).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject, QSocketNotifier

from backbreak.platform.presence._wayland import (
    IdleConnection,
    IdleTimeout,
    PywaylandConnection,
    WaylandError,
    load_problem,
    socket_path,
)
from backbreak.platform.presence.base import PresenceMonitor, PresenceUnavailable

__all__ = ["WaylandPresence"]

_log = logging.getLogger(__name__)

Connect = Callable[[str], IdleConnection]


def _display_label(env: Mapping[str, str]) -> str:
    return env.get("WAYLAND_DISPLAY", "")


class WaylandPresence(PresenceMonitor):
    """Idle detection through ext-idle-notify-v1 or org_kde_kwin_idle.

    ``connect(path)`` opens the connection (pywayland by default; tests pass fakes);
    ``monotonic`` is the clock for :meth:`idle_seconds`.
    """

    name = "wayland"

    def __init__(
        self,
        env: Mapping[str, str] = os.environ,
        platform: str = sys.platform,
        connect: Connect | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._env = dict(env)
        self._platform = platform
        self._connect = connect
        self._monotonic = monotonic
        self._conn: IdleConnection | None = None
        self._notifier: QSocketNotifier | None = None
        self._running = False
        self._active_hours = True
        self._threshold_s = 0.0
        self._idle: IdleTimeout | None = None
        self._idle_since: float | None = None  # monotonic time of ``idled`` (compositor's view)
        self._reported_idle = False  # what the consumer was told
        self.detail = ""

    # -- availability ---------------------------------------------------------------

    def probe(self) -> None:
        """PresenceUnavailable unless a compositor here offers one of the idle protocols."""
        self._open().close()

    def _open(self) -> IdleConnection:
        if not self._platform.startswith("linux"):
            raise PresenceUnavailable(f"not Linux (platform {self._platform})")
        try:
            path = socket_path(self._env)
        except WaylandError as exc:
            raise PresenceUnavailable(str(exc)) from exc
        connect = self._connect
        if connect is None:
            problem = load_problem()
            if problem:
                raise PresenceUnavailable(problem)
            connect = PywaylandConnection
        try:
            conn = connect(path)
        except WaylandError as exc:
            raise PresenceUnavailable(str(exc)) from exc
        self.detail = f"{conn.protocol} on {_display_label(self._env)}"
        return conn

    # -- the interface ------------------------------------------------------------

    def start(self, idle_threshold_s: float) -> None:
        if idle_threshold_s <= 0:
            raise ValueError("the idle threshold must be positive")
        if self._running:
            self.stop()
        conn = self._open()
        self._conn = conn
        self._running = True
        self._threshold_s = float(idle_threshold_s)
        self._idle_since = None
        self._reported_idle = False
        self._notifier = QSocketNotifier(conn.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_readable)
        self._idle = self._request(round(idle_threshold_s * 1000))
        _log.info("wayland: %s, idle after %g s", self.detail, idle_threshold_s)

    def stop(self) -> None:
        self._running = False
        conn = self._conn
        if self._idle is not None:
            self._idle.cancel()
        self._idle = None
        self._idle_since = None
        self._release_connection()
        if conn is not None:
            with contextlib.suppress(WaylandError):
                conn.flush()
            conn.close()

    def idle_seconds(self) -> float | None:
        if self._idle_since is None or self._conn is None:
            return None
        return self._threshold_s + max(0.0, self._monotonic() - self._idle_since)

    def set_active_hours(self, active: bool) -> None:
        if active == self._active_hours:
            return
        self._active_hours = active
        if not active:
            return
        if self._running:  # report what changed while nothing was said
            idle_now = self._idle_since is not None
            if idle_now and not self._reported_idle:
                self._report_idle()
            elif self._reported_idle and not idle_now:
                self._report_back()

    # -- inspection ---------------------------------------------------------------

    @property
    def connected(self) -> bool:
        """Whether the connection to the compositor is open."""
        return self._conn is not None

    # -- internals ------------------------------------------------------------------

    def _request(self, timeout_ms: int) -> IdleTimeout | None:
        if self._conn is None:
            return None
        try:
            timeout = self._conn.add_timeout(timeout_ms)
            self._conn.flush()
        except WaylandError as exc:
            self._lost(str(exc))
            return None
        return timeout

    def _on_readable(self) -> None:
        if self._conn is None:
            return
        try:
            events = self._conn.read_events()
        except WaylandError as exc:
            self._lost(str(exc))
            return
        for timeout, kind in events:
            if timeout is self._idle:
                self._on_idle_event(kind)

    def _on_idle_event(self, kind: str) -> None:
        if kind == "idle":
            if self._idle_since is None:
                self._idle_since = self._monotonic()
            if self._active_hours and not self._reported_idle:
                self._report_idle(self._threshold_s)  # ``idled`` comes at the threshold
        else:
            self._idle_since = None
            if self._active_hours and self._reported_idle:
                self._report_back()

    def _report_idle(self, seconds: float | None = None) -> None:
        """``seconds``: idle for how long (default: as :meth:`idle_seconds` says)."""
        self._reported_idle = True
        if seconds is None:
            seconds = self.idle_seconds()
        self.went_idle.emit(seconds if seconds is not None else self._threshold_s)

    def _report_back(self) -> None:
        self._reported_idle = False
        self.came_back.emit()

    def _release_connection(self) -> None:
        notifier, self._notifier = self._notifier, None
        if notifier is not None:
            notifier.setEnabled(False)  # before the fd closes
            notifier.activated.disconnect(self._on_readable)
            notifier.deleteLater()
        self._conn = None

    def _lost(self, reason: str) -> None:
        """The compositor went away or broke the connection: stop here, once."""
        conn = self._conn
        if conn is None:
            return
        _log.warning(
            "wayland: %s (%s); no idle information from now on", reason, self.detail or "?"
        )
        self._idle = None
        self._idle_since = None
        self._release_connection()
        conn.close()
