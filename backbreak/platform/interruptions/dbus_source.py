"""What the D-Bus interruption sources share: a :class:`~backbreak.platform.dbus.BusClient`
that is closed when the source stops, so a reply that arrives after :meth:`stop` (or after a
newer question) is dropped and no subscription outlives the source."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtDBus import QDBusConnection, QDBusMessage

from backbreak.platform.dbus import BusClient
from backbreak.platform.interruptions.base import InterruptionSource

__all__ = ["NAME_HAS_NO_OWNER", "PROPERTIES", "SERVICE_UNKNOWN", "UNKNOWN_METHOD", "DBusSource"]

PROPERTIES = "org.freedesktop.DBus.Properties"
UNKNOWN_METHOD = "org.freedesktop.DBus.Error.UnknownMethod"
SERVICE_UNKNOWN = "org.freedesktop.DBus.Error.ServiceUnknown"
NAME_HAS_NO_OWNER = "org.freedesktop.DBus.Error.NameHasNoOwner"


class DBusSource(InterruptionSource):
    """Shared plumbing: a :class:`BusClient` (when there is a bus), closed on stop."""

    def __init__(self, bus: QDBusConnection | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        self._client = BusClient(bus, self) if bus is not None else None

    def _subscribe(
        self, spec: tuple[str, str, str, str], handler: Callable[[QDBusMessage], None]
    ) -> bool:
        assert self._client is not None
        return self._client.subscribe(spec, handler)

    def _unsubscribe_all(self) -> None:
        if self._client is not None:
            self._client.unsubscribe_all()

    def _call(self, message: QDBusMessage, on_reply: Callable[[QDBusMessage], None]) -> None:
        """Send ``message``; ``on_reply`` gets the reply (or error) unless a later
        :meth:`_invalidate_calls`, or :meth:`stop`, made it stale."""
        assert self._client is not None
        if self._started:
            self._client.call(message, on_reply)

    def _invalidate_calls(self) -> None:
        if self._client is not None:
            self._client.invalidate()

    def _follow_owner(self, service: str) -> None:
        """Have :meth:`_on_owner_changed` called whenever ``service`` gains or loses its owner."""
        assert self._client is not None
        self._client.follow_owner(service, self._on_owner_changed)

    def _on_owner_changed(self, _service: str, _old: str, new_owner: str) -> None:
        """The followed service got a new owner (its state is read afresh) or went away
        (answers still on their way are dropped)."""
        if not self._started:
            return
        if new_owner:
            self._read()
        else:
            self._invalidate_calls()
            self._service_gone()

    def _read(self) -> None:
        """Ask the followed service for its state (sources that follow an owner)."""
        raise NotImplementedError

    def _service_gone(self) -> None:
        """The followed service went away (sources that follow an owner)."""
        raise NotImplementedError

    def _stop(self) -> None:
        if self._client is not None:
            self._client.close()
