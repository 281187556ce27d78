"""QtDBus pieces every D-Bus backend shares: signal subscriptions that close safely, variants.

Only asynchronous calls are made with these: a slow or missing service must never block the GUI
thread.
"""

from __future__ import annotations

import ctypes
import functools
import os
from collections.abc import Callable
from typing import Any, cast

import shiboken6
from PySide6.QtCore import SLOT, QLibraryInfo, QObject, Slot
from PySide6.QtDBus import (
    QDBusArgument,
    QDBusConnection,
    QDBusMessage,
    QDBusPendingCallWatcher,
    QDBusVariant,
)

__all__ = [
    "CALL_TIMEOUT_MS",
    "BusSignal",
    "TypedArgumentUnavailable",
    "async_call",
    "byte",
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


def async_call(
    bus: QDBusConnection,
    message: QDBusMessage,
    on_reply: Callable[[QDBusMessage], None],
    parent: QObject,
) -> None:
    """Send ``message`` without waiting; ``on_reply`` gets the reply or the error message."""
    watcher = QDBusPendingCallWatcher(bus.asyncCall(message, CALL_TIMEOUT_MS), parent)

    def finished() -> None:
        reply = watcher.reply()
        watcher.deleteLater()
        on_reply(reply)

    watcher.finished.connect(finished)


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
