"""The few blocking calls a backend may make while it is being chosen, never once it runs.

Choosing a presence backend means asking each candidate whether it answers (GNOME has the
screen-saver service, but it fails ``GetSessionIdleTime``), once at start-up and on a settings
change; the answer decides which backend is used, so it cannot wait for the event loop. These
calls go to services that answer in microseconds and are bounded by
:data:`PROBE_TIMEOUT_MS`.

A running backend asks through :class:`~backbreak.platform.dbus.client.BusClient`, except where
its caller needs the answer at once: ``idle_seconds()``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, QMetaObject, Qt
from PySide6.QtDBus import QDBus, QDBusConnection, QDBusInterface, QDBusVariant

from backbreak.platform.dbus.client import method_call, service_registered

__all__ = [
    "PROBE_TIMEOUT_MS",
    "DBusCallError",
    "bus_problem",
    "probe_call",
    "probe_interface",
    "probe_property",
    "typed_call",
]

PROBE_TIMEOUT_MS = 1000


class DBusCallError(Exception):
    """A call failed; the message is the D-Bus error's."""


def bus_problem(bus: QDBusConnection, which: str, service: str) -> str | None:
    """Why ``service`` cannot be used on ``bus`` (None: it is there)."""
    if not bus.isConnected():
        return f"no {which} bus ({bus.lastError().message() or 'not connected'})"
    if not service_registered(bus, service):
        return f"{service} not on the {which} bus"
    return None


def probe_call(
    bus: QDBusConnection, service: str, path: str, interface: str, method: str, *args: Any
) -> list[Any]:
    """Call ``method`` and return the reply's arguments; DBusCallError on any failure."""
    message = method_call(service, path, interface, method, *args)
    reply = bus.call(message, QDBus.CallMode.Block, PROBE_TIMEOUT_MS)
    if reply.type() != reply.MessageType.ReplyMessage:
        raise DBusCallError(f"{interface}.{method}: {reply.errorName()}: {reply.errorMessage()}")
    return list(reply.arguments())


def probe_property(bus: QDBusConnection, service: str, path: str, interface: str, name: str) -> Any:
    """One property through org.freedesktop.DBus.Properties.Get, unwrapped."""
    (value,) = probe_call(
        bus, service, path, "org.freedesktop.DBus.Properties", "Get", interface, name
    )
    return value.variant() if isinstance(value, QDBusVariant) else value


def probe_interface(
    bus: QDBusConnection, service: str, path: str, interface: str
) -> QDBusInterface:
    """An introspected interface for :func:`typed_call`; DBusCallError if it is not there."""
    iface = QDBusInterface(service, path, interface, bus)
    if not iface.isValid():
        raise DBusCallError(f"{service}: {iface.lastError().message()}")
    iface.setTimeout(PROBE_TIMEOUT_MS)
    return iface


def typed_call(
    iface: QDBusInterface, method: str, returns: str | None, *args: tuple[str, Any]
) -> Any:
    """Call ``method`` with C++-typed arguments, e.g. ``("uint", 5)`` for a ``u``.

    ``returns`` is the C++ type name of the result (``"QDBusObjectPath"``), or None for none.
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
