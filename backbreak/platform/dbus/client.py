"""Asynchronous calls and signal subscriptions that close safely, for every D-Bus backend.

Only asynchronous calls are made with these: a slow or missing service must never block the GUI
thread. A call that gets no answer ends with an error reply after :data:`CALL_TIMEOUT_MS`.

QtDBus crashes (PySide6 6.12) when an object it delivers signals to outlives the connection's
internals, or is deleted with ``deleteLater`` while its Python wrapper lives on. So receivers are
unsubscribed and deleted at once by :meth:`BusSignal.close` (later only when closed from inside
their own delivery), and the other bus objects a backend holds (:class:`BusClient`'s owner
watcher) live as long as the backend.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import shiboken6
from PySide6.QtCore import SLOT, QObject, QTimer, Slot
from PySide6.QtDBus import (
    QDBus,
    QDBusConnection,
    QDBusError,
    QDBusMessage,
    QDBusServiceWatcher,
    QDBusVariant,
)

__all__ = [
    "BUS_DAEMON_TIMEOUT_MS",
    "CALL_TIMEOUT_MS",
    "BusClient",
    "BusSignal",
    "method_call",
    "service_registered",
    "unwrap",
]

CALL_TIMEOUT_MS = 5000


def unwrap(value: object) -> object:
    """The plain value inside (possibly nested) D-Bus variants."""
    while isinstance(value, QDBusVariant):
        value = value.variant()
    return value


class BusSignal(QObject):
    """One D-Bus signal subscription that hands whole messages to a Python callable."""

    # The binding wants the str SLOT() makes; its type stubs claim bytes.
    _SLOT = cast(bytes, SLOT("deliver(QDBusMessage)"))

    def __init__(
        self,
        bus: QDBusConnection,
        spec: tuple[str, str, str, str],
        handler: Callable[[QDBusMessage], None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._bus = bus
        self._spec = spec
        self._handler = handler
        self._delivering = False
        self.connected = bus.connect(*spec, self, self._SLOT)

    @Slot(QDBusMessage)
    def deliver(self, message: QDBusMessage) -> None:
        if not self.connected:
            return
        self._delivering = True
        try:
            self._handler(message)
        finally:
            self._delivering = False

    def close(self) -> None:
        """Unsubscribe and delete the receiver while the connection is surely alive: QtDBus
        crashes when a receiver it knew outlives the connection's internals."""
        if self.connected:
            self._bus.disconnect(*self._spec, self, self._SLOT)
            self.connected = False
        if self._delivering:
            self.deleteLater()  # closed from inside its own delivery: cannot go at once
        else:
            shiboken6.delete(self)


def method_call(
    service: str, path: str, interface: str, method: str, *args: object, auto_start: bool = True
) -> QDBusMessage:
    """A method-call message; ``auto_start=False`` never has the bus start the service."""
    message = QDBusMessage.createMethodCall(service, path, interface, method)
    if args:
        message.setArguments(list(args))
    message.setAutoStartService(auto_start)
    return message


#: How long the bus daemon itself may take to say whether a name has an owner. It answers from
#: its own table at once; this only bounds a daemon that is wedged.
BUS_DAEMON_TIMEOUT_MS = 500


def service_registered(bus: QDBusConnection, service: str) -> bool:
    """Whether ``service`` has an owner now.

    The one synchronous call made on a bus: it goes to the bus daemon (``NameHasOwner``), never
    to the service, so a slow or hung service cannot block; the daemon gets
    :data:`BUS_DAEMON_TIMEOUT_MS`.
    """
    if not bus.isConnected():
        return False
    message = method_call(
        "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "NameHasOwner",
        service,
    )  # fmt: skip
    reply = bus.call(message, QDBus.CallMode.Block, BUS_DAEMON_TIMEOUT_MS)
    arguments = reply.arguments()
    return reply.type() == QDBusMessage.MessageType.ReplyMessage and bool(
        arguments and arguments[0] is True
    )


class _PendingReply(QObject):
    """Receives the reply (or error) to one call made with ``callWithCallback``.

    Not a QDBusPendingCallWatcher: deleting those from Python crashed in ``~QObject``."""

    REPLY = cast(bytes, SLOT("reply(QDBusMessage)"))
    ERROR = cast(bytes, SLOT("error(QDBusError,QDBusMessage)"))

    def __init__(self, deliver: Callable[[QDBusMessage], None], parent: QObject) -> None:
        super().__init__(parent)
        self._deliver: Callable[[QDBusMessage], None] | None = deliver

    @Slot(QDBusMessage)
    def reply(self, message: QDBusMessage) -> None:
        self._once(message)

    @Slot(QDBusError, QDBusMessage)
    def error(self, error: QDBusError, sent: QDBusMessage) -> None:
        self._once(sent.createErrorReply(error.name(), error.message()))

    def _once(self, reply: QDBusMessage) -> None:
        deliver, self._deliver = self._deliver, None
        if deliver is not None:
            deliver(reply)


class BusClient(QObject):
    """One backend's use of one bus: asynchronous calls whose replies are dropped once out of
    date, signal subscriptions and a followed service owner, all released by :meth:`close`.

    A reply is handed on only if neither :meth:`invalidate` nor :meth:`close` came after the
    call was sent, so a backend that stopped (or asked again) never sees a stale answer; a call
    still pending at :meth:`close` is dropped when it ends, its watcher deleted from the event
    loop. The client can be used again after :meth:`close`.
    """

    def __init__(
        self,
        bus: QDBusConnection,
        parent: QObject | None = None,
        *,
        timeout_ms: int = CALL_TIMEOUT_MS,
    ) -> None:
        super().__init__(parent)
        self.bus = bus
        self.timeout_ms = timeout_ms
        self._generation = 0
        self._open = True
        self._signals: list[BusSignal] = []
        self._owner_watcher: QDBusServiceWatcher | None = None
        self._owner_handler: Callable[[str, str, str], None] | None = None
        self._pending = 0
        self._finished: list[_PendingReply] = []
        self._reaper = QTimer(self)
        self._reaper.setSingleShot(True)
        self._reaper.setInterval(0)
        self._reaper.timeout.connect(self._reap)

    @property
    def pending(self) -> int:
        """Calls sent whose reply has not arrived yet (stale ones included)."""
        return self._pending

    def call(self, message: QDBusMessage, on_reply: Callable[[QDBusMessage], None]) -> None:
        """Send ``message`` and return at once; ``on_reply`` gets the reply, or the error
        (``org.freedesktop.DBus.Error.NoReply`` after :attr:`timeout_ms` without an answer)."""
        self._open = True
        generation = self._generation

        def deliver(reply: QDBusMessage) -> None:
            self._pending -= 1
            self._finished.append(pending)
            self._reaper.start()
            if generation == self._generation and self._open:
                on_reply(reply)

        pending = _PendingReply(deliver, self)
        self._pending += 1
        if not self.bus.callWithCallback(
            message, pending, _PendingReply.REPLY, _PendingReply.ERROR, self.timeout_ms
        ):  # not sent (no connection): the error comes from the event loop, as a reply would
            error = self.bus.lastError()
            QTimer.singleShot(0, pending, lambda: pending.error(error, message))

    def _reap(self) -> None:
        """Delete the receivers whose call ended, outside their own delivery and at once (not
        with deleteLater, which crashed the interpreter for QtDBus objects whose Python
        wrapper lived on; PySide6 6.11, seen under load)."""
        done, self._finished = self._finished, []
        for pending in done:
            shiboken6.delete(pending)

    def invalidate(self) -> None:
        """Replies to the calls sent so far will be dropped."""
        self._generation += 1

    def subscribe(
        self, spec: tuple[str, str, str, str], handler: Callable[[QDBusMessage], None]
    ) -> bool:
        """Have ``handler`` get each (service, path, interface, member) signal until closed."""
        self._open = True
        relay = BusSignal(self.bus, spec, handler, self)
        self._signals.append(relay)
        return relay.connected

    def unsubscribe_all(self) -> None:
        for relay in self._signals:
            relay.close()
        self._signals = []

    def follow_owner(self, service: str, handler: Callable[[str, str, str], None]) -> None:
        """Have ``handler(service, old, new)`` called whenever ``service`` gains or loses its
        owner (``new`` is "" when it went away), until :meth:`close`."""
        if self._owner_watcher is None:
            # Kept for the client's life: deleting it inside its own signal (a handler that
            # closes the client) would not be safe.
            self._owner_watcher = QDBusServiceWatcher(
                service, self.bus, QDBusServiceWatcher.WatchModeFlag.WatchForOwnerChange, self
            )
            self._owner_watcher.serviceOwnerChanged.connect(self._owner_changed)
        self._owner_handler = handler
        self._owner_watcher.setWatchedServices([service])

    def _owner_changed(self, service: str, old: str, new: str) -> None:
        if self._open and self._owner_handler is not None:
            self._owner_handler(service, old, new)

    def close(self) -> None:
        """Drop pending replies, unsubscribe, stop following the owner."""
        self.invalidate()
        self._open = False
        self.unsubscribe_all()
        if self._owner_watcher is not None:
            self._owner_watcher.setWatchedServices([])
