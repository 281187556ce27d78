"""The shared D-Bus client: calls never block, unanswered ones end in an error, close is safe."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusVirtualObject
from pytestqt.qtbot import QtBot

from backbreak.platform.dbus import BusClient, method_call, service_registered
from backbreak.platform.presence.logind import LogindPresence

SILENT = "org.example.Silent"
NO_REPLY = "org.freedesktop.DBus.Error.NoReply"
TIMEOUT_MS = 300

# QtDBus keeps a raw pointer to a registered virtual object past unregisterObject: the Python
# objects live as long as the process.
_KEEP: list[QDBusVirtualObject] = []


class SilentObject(QDBusVirtualObject):
    """Takes every call and never answers, like a hung service."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[str] = []
        _KEEP.append(self)

    def introspect(self, path: str) -> str:
        return ""

    def handleMessage(self, message: QDBusMessage, connection: QDBusConnection) -> bool:
        self.calls.append(message.member())
        return True


@pytest.fixture
def silent(service_bus: QDBusConnection) -> Iterator[SilentObject]:
    obj = SilentObject()
    assert service_bus.registerVirtualObject("/silent", obj)
    assert service_bus.registerService(SILENT)
    yield obj
    service_bus.unregisterService(SILENT)
    service_bus.unregisterObject("/silent")


def ask() -> QDBusMessage:
    return method_call(SILENT, "/silent", "org.example.Silent", "Hello", "there")


def test_a_call_nobody_answers_returns_at_once_and_ends_in_no_reply(
    qtbot: QtBot, client_bus: QDBusConnection, silent: SilentObject
) -> None:
    client = BusClient(client_bus, timeout_ms=TIMEOUT_MS)
    replies: list[QDBusMessage] = []
    ticks: list[int] = []
    QTimer.singleShot(0, lambda: ticks.append(1))

    client.call(ask(), replies.append)

    assert replies == []  # returned without waiting
    assert client.pending == 1
    qtbot.waitUntil(lambda: silent.calls == ["Hello"], timeout=2000)
    assert ticks == [1]  # the event loop ran while the call was out
    assert replies == []
    qtbot.waitUntil(lambda: len(replies) == 1, timeout=5000)
    assert replies[0].type() == QDBusMessage.MessageType.ErrorMessage
    assert replies[0].errorName() == NO_REPLY
    assert client.pending == 0


def test_closing_while_a_call_is_pending_drops_its_reply(
    qtbot: QtBot, client_bus: QDBusConnection, silent: SilentObject
) -> None:
    client = BusClient(client_bus, timeout_ms=TIMEOUT_MS)
    replies: list[QDBusMessage] = []
    client.call(ask(), replies.append)
    client.close()
    qtbot.waitUntil(lambda: client.pending == 0, timeout=5000)
    assert replies == []


def test_deleting_the_owner_while_a_call_is_pending_is_safe(
    qtbot: QtBot, client_bus: QDBusConnection, silent: SilentObject
) -> None:
    owner = QObject()
    client = BusClient(client_bus, owner, timeout_ms=TIMEOUT_MS)
    client.subscribe((SILENT, "/silent", "org.example.Silent", "Changed"), lambda _m: None)
    client.follow_owner(SILENT, lambda *_a: None)
    client.call(ask(), lambda _m: None)
    client.close()
    shiboken6.delete(owner)  # the client and its pending watcher go with it

    # The bus carries on: a later call on the same connection ends normally.
    other = BusClient(client_bus, timeout_ms=TIMEOUT_MS)
    replies: list[QDBusMessage] = []
    other.call(ask(), replies.append)
    qtbot.waitUntil(lambda: len(replies) == 1, timeout=5000)
    assert replies[0].errorName() == NO_REPLY


def test_a_stale_reply_is_dropped_and_a_fresh_one_handed_on(
    qtbot: QtBot, client_bus: QDBusConnection, service_bus: QDBusConnection
) -> None:
    client = BusClient(client_bus, timeout_ms=TIMEOUT_MS)
    first: list[QDBusMessage] = []
    second: list[QDBusMessage] = []
    get_id = method_call("org.freedesktop.DBus", "/", "org.freedesktop.DBus", "GetId")
    client.call(get_id, first.append)
    client.invalidate()
    client.call(get_id, second.append)
    qtbot.waitUntil(lambda: len(second) == 1, timeout=5000)
    qtbot.waitUntil(lambda: client.pending == 0, timeout=5000)
    assert first == []
    assert second[0].type() == QDBusMessage.MessageType.ReplyMessage


def test_service_registered_asks_the_bus_daemon_only(
    client_bus: QDBusConnection, silent: SilentObject
) -> None:
    assert service_registered(client_bus, SILENT)
    assert not service_registered(client_bus, "org.example.Nobody")
    assert silent.calls == []  # the service itself was never asked


def test_a_running_backend_does_not_wait_for_a_silent_service(
    qtbot: QtBot,
    client_bus: QDBusConnection,
    service_bus: QDBusConnection,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """logind's lock state is read when it starts and on each change; a logind that never
    answers must not hold the GUI thread until the call times out."""
    silent = SilentObject()
    assert service_bus.registerVirtualObject("/session/silent", silent)
    assert service_bus.registerService("org.freedesktop.login1")
    logind = LogindPresence(client_bus)
    logind.session_path = "/session/silent"  # found already: start() only reads LockedHint
    caplog.set_level(logging.DEBUG, logger="backbreak.platform.presence.logind")
    try:
        logind.start(120)
        qtbot.waitUntil(lambda: silent.calls == ["Get"], timeout=3000)
        # Still waiting for the answer while the event loop runs: nothing gave up yet.
        assert "LockedHint" not in caplog.text
        assert logind.locked_hint() is None
    finally:
        logind.stop()
        service_bus.unregisterService("org.freedesktop.login1")
        service_bus.unregisterObject("/session/silent")


def test_a_call_without_a_bus_ends_in_an_error_from_the_event_loop(qtbot: QtBot) -> None:
    nowhere = QDBusConnection.connectToBus("unix:path=/nonexistent/bus", "nowhere")
    try:
        assert not nowhere.isConnected()
        client = BusClient(nowhere, timeout_ms=TIMEOUT_MS)
        replies: list[QDBusMessage] = []
        client.call(ask(), replies.append)
        assert replies == []  # never inside call()
        qtbot.waitUntil(lambda: len(replies) == 1, timeout=2000)
        assert replies[0].type() == QDBusMessage.MessageType.ErrorMessage
        assert client.pending == 0
    finally:
        QDBusConnection.disconnectFromBus("nowhere")
