"""Desktop notifications (``org.freedesktop.Notifications``) over QtDBus, with no tray needed.

The break prompt is shown as a notification with Start / Snooze / Skip actions where the
desktop draws the prompt itself (Wayland), and messages reach the user this way when there is
no tray to show them. All calls are asynchronous: a slow or absent server never blocks the GUI
thread. The server's name owner is followed, so a server that starts late or restarts is
picked up, and its capabilities are read again each time it appears.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QMetaType, QObject, Signal
from PySide6.QtDBus import QDBusArgument, QDBusConnection, QDBusMessage

from backbreak import APP_ID
from backbreak.platform.dbus import (
    BusClient,
    TypedArgumentUnavailable,
    byte,
    uint32,
    unwrap,
)
from backbreak.resources import resource_path

__all__ = [
    "CLOSED_BY_CALL",
    "CLOSED_DISMISSED",
    "CLOSED_EXPIRED",
    "Notification",
    "NotificationServer",
]

_log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"

# NotificationClosed reasons (Desktop Notifications Specification 1.2).
CLOSED_EXPIRED = 1
CLOSED_DISMISSED = 2
CLOSED_BY_CALL = 3

URGENCY_LOW, URGENCY_NORMAL, URGENCY_CRITICAL = 0, 1, 2


@dataclass(frozen=True)
class Notification:
    """What one notification says and offers."""

    summary: str
    body: str = ""
    actions: Sequence[tuple[str, str]] = ()  # (key, label)
    urgency: int = URGENCY_NORMAL
    timeout_ms: int = -1  # -1: the server's default; 0: never expires
    icon: str = ""  # "": backbreak's own icon, by file (no icon theme needs to know it)
    category: str = ""


class NotificationServer(QObject):
    """The session's notification server as backbreak sees it.

    ``capabilities()`` is None until the server has answered (or when there is none);
    ``availability_changed`` is emitted whenever that answer changes.
    """

    action_invoked = Signal(int, str)  # notification id, action key
    closed = Signal(int, int)  # notification id, reason
    availability_changed = Signal()

    def __init__(self, bus: QDBusConnection, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        self._capabilities: frozenset[str] | None = None
        self._server = ""
        self._answered = False
        self._client = BusClient(bus, self)  # the server: capabilities, signals, owner
        self._sender = BusClient(bus, self)  # notifications: replies come even after stop
        self._running = False
        self.problem: str | None = None

    # -- life cycle -------------------------------------------------------------------

    def start(self) -> None:
        """Follow the server and ask what it can do (this may start an activatable one)."""
        if self._running:
            return
        if not self._bus.isConnected():
            self.problem = "no D-Bus session bus"
            self._answered = True
            return
        self._running = True
        self._client.subscribe((SERVICE, PATH, INTERFACE, "ActionInvoked"), self._on_action)
        self._client.subscribe((SERVICE, PATH, INTERFACE, "NotificationClosed"), self._on_closed)
        self._client.follow_owner(SERVICE, self._on_owner_changed)
        self._read_capabilities(auto_start=True)

    def stop(self) -> None:
        self._running = False
        self._client.close()

    # -- queries ----------------------------------------------------------------------

    def capabilities(self) -> frozenset[str] | None:
        return self._capabilities

    def answered(self) -> bool:
        """Whether the first question about the server has had its answer (or error)."""
        return self._answered

    def supports_actions(self) -> bool:
        return self._capabilities is not None and "actions" in self._capabilities

    def describe(self) -> str:
        """One line for the diagnosis: which server, and whether it offers buttons."""
        if self._capabilities is None:
            return f"no notification server ({self.problem or 'none answered'})"
        actions = "with" if "actions" in self._capabilities else "without"
        return f"{self._server or 'unnamed server'}, {actions} actions"

    # -- sending ----------------------------------------------------------------------

    def notify(
        self,
        notification: Notification,
        *,
        replaces: int = 0,
        on_id: Callable[[int], None] | None = None,
    ) -> bool:
        """Send it; ``on_id`` gets the server's id (0 if the call failed). False: not sent."""
        try:
            replaces_id, urgency = uint32(replaces), byte(notification.urgency)
        except TypedArgumentUnavailable as exc:
            self.problem = str(exc)
            _log.warning("cannot send desktop notifications: %s", exc)
            return False
        # PySide6 sends a dict as a{sv}, wrapping each value in the variant itself.
        hints = notification_hints(notification, urgency)
        actions = [part for action in notification.actions for part in action]
        message = QDBusMessage.createMethodCall(SERVICE, PATH, INTERFACE, "Notify")
        message.setArguments(
            [
                "backbreak",
                replaces_id,
                notification.icon or _app_icon(),
                notification.summary,
                self._body_text(notification.body),
                actions or _empty_string_array(),
                hints,
                notification.timeout_ms,
            ]
        )

        def replied(reply: QDBusMessage) -> None:
            if reply.type() != QDBusMessage.MessageType.ReplyMessage:
                _log.warning("notification not shown: %s", reply.errorMessage())
                if on_id is not None:
                    on_id(0)
                return
            values = reply.arguments()
            ident = int(str(unwrap(values[0]))) if values else 0
            if on_id is not None:
                on_id(ident)

        self._sender.call(message, replied)
        return True

    def close_notification(self, ident: int) -> None:
        if ident <= 0:
            return
        try:
            argument = uint32(ident)
        except TypedArgumentUnavailable:
            return
        message = QDBusMessage.createMethodCall(SERVICE, PATH, INTERFACE, "CloseNotification")
        message.setArguments([argument])
        message.setAutoStartService(False)
        self._sender.call(message, _ignore)

    # -- the server -------------------------------------------------------------------

    def _on_owner_changed(self, _name: str, _old: str, new: str) -> None:
        if new:
            self._read_capabilities(auto_start=False)
        else:
            self._set_capabilities(None, "", "the notification server went away")

    def _body_text(self, body: str) -> str:
        """The body as written: a server with ``body-markup`` would read ``<b>`` as bold
        and ``<img>`` as a picture to load, so its markup characters are escaped there."""
        if self._capabilities is not None and "body-markup" in self._capabilities:
            return html.escape(body, quote=False)
        return body

    def _read_capabilities(self, *, auto_start: bool) -> None:
        self._client.invalidate()  # an answer to an earlier read is out of date
        message = QDBusMessage.createMethodCall(SERVICE, PATH, INTERFACE, "GetCapabilities")
        message.setAutoStartService(auto_start)

        def capabilities(reply: QDBusMessage) -> None:
            if reply.type() != QDBusMessage.MessageType.ReplyMessage:
                self._set_capabilities(None, "", reply.errorMessage() or reply.errorName())
                return
            values = reply.arguments()
            caps = values[0] if values and isinstance(values[0], list) else []
            found = frozenset(str(item) for item in caps)
            info = QDBusMessage.createMethodCall(SERVICE, PATH, INTERFACE, "GetServerInformation")
            info.setAutoStartService(False)

            def named(reply: QDBusMessage) -> None:
                values = reply.arguments()
                name = ""
                if reply.type() == QDBusMessage.MessageType.ReplyMessage and values:
                    name = " ".join(str(value) for value in values[:2])
                self._set_capabilities(found, name, None)

            self._client.call(info, named)

        self._client.call(message, capabilities)

    def _set_capabilities(
        self, capabilities: frozenset[str] | None, server: str, problem: str | None
    ) -> None:
        changed = not self._answered or (capabilities, server) != (
            self._capabilities,
            self._server,
        )
        self._answered = True
        self._capabilities, self._server, self.problem = capabilities, server, problem
        if changed:
            _log.info("desktop notifications: %s", self.describe())
            self.availability_changed.emit()

    def _on_action(self, message: QDBusMessage) -> None:
        values = message.arguments()
        if len(values) >= 2:
            self.action_invoked.emit(int(str(values[0])), str(values[1]))

    def _on_closed(self, message: QDBusMessage) -> None:
        values = message.arguments()
        if len(values) >= 2:
            self.closed.emit(int(str(values[0])), int(str(values[1])))


def notification_hints(notification: Notification, urgency: object) -> dict[str, object]:
    """The ``a{sv}`` hints: ``desktop-entry`` names the launcher (``<APP_ID>.desktop``), which
    is how GNOME Shell and others find the app's name and icon for the notification."""
    hints: dict[str, object] = {"urgency": urgency, "desktop-entry": APP_ID}
    if notification.category:
        hints["category"] = notification.category
    return hints


def _app_icon() -> str:
    """The app's icon as a file URI: an icon name works only where the icon is installed."""
    return resource_path("icons", "backbreak.svg").as_uri()


def _ignore(_reply: QDBusMessage) -> None:
    """CloseNotification's answer does not matter: an unknown id is already gone."""


def _empty_string_array() -> QDBusArgument:
    """An empty ``as`` (a plain empty list would go out as ``av``)."""
    argument = QDBusArgument()
    argument.beginArray(QMetaType(QMetaType.Type.QString))
    argument.endArray()
    return argument
