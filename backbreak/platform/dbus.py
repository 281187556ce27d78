"""QtDBus pieces every D-Bus backend shares: asynchronous calls, signal subscriptions that close
safely, typed arguments, variants.

Only asynchronous calls are made with these: a slow or missing service must never block the GUI
thread. A call that gets no answer ends with an error reply after :data:`CALL_TIMEOUT_MS`.

QtDBus crashes (PySide6 6.12) when an object it delivers signals to outlives the connection's
internals, or is deleted with ``deleteLater`` while its Python wrapper lives on. So receivers are
unsubscribed and deleted at once by :meth:`BusSignal.close` (later only when closed from inside
their own delivery), and the other bus objects a backend holds (:class:`BusClient`'s owner
watcher) live as long as the backend.
"""

from __future__ import annotations

import ctypes
import functools
import os
from collections.abc import Callable
from typing import Any, cast

import shiboken6
from PySide6.QtCore import SLOT, QLibraryInfo, QObject, QTimer, Slot
from PySide6.QtDBus import (
    QDBus,
    QDBusArgument,
    QDBusConnection,
    QDBusMessage,
    QDBusPendingCallWatcher,
    QDBusServiceWatcher,
    QDBusVariant,
)

__all__ = [
    "CALL_TIMEOUT_MS",
    "BusClient",
    "BusSignal",
    "TypedArgumentUnavailable",
    "byte",
    "method_call",
    "service_registered",
    "uint32",
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
        self._finished: list[QDBusPendingCallWatcher] = []
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
        watcher = QDBusPendingCallWatcher(self.bus.asyncCall(message, self.timeout_ms), self)
        self._pending += 1

        def finished() -> None:
            self._pending -= 1
            reply = watcher.reply()
            self._finished.append(watcher)
            self._reaper.start()
            if generation == self._generation and self._open:
                on_reply(reply)

        watcher.finished.connect(finished)

    def _reap(self) -> None:
        """Delete the watchers whose call ended, outside their own signal. Not deleteLater:
        a watcher deleted that way while its Python wrapper lived on crashed the interpreter
        (PySide6 6.12, seen under load)."""
        done, self._finished = self._finished, []
        for watcher in done:
            shiboken6.delete(watcher)

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


class TypedArgumentUnavailable(Exception):
    """The Qt D-Bus library's typed streaming operators cannot be reached from Python here."""


def _streaming_operator(mangled: str, ctype: type[ctypes._SimpleCData[int]]) -> Any:
    """``QDBusArgument::operator<<`` for one C++ type, looked up in the loaded Qt D-Bus library.

    Python's int always goes out as ``i`` (int32) through PySide6, and the binding offers no
    way to write a ``u`` (uint32) or ``y`` (byte); servers that check signatures (GLib's, and
    so GNOME Shell's) reject a call typed wrongly. The C++ operator writes the right type; the
    library is already loaded by ``PySide6.QtDBus``, so this only finds it (Itanium C++ ABI:
    Linux and the BSDs, the only places with a session bus).
    """
    names = ["libQt6DBus.so.6"]
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.LibrariesPath)
    if folder:
        names.insert(0, os.path.join(folder, "libQt6DBus.so.6"))
    for name in names:
        try:
            library = ctypes.CDLL(name, mode=getattr(os, "RTLD_NOLOAD", 0) | ctypes.RTLD_GLOBAL)
            operator = getattr(library, mangled)
        except (OSError, AttributeError):
            continue
        operator.restype = ctypes.c_void_p
        operator.argtypes = [ctypes.c_void_p, ctype]
        return operator
    raise TypedArgumentUnavailable(f"no {mangled} in the loaded Qt D-Bus library")


@functools.cache
def _operators() -> tuple[Any, Any]:
    return (
        _streaming_operator("_ZN13QDBusArgumentlsEj", ctypes.c_uint32),
        _streaming_operator("_ZN13QDBusArgumentlsEh", ctypes.c_ubyte),
    )


def _typed(which: int, value: int) -> QDBusArgument:
    argument = QDBusArgument()
    _operators()[which](shiboken6.getCppPointer(argument)[0], value)
    return argument


def uint32(value: int) -> QDBusArgument:
    """``value`` as a D-Bus ``u``; raises TypedArgumentUnavailable where that cannot be made."""
    if not 0 <= value < 2**32:
        raise ValueError(f"{value} is not a uint32")
    return _typed(0, value)


def byte(value: int) -> QDBusArgument:
    """``value`` as a D-Bus ``y``; raises TypedArgumentUnavailable where that cannot be made."""
    if not 0 <= value < 256:
        raise ValueError(f"{value} is not a byte")
    return _typed(1, value)
