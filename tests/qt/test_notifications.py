"""Desktop notifications, the prompt as a notification, and the home that follows the tray,
against a fake notification server on a private D-Bus bus.

The fake checks every call's signature as GLib-based servers (GNOME Shell) do, so a call typed
wrongly (an ``i`` where the specification says ``u``) fails here as it would there.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtDBus import QDBusArgument, QDBusConnection
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import backbreak.ui.home as home_module
from backbreak import APP_ID
from backbreak.controller import Controller
from backbreak.platform.dbus import byte, uint32
from backbreak.platform.notifications import (
    CLOSED_BY_CALL,
    CLOSED_DISMISSED,
    CLOSED_EXPIRED,
    Notification,
    NotificationServer,
    notification_hints,
)
from backbreak.shell.commands import RemoteCommands
from backbreak.shell.home_links import WATCHER, WATCHER_PATH, DesktopNotices, TrayWatcher
from backbreak.shell.prompt_notice import DISMISS_GRACE_MS, NotificationPrompt
from backbreak.shell.session import BreakSession
from backbreak.ui.home import Home
from backbreak.ui.prompt import BreakPrompt
from tests.qt.dbus_fakes import QUIET_MS, SIGNAL_MS, FakeObject, Reply, emit, string_array
from tests.qt.helpers import CATALOGUE, make_controller
from tests.qt.test_ui import quiet_options

NOTIFICATIONS = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
NOTIFY_SIGNATURE = "susssasa{sv}i"
EXERCISE = CATALOGUE["seated-t-spine-matrix"]
LAUNCHERS = Path(__file__).resolve().parents[2] / "packaging" / "linux"


class FakeServer:
    """An ``org.freedesktop.Notifications`` server that remembers what it was asked."""

    def __init__(
        self, bus: QDBusConnection, capabilities: tuple[str, ...] = ("actions", "body")
    ) -> None:
        self.bus = bus
        self.capabilities = list(capabilities)
        self.notes: list[list[object]] = []  # Notify arguments, in order
        self.closed_ids: list[int] = []
        self.next_id = 40
        self.object = FakeObject(
            {
                "GetCapabilities": self._capabilities,
                "GetServerInformation": lambda _args: Reply("fake", "test", "1", "1.2"),
                "Notify": self._notify,
                "CloseNotification": self._close,
            },
            {"Notify": NOTIFY_SIGNATURE, "CloseNotification": "u", "GetCapabilities": ""},
        )
        assert bus.registerVirtualObject(PATH, self.object)

    def appear(self) -> None:
        assert self.bus.registerService(NOTIFICATIONS)

    def vanish(self) -> None:
        assert self.bus.unregisterService(NOTIFICATIONS)

    def _capabilities(self, _args: list[object]) -> QDBusArgument:
        return string_array(self.capabilities)

    def _notify(self, args: list[object]) -> Reply:
        self.notes.append(args)
        replaces = int(str(args[1]))
        ident = replaces or self.next_id
        if not replaces:
            self.next_id += 1
        return Reply(uint32(ident))

    def _close(self, args: list[object]) -> Reply:
        self.closed_ids.append(int(str(args[0])))
        return Reply()

    def invoke(self, ident: int, key: str) -> None:
        emit(self.bus, PATH, NOTIFICATIONS, "ActionInvoked", [uint32(ident), key])

    def close(self, ident: int, reason: int) -> None:
        emit(self.bus, PATH, NOTIFICATIONS, "NotificationClosed", [uint32(ident), uint32(reason)])

    @property
    def notify_count(self) -> int:
        return self.object.count("Notify")


@pytest.fixture
def fake(service_bus: QDBusConnection) -> FakeServer:
    return FakeServer(service_bus)


@pytest.fixture
def server(client_bus: QDBusConnection) -> Iterator[NotificationServer]:
    notifications = NotificationServer(client_bus)
    yield notifications
    notifications.stop()


def started(server: NotificationServer, qtbot: QtBot) -> NotificationServer:
    with qtbot.waitSignal(server.availability_changed, timeout=SIGNAL_MS):
        server.start()
    return server


# ------------------------------------------------------------------------- the server


def test_capabilities_and_name_are_read_at_start(
    fake: FakeServer, server: NotificationServer, qtbot: QtBot
) -> None:
    fake.appear()
    started(server, qtbot)
    assert server.answered()
    assert server.capabilities() == frozenset({"actions", "body"})
    assert server.supports_actions()
    assert server.describe() == "fake test, with actions"


def test_a_server_without_actions_is_not_enough_for_buttons(
    service_bus: QDBusConnection, server: NotificationServer, qtbot: QtBot
) -> None:
    FakeServer(service_bus, capabilities=("body",)).appear()
    started(server, qtbot)
    assert not server.supports_actions()
    assert server.describe() == "fake test, without actions"


def test_no_server_then_one_appears_then_it_goes(
    fake: FakeServer, server: NotificationServer, qtbot: QtBot
) -> None:
    started(server, qtbot)
    assert server.answered()
    assert server.capabilities() is None
    assert "no notification server" in server.describe()

    with qtbot.waitSignal(server.availability_changed, timeout=SIGNAL_MS):
        fake.appear()
    assert server.supports_actions()

    with qtbot.waitSignal(server.availability_changed, timeout=SIGNAL_MS):
        fake.vanish()
    assert server.capabilities() is None
    assert not server.supports_actions()


def test_notify_is_typed_as_the_specification_says(
    fake: FakeServer, server: NotificationServer, qtbot: QtBot
) -> None:
    fake.appear()
    started(server, qtbot)
    from backbreak.platform.notifications import Notification

    ids: list[int] = []
    assert server.notify(Notification("Hello", "World"), on_id=ids.append)
    qtbot.waitUntil(lambda: ids == [40], timeout=SIGNAL_MS)
    app_name, replaces, icon, summary, body, actions, _hints, timeout = fake.notes[0]
    assert (app_name, replaces, summary, body, timeout) == ("backbreak", 0, "Hello", "World", -1)
    assert str(icon).startswith("file:///")  # the app's own icon, found without an icon theme
    assert str(icon).endswith("/icons/backbreak.svg")
    assert isinstance(actions, list)
    assert actions == []


def test_notifications_name_the_launcher_so_the_desktop_shows_its_name_and_icon() -> None:
    # GNOME Shell looks the ``desktop-entry`` hint up as <hint>.desktop among the installed
    # launchers; a name with no launcher gives a notification with no app name or icon.
    hints = notification_hints(Notification("Hello", category="im"), byte(1))

    assert hints["desktop-entry"] == APP_ID
    assert (LAUNCHERS / f"{hints['desktop-entry']}.desktop").is_file()
    assert hints["category"] == "im"


@pytest.mark.parametrize(
    ("capabilities", "sent"),
    [
        (("actions", "body", "body-markup"), "&lt;b&gt;x&lt;/b&gt; &amp; &lt;img src=/x.png&gt;"),
        (("actions", "body"), "<b>x</b> & <img src=/x.png>"),
    ],
)
def test_the_body_is_shown_as_written_whatever_the_server_reads_as_markup(
    service_bus: QDBusConnection,
    server: NotificationServer,
    qtbot: QtBot,
    capabilities: tuple[str, ...],
    sent: str,
) -> None:
    fake = FakeServer(service_bus, capabilities=capabilities)
    fake.appear()
    started(server, qtbot)
    from backbreak.platform.notifications import Notification

    assert server.notify(Notification("Hello", "<b>x</b> & <img src=/x.png>"))
    qtbot.waitUntil(lambda: fake.notify_count == 1, timeout=SIGNAL_MS)
    assert fake.notes[0][4] == sent


# ------------------------------------------------------------------------- the prompt


@pytest.fixture
def prompt(
    fake: FakeServer, server: NotificationServer, qtbot: QtBot
) -> Iterator[NotificationPrompt]:
    fake.appear()
    started(server, qtbot)
    notice = NotificationPrompt(server, snooze_minutes=7)
    yield notice
    notice.close()


def shown(fake: FakeServer, prompt: NotificationPrompt, qtbot: QtBot, count: int = 1) -> int:
    assert prompt.show_for(EXERCISE)
    qtbot.waitUntil(lambda: fake.notify_count == count, timeout=SIGNAL_MS)
    qtbot.waitUntil(lambda: prompt._id != 0 and not prompt._pending, timeout=SIGNAL_MS)
    return prompt._id


@pytest.mark.parametrize("exercise_id", ["breathing", "foam-roll-thoracic-extension"])
def test_the_notification_and_the_window_say_the_same(
    fake: FakeServer, prompt: NotificationPrompt, qtbot: QtBot, exercise_id: str
) -> None:
    exercise = CATALOGUE[exercise_id]
    assert prompt.show_for(exercise)
    qtbot.waitUntil(lambda: fake.notify_count == 1, timeout=SIGNAL_MS)
    _app, _replaces, _icon, summary, body, _actions, _hints, _timeout = fake.notes[0]
    window = BreakPrompt(7)
    window.show_for(exercise)
    try:
        assert summary == window.heading.text()
        lines = [window.detail.text(), window.needs.text(), window.summary.text()]
        assert str(body).split("\n") == [line for line in lines if line]
    finally:
        window.close()
        window.deleteLater()
    if exercise_id == "breathing":
        assert summary == "Time for a breathing break"
    else:
        assert summary == "Time for an exercise on the floor"
        assert "Needs: floor space, foam roller" in str(body).split("\n")


def test_the_prompt_is_one_critical_notification_with_three_buttons(
    fake: FakeServer, prompt: NotificationPrompt, qtbot: QtBot
) -> None:
    first = shown(fake, prompt, qtbot)
    _app, replaces, _icon, summary, body, actions, _hints, timeout = fake.notes[0]
    assert replaces == 0
    assert summary == "Time for a seated exercise at your desk"
    assert EXERCISE.title in str(body)
    assert isinstance(actions, list)
    assert actions == [
        "start", "Start", "snooze", "Snooze 7 min", "skip", "Skip",
    ]  # fmt: skip
    assert timeout == 0  # never expires

    second = shown(fake, prompt, qtbot, count=2)
    assert fake.notes[1][1] == first  # replaces the one on screen: never a pile
    assert second == first


@pytest.mark.parametrize(
    ("key", "signal"),
    [("start", "start_clicked"), ("snooze", "snooze_clicked"), ("skip", "skip_clicked")],
)
def test_each_button_answers_the_prompt(
    fake: FakeServer, prompt: NotificationPrompt, qtbot: QtBot, key: str, signal: str
) -> None:
    ident = shown(fake, prompt, qtbot)
    with qtbot.waitSignal(getattr(prompt, signal), timeout=SIGNAL_MS):
        fake.invoke(ident, key)
    qtbot.waitUntil(lambda: fake.closed_ids == [ident], timeout=SIGNAL_MS)


def test_actions_of_other_notifications_are_ignored(
    fake: FakeServer, prompt: NotificationPrompt, qtbot: QtBot
) -> None:
    ident = shown(fake, prompt, qtbot)
    with qtbot.assertNotEmitted(prompt.start_clicked, wait=QUIET_MS):
        fake.invoke(ident + 1, "start")
    with qtbot.waitSignal(prompt.start_clicked, timeout=SIGNAL_MS):
        fake.invoke(ident, "start")


def test_dismissing_the_prompt_snoozes(
    fake: FakeServer, prompt: NotificationPrompt, qtbot: QtBot
) -> None:
    ident = shown(fake, prompt, qtbot)
    with qtbot.waitSignal(prompt.snooze_clicked, timeout=SIGNAL_MS + DISMISS_GRACE_MS):
        fake.close(ident, CLOSED_DISMISSED)


def test_a_button_reported_after_the_close_wins_over_the_dismissal(
    fake: FakeServer, prompt: NotificationPrompt, qtbot: QtBot
) -> None:
    ident = shown(fake, prompt, qtbot)
    with (
        qtbot.assertNotEmitted(prompt.snooze_clicked, wait=DISMISS_GRACE_MS + QUIET_MS),
        qtbot.waitSignal(prompt.skip_clicked, timeout=SIGNAL_MS),
    ):
        fake.close(ident, CLOSED_DISMISSED)
        fake.invoke(ident, "skip")


def test_withdrawn_prompt_is_closed_even_before_its_id_is_known(
    fake: FakeServer, prompt: NotificationPrompt, qtbot: QtBot
) -> None:
    ident = shown(fake, prompt, qtbot)
    prompt.hide()
    qtbot.waitUntil(lambda: fake.closed_ids == [ident], timeout=SIGNAL_MS)

    assert prompt.show_for(EXERCISE)
    prompt.hide()  # the id is still on its way
    qtbot.waitUntil(lambda: len(fake.closed_ids) == 2, timeout=SIGNAL_MS)
    assert fake.closed_ids[1] != ident


def test_a_prompt_the_server_expires_is_shown_again_once(
    fake: FakeServer, prompt: NotificationPrompt, qtbot: QtBot
) -> None:
    ident = shown(fake, prompt, qtbot)
    fake.close(ident, CLOSED_EXPIRED)
    qtbot.waitUntil(lambda: fake.notify_count == 2, timeout=SIGNAL_MS)
    qtbot.waitUntil(lambda: prompt._id != 0, timeout=SIGNAL_MS)
    fake.close(prompt._id, CLOSED_EXPIRED)
    qtbot.wait(QUIET_MS)
    assert fake.notify_count == 2  # a server that keeps closing it is not fought
    with qtbot.assertNotEmitted(prompt.snooze_clicked, wait=QUIET_MS):
        fake.close(ident, CLOSED_BY_CALL)


# ------------------------------------------------------------------------- the session


def test_session_uses_the_notification_where_it_has_buttons_and_the_window_otherwise(
    fake: FakeServer, server: NotificationServer, qtbot: QtBot
) -> None:
    fake.appear()
    started(server, qtbot)
    controller, _clock, _deadline = make_controller()
    session = BreakSession(controller, CATALOGUE, quiet_options(), notifications=server)
    controller.take_break_now()
    qtbot.waitUntil(lambda: fake.notify_count == 1, timeout=SIGNAL_MS)
    assert session.presentation == "notification"
    assert session._prompt is None  # no window was even built

    with qtbot.waitSignal(server.availability_changed, timeout=SIGNAL_MS):
        fake.vanish()  # the server goes while the prompt is due: the window takes over
    assert session.presentation == "window"
    assert session.prompt.isVisible()

    with qtbot.waitSignal(controller.changed, timeout=SIGNAL_MS):
        session.prompt.skip_button.click()
    assert not session.prompt.isVisible()
    session.close()


def prompted_by_notification(
    fake: FakeServer, server: NotificationServer, qtbot: QtBot
) -> tuple[Controller, BreakSession, NotificationPrompt]:
    """A session prompting through the notification server; the notification is up."""
    fake.appear()
    started(server, qtbot)
    controller, _clock, _deadline = make_controller()
    session = BreakSession(controller, CATALOGUE, quiet_options(), notifications=server)
    controller.take_break_now()
    notice = session.notice
    assert notice is not None
    qtbot.waitUntil(lambda: notice._id != 0, timeout=SIGNAL_MS)
    return controller, session, notice


def test_session_answers_from_the_notification_reach_the_controller(
    fake: FakeServer, server: NotificationServer, qtbot: QtBot
) -> None:
    controller, session, notice = prompted_by_notification(fake, server, qtbot)
    with qtbot.waitSignal(controller.changed, timeout=SIGNAL_MS):
        fake.invoke(notice._id, "snooze")
    assert controller.status().phase.value == "snoozed"
    assert controller.status().next_prompt == controller.now() + timedelta(minutes=10)
    session.close()


class TrayOnly:
    def present(self, activation_token: str = "") -> str:
        return "tray"


def test_snoozing_from_the_command_line_closes_the_notification(
    fake: FakeServer, server: NotificationServer, qtbot: QtBot
) -> None:
    """`backbreak snooze` reaches only the controller; the notification goes all the same."""
    controller, session, notice = prompted_by_notification(fake, server, qtbot)
    ident = notice._id
    reply = RemoteCommands(controller, TrayOnly())({"cmd": "snooze"})
    assert reply["ok"] is True
    qtbot.waitUntil(lambda: fake.closed_ids == [ident], timeout=SIGNAL_MS)
    assert session.presentation == ""
    session.close()


# ------------------------------------------------------------------------- the home


class FakePlace:
    """What the tray icon and the status window have in common, as the home sees them."""

    def __init__(self) -> None:
        self.shown = False
        self.messages: list[str] = []
        self.presented = 0
        self.renewed = 0

    def renew(self) -> None:
        self.renewed += 1

    def placed(self) -> bool:
        return True

    def show(self) -> None:
        self.shown = True

    def hide(self) -> None:
        self.shown = False

    def notify(self, title: str, message: str) -> None:
        self.messages.append(f"{title}: {message}")

    def notify_quietly(self, title: str, message: str) -> None:
        self.messages.append(f"quietly {title}: {message}")


class FakeTray(FakePlace):
    def present(self) -> bool:
        self.presented += 1
        return True


class FakeWindow(FakePlace):
    def present(self) -> None:
        self.presented += 1


def test_home_follows_the_tray_watcher(
    service_bus: QDBusConnection,
    client_bus: QDBusConnection,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    qapp: QApplication,
) -> None:
    monkeypatch.setattr(home_module, "TRAY_GONE_GRACE_MS", 200)
    tray, window = FakeTray(), FakeWindow()
    available = [False]
    home = Home(
        tray,
        lambda: window,
        tray_watch=TrayWatcher(client_bus),
        tray_available=lambda: available[0],
    )
    home.show()
    assert tray.shown  # the icon waits for a tray to come
    assert window.shown
    assert not home.in_tray

    available[0] = True
    with qtbot.waitSignal(home.tray_changed, timeout=SIGNAL_MS) as blocker:
        assert service_bus.registerService(WATCHER)
    assert blocker.args == [True]
    assert not window.shown
    assert home.in_tray
    assert tray.renewed == 1  # the icon made without a tray is made again for this one
    home.present()
    assert tray.presented == 1
    assert window.presented == 0

    available[0] = False
    with qtbot.waitSignal(home.tray_changed, timeout=SIGNAL_MS) as blocker:
        assert service_bus.unregisterService(WATCHER)
    assert blocker.args == [False]
    assert window.shown
    assert not home.in_tray
    home.hide()


def test_home_waits_for_the_tray_qt_sees_after_the_watcher_appears(
    service_bus: QDBusConnection, client_bus: QDBusConnection, qtbot: QtBot
) -> None:
    tray, window = FakeTray(), FakeWindow()
    checks: list[bool] = []

    def available() -> bool:
        checks.append(True)
        return len(checks) > 3  # the panel's host registers a moment after the watcher

    home = Home(tray, lambda: window, tray_watch=TrayWatcher(client_bus), tray_available=available)
    home.show()
    assert service_bus.registerService(WATCHER)
    qtbot.waitUntil(lambda: home.in_tray, timeout=SIGNAL_MS)
    assert not window.shown
    home.hide()


def test_home_a_tray_host_registering_late_is_seen(
    service_bus: QDBusConnection,
    client_bus: QDBusConnection,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(home_module, "RECHECKS", 1)
    monkeypatch.setattr(home_module, "RECHECK_MS", 50)
    tray, window = FakeTray(), FakeWindow()
    available = [False]
    home = Home(
        tray,
        lambda: window,
        tray_watch=TrayWatcher(client_bus),
        tray_available=lambda: available[0],
    )
    home.show()
    assert service_bus.registerService(WATCHER)
    qtbot.wait(QUIET_MS)  # the watcher is there, the panel's host not yet, rechecks used up
    assert not home.in_tray
    available[0] = True
    with qtbot.waitSignal(home.tray_changed, timeout=SIGNAL_MS):
        emit(service_bus, WATCHER_PATH, WATCHER, "StatusNotifierHostRegistered", [])
    assert home.in_tray
    assert not window.shown
    home.hide()


def test_home_a_panel_restart_shorter_than_the_grace_shows_no_window(
    service_bus: QDBusConnection, client_bus: QDBusConnection, qtbot: QtBot
) -> None:
    tray, window = FakeTray(), FakeWindow()
    assert service_bus.registerService(WATCHER)
    home = Home(
        tray, lambda: window, tray_watch=TrayWatcher(client_bus), tray_available=lambda: True
    )
    home.show()
    with qtbot.assertNotEmitted(home.tray_changed, wait=QUIET_MS):
        assert service_bus.unregisterService(WATCHER)
        assert service_bus.registerService(WATCHER)
    assert home.in_tray
    assert home.window is None
    assert tray.renewed == 0  # the icon never lost its tray
    home.hide()


def test_home_messages_without_a_tray_become_notifications(
    fake: FakeServer, server: NotificationServer, qtbot: QtBot
) -> None:
    tray, window = FakeTray(), FakeWindow()
    home = Home(
        tray, lambda: window, notifications=DesktopNotices(server), tray_available=lambda: False
    )
    home.show()
    home.notify("backbreak settings", "early")  # before the server has answered: held
    assert window.messages == ["quietly backbreak settings: early"]
    fake.appear()
    server.start()
    qtbot.waitUntil(lambda: fake.notify_count == 1, timeout=SIGNAL_MS)
    assert fake.notes[0][3:5] == ["backbreak settings", "early"]
    assert window.presented == 0  # the notification says it; the window stays where it is

    home.notify("backbreak settings", "bad key")
    qtbot.waitUntil(lambda: fake.notify_count == 2, timeout=SIGNAL_MS)
    assert window.messages[-1] == "quietly backbreak settings: bad key"


def test_home_messages_without_tray_or_server_bring_the_window_up(
    server: NotificationServer, qtbot: QtBot
) -> None:
    tray, window = FakeTray(), FakeWindow()
    home = Home(
        tray, lambda: window, notifications=DesktopNotices(server), tray_available=lambda: False
    )
    home.show()
    with qtbot.waitSignal(server.availability_changed, timeout=SIGNAL_MS):
        server.start()  # nobody owns the name
    home.notify("backbreak settings", "bad key")
    assert window.messages == ["backbreak settings: bad key"]
    assert tray.messages == []


def test_home_messages_with_a_tray_go_to_the_tray(qtbot: QtBot, qapp: QApplication) -> None:
    tray, window = FakeTray(), FakeWindow()
    home = Home(tray, lambda: window, tray_available=lambda: True)
    home.show()
    home.notify("backbreak", "hello")
    assert tray.messages == ["backbreak: hello"]
    assert home.window is None


def test_typed_arguments_reject_out_of_range_values() -> None:
    with pytest.raises(ValueError, match="uint32"):
        uint32(-1)
    with pytest.raises(ValueError, match="byte"):
        byte(256)
