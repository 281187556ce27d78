"""GNOME: Mutter's idle monitor on the session bus, event-driven (works on Wayland and X11).

``org.gnome.Mutter.IdleMonitor`` at ``/org/gnome/Mutter/IdleMonitor/Core``:

- ``GetIdletime() -> t``: milliseconds since the last input;
- ``AddIdleWatch(t interval_ms) -> u``: ``WatchFired(u id)`` each time the idle time reaches
  the interval (the watch stays until removed);
- ``AddUserActiveWatch() -> u``: ``WatchFired(u id)`` at the next input, once (then it is
  gone by itself);
- ``RemoveWatch(u id)``. Watches belong to the connection that added them.

Nothing is polled: one idle watch for the threshold stays armed; after it fires, a user-active
watch waits for the return. GNOME Shell's ``org.gnome.ScreenSaver.ActiveChanged(b)`` (the
lock screen went up or down) is passed on as ``lock_changed`` where the shell provides it.
If the compositor restarts (GNOME on X11 can), the watches are added again.

Adding and removing the idle and user-active watches and the idle check after arming are
asynchronous (the shared :class:`~backbreak.platform.dbus.BusClient`): a slow compositor never
blocks the GUI thread. :meth:`MutterPresence.idle_seconds`, which must answer at once, still
asks and waits (bounded).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage

from backbreak.platform.dbus import (
    BusClient,
    DBusCallError,
    TypedArgumentUnavailable,
    bus_problem,
    method_call,
    probe_call,
    probe_interface,
    typed_call,
    uint32,
    uint64,
)
from backbreak.platform.presence.base import PresenceMonitor, PresenceUnavailable

__all__ = ["MUTTER_PATH", "MUTTER_SERVICE", "MutterPresence"]

_log = logging.getLogger(__name__)

MUTTER_SERVICE = "org.gnome.Mutter.IdleMonitor"
MUTTER_PATH = "/org/gnome/Mutter/IdleMonitor/Core"
MUTTER_INTERFACE = "org.gnome.Mutter.IdleMonitor"
SHELL_SCREENSAVER = ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver")


class MutterPresence(PresenceMonitor):
    """Idle detection through Mutter's watches; ``bus`` defaults to the session bus."""

    name = "gnome-mutter"

    def __init__(self, bus: QDBusConnection | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bus = bus if bus is not None else QDBusConnection.sessionBus()
        self._iface: QDBusInterface | None = None
        self._running = False
        self._active_hours = True
        self._threshold_ms = 0
        self._idle_reported = False
        self._locked: bool | None = None
        self._idle_watch: int | None = None
        self._active_watch: int | None = None
        self._check_soon = QTimer(self)
        self._check_soon.setSingleShot(True)
        self._check_soon.setInterval(0)
        self._check_soon.timeout.connect(self._check_idle)
        self._client = BusClient(self._bus, self)
        # Adding and removing watches: their answers are needed even after stop (a watch added
        # meanwhile is removed), so this client is never closed.
        self._watch_client = BusClient(self._bus, self)
        self._epoch = 0  # bumped whenever the watches held are given up
        self._idle_adding = False
        self._active_adding = False

    # -- availability ---------------------------------------------------------------

    def probe(self) -> None:
        """PresenceUnavailable unless Mutter's idle monitor answers on the bus."""
        problem = bus_problem(self._bus, "session", MUTTER_SERVICE)
        if problem:
            raise PresenceUnavailable(problem)
        try:
            self._get_idletime_ms()
        except DBusCallError as exc:
            raise PresenceUnavailable(str(exc)) from exc

    # -- the interface ------------------------------------------------------------

    def start(self, idle_threshold_s: float) -> None:
        if idle_threshold_s <= 0:
            raise ValueError("the idle threshold must be positive")
        self.probe()
        if self._running:  # started again, maybe with another threshold
            self._disarm()
        self._running = True
        self._threshold_ms = max(1, round(idle_threshold_s * 1000))
        self._idle_reported = False
        self._client.close()  # started again: subscribe once
        self._client.subscribe(
            (MUTTER_SERVICE, MUTTER_PATH, MUTTER_INTERFACE, "WatchFired"), self._on_watch_fired
        )
        self._client.subscribe((*SHELL_SCREENSAVER, "ActiveChanged"), self._on_shield)
        self._client.follow_owner(MUTTER_SERVICE, self._on_owner_changed)
        if self._active_hours:
            self._arm()

    def stop(self) -> None:
        self._running = False
        self._check_soon.stop()
        self._disarm()
        self._client.close()
        self._iface = None

    def idle_seconds(self) -> float | None:
        try:
            return self._get_idletime_ms() / 1000.0
        except DBusCallError:
            return None

    def set_active_hours(self, active: bool) -> None:
        if active == self._active_hours:
            return
        self._active_hours = active
        if not self._running:
            return
        if active:
            self._arm()
        else:
            self._check_soon.stop()
            self._disarm()

    # -- inspection ---------------------------------------------------------------

    @property
    def watches(self) -> dict[str, int | None]:
        """The watch ids held: idle, active."""
        return {"idle": self._idle_watch, "active": self._active_watch}

    # -- internals ------------------------------------------------------------------

    def _interface(self) -> QDBusInterface:
        if self._iface is None or not self._iface.isValid():
            self._iface = probe_interface(self._bus, MUTTER_SERVICE, MUTTER_PATH, MUTTER_INTERFACE)
        return self._iface

    def _get_idletime_ms(self) -> int:
        (value,) = probe_call(
            self._bus, MUTTER_SERVICE, MUTTER_PATH, MUTTER_INTERFACE, "GetIdletime"
        )
        return int(value)

    def _add_idle_watch(self, interval_ms: int) -> int:
        return int(
            typed_call(self._interface(), "AddIdleWatch", "uint", ("qulonglong", interval_ms))
        )

    def _remove_watch(self, watch: int | None) -> None:
        if watch is None:
            return
        try:
            argument = uint32(watch)
        except TypedArgumentUnavailable:
            try:
                typed_call(self._interface(), "RemoveWatch", None, ("uint", watch))
            except DBusCallError as exc:  # a user-active watch that fired is gone already
                _log.debug("gnome-mutter: RemoveWatch(%s): %s", watch, exc)
            return

        def removed(reply: QDBusMessage) -> None:
            if reply.type() == QDBusMessage.MessageType.ErrorMessage:
                _log.debug("gnome-mutter: RemoveWatch(%s): %s", watch, reply.errorMessage())

        message = method_call(
            MUTTER_SERVICE, MUTTER_PATH, MUTTER_INTERFACE, "RemoveWatch", argument
        )
        self._watch_client.call(message, removed)

    def _send_add(self, method: str, args: list[Any], then: Callable[[int | None], None]) -> None:
        """Add a watch without waiting; ``then`` gets its id (None: it failed) unless the
        watches were given up meanwhile, in which case the new one is removed at once."""
        epoch = self._epoch

        def added(reply: QDBusMessage) -> None:
            arguments = reply.arguments()
            watch = None
            if reply.type() == QDBusMessage.MessageType.ReplyMessage and arguments:
                watch = int(arguments[0])
            else:
                _log.warning("gnome-mutter: %s: %s", method, reply.errorMessage())
            if epoch != self._epoch:
                self._remove_watch(watch)
            else:
                then(watch)

        message = method_call(MUTTER_SERVICE, MUTTER_PATH, MUTTER_INTERFACE, method, *args)
        self._watch_client.call(message, added)

    def _arm(self) -> None:
        """Add the threshold watch; the idle time may be past it already, which the event loop
        looks at next (a watch only fires when the idle time crosses its interval)."""
        if self._idle_watch is None and not self._idle_adding:
            try:
                argument = uint64(self._threshold_ms)
            except TypedArgumentUnavailable:
                try:
                    self._idle_watch = self._add_idle_watch(self._threshold_ms)
                except DBusCallError as exc:
                    _log.warning("gnome-mutter: cannot add the idle watch: %s", exc)
                    return
            else:
                self._idle_adding = True
                self._send_add("AddIdleWatch", [argument], self._idle_added)
        self._check_soon.start()

    def _idle_added(self, watch: int | None) -> None:
        self._idle_adding = False
        self._idle_watch = watch

    def _active_added(self, watch: int | None) -> None:
        self._active_adding = False
        self._active_watch = watch

    def _check_idle(self) -> None:
        if not (self._running and self._active_hours):
            return
        message = method_call(MUTTER_SERVICE, MUTTER_PATH, MUTTER_INTERFACE, "GetIdletime")
        self._client.call(message, self._on_idletime)

    def _on_idletime(self, reply: QDBusMessage) -> None:
        arguments = reply.arguments()
        if reply.type() != QDBusMessage.MessageType.ReplyMessage or not arguments:
            _log.warning("gnome-mutter: GetIdletime: %s", reply.errorMessage())
            return
        if not (self._running and self._active_hours):
            return
        idle_ms = int(arguments[0])
        past = idle_ms >= self._threshold_ms
        if past and not self._idle_reported:
            self._report_idle(idle_ms / 1000.0)
        elif past:
            self._watch_for_return()
        elif not past and self._idle_reported:
            self._report_back()

    def _give_up_watches(self) -> None:
        """Forget the watches held and those being added (whose answers then remove them)."""
        self._epoch += 1
        self._idle_adding = self._active_adding = False
        self._idle_watch = self._active_watch = None

    def _disarm(self) -> None:
        held = (self._idle_watch, self._active_watch)
        self._give_up_watches()
        for watch in held:
            self._remove_watch(watch)

    def _watch_for_return(self) -> None:
        if self._active_watch is None and not self._active_adding:
            self._active_adding = True
            self._send_add("AddUserActiveWatch", [], self._active_added)

    def _report_idle(self, seconds: float) -> None:
        self._idle_reported = True
        self._watch_for_return()
        self.went_idle.emit(seconds)

    def _report_back(self) -> None:
        self._idle_reported = False
        self.came_back.emit()

    def _on_watch_fired(self, message: QDBusMessage) -> None:
        args: list[Any] = list(message.arguments())
        if not args or not self._running:
            return
        watch = int(args[0])
        if watch == self._active_watch:
            self._active_watch = None  # one-shot: Mutter removed it
            if self._idle_reported:
                self._report_back()
        elif watch == self._idle_watch:
            if self._idle_reported:  # it fires again only after input: the return was missed
                self._report_back()
            self._report_idle(self._threshold_ms / 1000.0)

    def _on_shield(self, message: QDBusMessage) -> None:
        args: list[Any] = list(message.arguments())
        if args and self._running and bool(args[0]) != self._locked:
            self._locked = bool(args[0])
            self.lock_changed.emit(self._locked)

    def _on_owner_changed(self, _service: str, _old: str, new_owner: str) -> None:
        """The compositor came back (a new owner): its watches died with it."""
        if not new_owner:
            return
        _log.info("gnome-mutter: idle monitor restarted; adding the watches again")
        self._iface = None
        self._give_up_watches()  # they died with the compositor
        if self._running and self._active_hours:
            self._arm()
