"""Small QtDBus helpers shared by the D-Bus backends.

Calls are synchronous with a short timeout: the services asked (the compositor, the screen
locker, logind) answer in microseconds, and a hung one costs at most :data:`CALL_TIMEOUT_MS`.

Python ints go on the wire as ``i``/``x``; methods that take ``u`` or ``t`` (strict services
such as GDBus-based ones reject anything else) are called through a :class:`QDBusInterface`,
whose introspected meta-object carries the right types (:func:`typed_call`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, SLOT, QMetaObject, QObject, Qt, Slot
from PySide6.QtDBus import QDBus, QDBusConnection, QDBusInterface, QDBusMessage, QDBusVariant

__all__ = [
    "CALL_TIMEOUT_MS",
    "DBusCallError",
    "SignalHook",
    "bus_problem",
    "call",
    "get_property",
    "typed_call",
]

_log = logging.getLogger(__name__)

CALL_TIMEOUT_MS = 1000

# PySide takes the slot as a str at run time; its stubs say bytes.
_DELIVER: Any = SLOT("_deliver(QDBusMessage)")


class DBusCallError(Exception):
    """A call failed; the message is the D-Bus error's."""


def bus_problem(bus: QDBusConnection, which: str, service: str) -> str | None:
    """Why ``service`` cannot be used on ``bus`` (None: it is there)."""
    if not bus.isConnected():
        return f"no {which} bus ({bus.lastError().message() or 'not connected'})"
    reply = bus.interface().isServiceRegistered(service)
    if not reply.isValid() or not reply.value():
        return f"{service} not on the {which} bus"
    return None


def call(
    bus: QDBusConnection,
    service: str,
    path: str,
    interface: str,
    method: str,
    *args: Any,
    timeout_ms: int = CALL_TIMEOUT_MS,
) -> list[Any]:
    """Call ``method`` and return the reply's arguments; DBusCallError on any failure."""
    message = QDBusMessage.createMethodCall(service, path, interface, method)
    if args:
        message.setArguments(list(args))
    reply = bus.call(message, QDBus.CallMode.Block, timeout_ms)
    if reply.type() != QDBusMessage.MessageType.ReplyMessage:
        raise DBusCallError(f"{interface}.{method}: {reply.errorName()}: {reply.errorMessage()}")
    return list(reply.arguments())


def get_property(bus: QDBusConnection, service: str, path: str, interface: str, name: str) -> Any:
    """One property through org.freedesktop.DBus.Properties.Get, unwrapped."""
    (value,) = call(bus, service, path, "org.freedesktop.DBus.Properties", "Get", interface, name)
    return value.variant() if isinstance(value, QDBusVariant) else value


def typed_call(
    iface: QDBusInterface, method: str, returns: str | None, *args: tuple[str, Any]
) -> Any:
    """Call ``method`` with C++-typed arguments, e.g. ``("qulonglong", 5000)`` for a ``t``.

    ``returns`` is the C++ type name of the result (``"uint"``), or None for no result.
    """
    holders = [Q_ARG(kind, value) for kind, value in args]
    try:
        if returns is None:
            QMetaObject.invokeMethod(iface, method, Qt.ConnectionType.DirectConnection, *holders)
            result: Any = None
        else:
            result = QMetaObject.invokeMethod(
                iface, method, Qt.ConnectionType.DirectConnection, Q_RETURN_ARG(returns), *holders
            )
    except RuntimeError as exc:  # no such method in the introspected interface
        raise DBusCallError(f"{iface.interface()}.{method}: {exc}") from exc
    error = iface.lastError()
    if error.isValid():
        raise DBusCallError(f"{iface.interface()}.{method}: {error.name()}: {error.message()}")
    return result


class SignalHook(QObject):
    """Calls ``callback(message)`` for each matching D-Bus signal while connected."""

    def __init__(
        self,
        bus: QDBusConnection,
        service: str,
        path: str,
        interface: str,
        member: str,
        callback: Callable[[QDBusMessage], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._bus = bus
        self._service, self._path, self._interface, self._member = service, path, interface, member
        self._callback = callback
        self._connected = False

    @property
    def path(self) -> str:
        return self._path

    def connect_bus(self) -> bool:
        if not self._connected:
            self._connected = self._bus.connect(
                self._service, self._path, self._interface, self._member, self, _DELIVER
            )
            if not self._connected:
                _log.warning(
                    "cannot subscribe to %s.%s on %s: %s",
                    self._interface, self._member, self._path, self._bus.lastError().message(),
                )  # fmt: skip
        return self._connected

    def disconnect_bus(self) -> None:
        if self._connected:
            self._bus.disconnect(
                self._service, self._path, self._interface, self._member, self, _DELIVER
            )
            self._connected = False

    @Slot(QDBusMessage)
    def _deliver(self, message: QDBusMessage) -> None:
        self._callback(message)
