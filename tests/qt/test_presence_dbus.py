"""The D-Bus backends against fake services on a private bus.

Each test gets its own ``dbus-daemon`` and, in a separate process (this module run as a
script), fakes of the services it needs: Mutter's idle monitor, ``org.freedesktop.ScreenSaver``,
GNOME Shell's ``org.gnome.ScreenSaver`` and logind's manager and session. The fakes are written
with QtDBus the way a Qt service would be: typed slots and signals exported with
``registerObject``, so that a call with wrong argument types fails as it does on the real
services. A control object on the same bus lets the test make input, change the idle time, lock
the screen and suspend the machine; it also logs the calls the fakes received.

The fakes keep real time (a user-active watch fires at the next ``Input``; an idle watch when
the idle time reaches its interval), so the tests wait for signals with ``qtbot.waitSignal``.
"""

from __future__ import annotations

import itertools
import os
import select
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Property, QCoreApplication, QObject, QTimer, Signal, Slot
from PySide6.QtDBus import QDBus, QDBusConnection, QDBusMessage, QDBusObjectPath
from pytestqt.qtbot import QtBot

from tests.buses import dbus_interface

ROOT = Path(__file__).resolve().parents[2]
CONTROL_SERVICE = "org.backbreak.FakeDesktop"
CONTROL_PATH = "/control"
SESSION_PATH = "/org/freedesktop/login1/session/_37"

# ------------------------------------------------------------------------------- the fakes


class UserClock:
    """When the fake user last touched anything."""

    def __init__(self) -> None:
        self.last_input = time.monotonic()

    def idle_ms(self) -> int:
        return int((time.monotonic() - self.last_input) * 1000)


class CallLog:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, *parts: object) -> None:
        self.lines.append(" ".join(str(p) for p in parts))


@dbus_interface("org.gnome.Mutter.IdleMonitor")
class FakeMutter(QObject):
    """Mutter's idle monitor: persistent idle watches, one-shot user-active watches."""

    WatchFired = Signal("uint")  # type: ignore[arg-type]  # PySide6 takes C++ type names

    def __init__(self, user: UserClock, log: CallLog) -> None:
        super().__init__()
        self.user, self.log = user, log
        self.ids = itertools.count(1)
        self.idle_watches: dict[int, tuple[int, QTimer]] = {}
        self.active_watches: set[int] = set()

    @Slot(result="qulonglong")
    def GetIdletime(self) -> int:
        return self.user.idle_ms()

    @Slot("qulonglong", result="uint")
    def AddIdleWatch(self, interval: int) -> int:
        self.log.add("AddIdleWatch", interval)
        watch = next(self.ids)
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(lambda: self.WatchFired.emit(watch))
        self.idle_watches[watch] = (interval, timer)
        self._arm(interval, timer)
        return watch

    @Slot(result="uint")
    def AddUserActiveWatch(self) -> int:
        self.log.add("AddUserActiveWatch")
        watch = next(self.ids)
        self.active_watches.add(watch)
        return watch

    @Slot("uint")
    def RemoveWatch(self, watch: int) -> None:
        self.log.add("RemoveWatch", watch)
        self.active_watches.discard(watch)
        if watch in self.idle_watches:
            self.idle_watches.pop(watch)[1].stop()

    def _arm(self, interval: int, timer: QTimer) -> None:
        idle = self.user.idle_ms()
        if idle < interval:  # past it already: fires only after the next input, like Mutter
            timer.start(interval - idle)
        else:
            timer.stop()

    def input(self) -> None:
        self.user.last_input = time.monotonic()
        fired, self.active_watches = self.active_watches, set()
        for watch in sorted(fired):
            self.WatchFired.emit(watch)
        self.rearm()

    def rearm(self) -> None:
        for interval, timer in self.idle_watches.values():
            self._arm(interval, timer)


@dbus_interface("org.freedesktop.ScreenSaver")
class FakeScreenSaver(QObject):
    ActiveChanged = Signal(bool)

    def __init__(self, user: UserClock, log: CallLog, milliseconds: bool) -> None:
        super().__init__()
        self.user, self.log, self.milliseconds = user, log, milliseconds
        self.active = False

    @Slot(result="uint")
    def GetSessionIdleTime(self) -> int:
        self.log.add("GetSessionIdleTime")
        ms = self.user.idle_ms()
        return ms if self.milliseconds else ms // 1000

    @Slot(result=bool)
    def GetActive(self) -> bool:
        return self.active


@dbus_interface("org.gnome.ScreenSaver")
class FakeShellScreenSaver(QObject):
    ActiveChanged = Signal(bool)


@dbus_interface("org.freedesktop.login1.Manager")
class FakeLogin1(QObject):
    PrepareForSleep = Signal(bool)

    def __init__(self, log: CallLog) -> None:
        super().__init__()
        self.log = log

    @Slot(str, result=QDBusObjectPath)
    def GetSession(self, session_id: str) -> QDBusObjectPath:
        self.log.add("GetSession", session_id)
        return QDBusObjectPath(SESSION_PATH)

    @Slot("uint", result=QDBusObjectPath)
    def GetSessionByPID(self, pid: int) -> QDBusObjectPath:
        self.log.add("GetSessionByPID", pid)
        return QDBusObjectPath(SESSION_PATH)


@dbus_interface("org.freedesktop.login1.Session")
class FakeSession(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.locked = False

    def _locked_hint(self) -> bool:
        return self.locked

    LockedHint = Property(bool, _locked_hint)


@dbus_interface("org.backbreak.FakeDesktop")
class Control(QObject):
    """What the test does to the fake desktop."""

    def __init__(self, bus: QDBusConnection, services: set[str], milliseconds: bool) -> None:
        super().__init__()
        self.bus = bus
        self.log = CallLog()
        self.user = UserClock()
        self.mutter = FakeMutter(self.user, self.log)
        self.screensaver = FakeScreenSaver(self.user, self.log, milliseconds)
        self.shield = FakeShellScreenSaver()
        self.login1 = FakeLogin1(self.log)
        self.session = FakeSession()
        options = (
            QDBusConnection.RegisterOption.ExportAllSlots
            | QDBusConnection.RegisterOption.ExportAllSignals
            | QDBusConnection.RegisterOption.ExportAllProperties
        )
        objects: list[tuple[str, QObject, str]] = [(CONTROL_PATH, self, CONTROL_SERVICE)]
        if "mutter" in services:
            objects.append(
                ("/org/gnome/Mutter/IdleMonitor/Core", self.mutter, "org.gnome.Mutter.IdleMonitor")
            )
        if "screensaver" in services:
            objects.append(("/org/freedesktop/ScreenSaver", self.screensaver, ""))
        if "screensaver" in services or "screensaver-root" in services:
            objects.append(("/ScreenSaver", self.screensaver, "org.freedesktop.ScreenSaver"))
        if "shield" in services:
            objects.append(("/org/gnome/ScreenSaver", self.shield, "org.gnome.ScreenSaver"))
        if "login1" in services:
            objects.append(("/org/freedesktop/login1", self.login1, "org.freedesktop.login1"))
            objects.append((SESSION_PATH, self.session, ""))
        for path, obj, _ in objects:
            if not bus.registerObject(path, obj, options):
                raise RuntimeError(f"cannot register {path}")
        for _, _, service in objects:
            if service and not bus.registerService(service):
                raise RuntimeError(f"cannot own {service}")

    @Slot()
    def Input(self) -> None:
        self.mutter.input()

    @Slot(int)
    def SetIdle(self, ms: int) -> None:
        self.user.last_input = time.monotonic() - ms / 1000
        self.mutter.rearm()

    @Slot()
    def RestartMutter(self) -> None:
        """The compositor restarts: its watches are gone, the name comes back."""
        for _, timer in self.mutter.idle_watches.values():
            timer.stop()
        self.mutter.idle_watches.clear()
        self.mutter.active_watches.clear()
        self.bus.unregisterService("org.gnome.Mutter.IdleMonitor")
        self.bus.registerService("org.gnome.Mutter.IdleMonitor")

    @Slot(result=int)
    def WatchCount(self) -> int:
        return len(self.mutter.idle_watches) + len(self.mutter.active_watches)

    @Slot(result=str)
    def Calls(self) -> str:
        return "\n".join(self.log.lines)

    @Slot(bool)
    def SetActive(self, active: bool) -> None:
        self.screensaver.active = active
        self.screensaver.ActiveChanged.emit(active)

    @Slot(bool)
    def SetShield(self, active: bool) -> None:
        self.shield.ActiveChanged.emit(active)

    @Slot(bool, bool)
    def SetLocked(self, locked: bool, invalidate_only: bool) -> None:
        """Change LockedHint and say so the way logind does (or with the value left out)."""
        self.session.locked = locked
        signal = QDBusMessage.createSignal(
            SESSION_PATH, "org.freedesktop.DBus.Properties", "PropertiesChanged"
        )
        changed = {} if invalidate_only else {"LockedHint": locked}
        invalidated = ["LockedHint"] if invalidate_only else ["IdleSinceHint"]
        signal.setArguments(["org.freedesktop.login1.Session", changed, invalidated])
        self.bus.send(signal)

    @Slot(str)
    def OtherPropertyChanged(self, interface: str) -> None:
        signal = QDBusMessage.createSignal(
            SESSION_PATH, "org.freedesktop.DBus.Properties", "PropertiesChanged"
        )
        signal.setArguments([interface, {"Active": True}, ["Foo"]])
        self.bus.send(signal)

    @Slot(bool)
    def Sleep(self, going: bool) -> None:
        self.login1.PrepareForSleep.emit(going)


def serve(address: str, services: str, unit: str) -> None:
    """Run the fakes on the bus at ``address`` until killed."""
    app = QCoreApplication([])
    bus = QDBusConnection.connectToBus(address, "fake-desktop")
    if not bus.isConnected():
        raise SystemExit(f"cannot connect to {address}")
    control = Control(bus, set(services.split(",")), milliseconds=unit == "ms")
    print("ready", flush=True)
    app.exec()
    del control


# --------------------------------------------------------------------------------- fixtures


def _read_line(stream: Any, timeout: float, what: str) -> str:
    ready, _, _ = select.select([stream], [], [], timeout)
    if not ready:
        raise AssertionError(f"{what} did not start within {timeout} s")
    line: str = stream.readline().strip()
    if not line:
        raise AssertionError(f"{what} exited before it was ready")
    return line


def _end(proc: subprocess.Popen[str]) -> None:
    proc.terminate()
    try:
        proc.wait(5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)


@pytest.fixture
def bus(client_bus: QDBusConnection) -> QDBusConnection:
    """The connection the backend under test uses."""
    return client_bus


class Desktop:
    """The test's handle on the fakes: calls the control object (another process: no deadlock)."""

    def __init__(self, connection: QDBusConnection) -> None:
        self.connection = connection

    def __call__(self, method: str, *args: Any) -> Any:
        message = QDBusMessage.createMethodCall(
            CONTROL_SERVICE, CONTROL_PATH, "org.backbreak.FakeDesktop", method
        )
        message.setArguments(list(args))
        reply = self.connection.call(message, QDBus.CallMode.Block, 5000)
        assert reply.type() == QDBusMessage.MessageType.ReplyMessage, reply.errorMessage()
        values = reply.arguments()
        return values[0] if values else None

    def calls(self) -> list[str]:
        text: str = self("Calls")
        return text.splitlines()


@pytest.fixture
def fake_desktop(
    bus_address: str, service_bus: QDBusConnection
) -> Iterator[Callable[..., Desktop]]:
    """``fake_desktop("mutter,login1", unit="s")`` starts those fakes; they end with the test.
    The test reaches their control object over ``service_bus``."""
    started: list[subprocess.Popen[str]] = []

    def start(services: str, unit: str = "s") -> Desktop:
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.qt.test_presence_dbus", bus_address, services, unit],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        started.append(proc)
        assert proc.stdout is not None
        assert _read_line(proc.stdout, 20, "the fake services") == "ready"
        return Desktop(service_bus)

    yield start
    for proc in started:
        _end(proc)


# ------------------------------------------------------------------------------------ tests

from backbreak.platform.presence.compose import CompositePresence  # noqa: E402
from backbreak.platform.presence.freedesktop import FreedesktopPresence  # noqa: E402
from backbreak.platform.presence.gnome import MutterPresence  # noqa: E402
from backbreak.platform.presence.logind import LogindPresence  # noqa: E402
from backbreak.platform.presence.polling import Backoff  # noqa: E402
from backbreak.platform.presence.select import choose_presence  # noqa: E402


def test_choice_prefers_mutter_and_adds_logind(
    fake_desktop: Callable[..., Desktop], bus: QDBusConnection
) -> None:
    desktop = fake_desktop("mutter,screensaver,login1")
    monitor, notes = choose_presence(
        env={"XDG_SESSION_ID": "7", "XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"},
        platform="linux",
        session_bus=bus,
        system_bus=bus,
        qt_platform="wayland",
    )
    assert monitor.name == "gnome-mutter+logind"
    assert notes == [
        "in use: gnome-mutter+logind",
        "gnome-mutter: chosen",
        "wayland: not tried (gnome-mutter comes first)",
        "freedesktop-screensaver: not tried (gnome-mutter comes first)",
        "x11-screensaver: not an X11 session (platform wayland)",
        "windows: not Windows (platform linux)",
        "macos: not macOS (platform linux)",
        "null: not needed",
        f"logind: adds screen lock and sleep (session {SESSION_PATH})",
    ]
    assert "GetSession 7" in desktop.calls()


def test_choice_falls_back_to_the_screensaver_service(
    fake_desktop: Callable[..., Desktop], bus: QDBusConnection
) -> None:
    desktop = fake_desktop("screensaver-root,login1", unit="ms")
    monitor, notes = choose_presence(
        env={"XDG_CURRENT_DESKTOP": "KDE"},
        platform="linux",
        session_bus=bus,
        system_bus=bus,
        qt_platform="wayland",
    )
    assert monitor.name == "freedesktop-screensaver+logind"
    assert notes[1:4] == [
        "gnome-mutter: org.gnome.Mutter.IdleMonitor not on the session bus",
        "wayland: not a Wayland session (no WAYLAND_DISPLAY)",
        "freedesktop-screensaver: chosen",
    ]
    assert isinstance(monitor, CompositePresence)
    idle = monitor.idle
    assert isinstance(idle, FreedesktopPresence)
    assert idle.source.path == "/ScreenSaver"  # /org/freedesktop/ScreenSaver is not served
    assert idle.source.milliseconds
    # No XDG_SESSION_ID: the session is found by our pid (a typed uint32 call).
    assert f"GetSessionByPID {os.getpid()}" in desktop.calls()


def test_choice_says_why_a_screensaver_service_without_idle_time_is_not_used(
    fake_desktop: Callable[..., Desktop], bus: QDBusConnection
) -> None:
    fake_desktop("shield")
    _, notes = choose_presence(
        env={}, platform="linux", session_bus=bus, system_bus=bus, qt_platform="offscreen"
    )
    assert "freedesktop-screensaver: org.freedesktop.ScreenSaver not on the session bus" in notes
    assert any(n.startswith("null: chosen") for n in notes)


# -- GNOME ------------------------------------------------------------------------------


@pytest.fixture
def mutter(bus: QDBusConnection) -> Iterator[MutterPresence]:
    monitor = MutterPresence(bus)
    yield monitor
    monitor.stop()


def test_mutter_idle_watch_then_user_active_watch(
    fake_desktop: Callable[..., Desktop], mutter: MutterPresence, qtbot: QtBot
) -> None:
    desktop = fake_desktop("mutter")
    desktop("Input")
    started = time.monotonic()
    mutter.start(0.4)
    qtbot.waitUntil(lambda: desktop("WatchCount") == 1, timeout=3000)
    with qtbot.waitSignal(mutter.went_idle, timeout=3000) as went:
        pass
    assert went.args == [0.4]
    assert time.monotonic() - started >= 0.35
    # The idle watch stays; a user-active watch waits.
    qtbot.waitUntil(lambda: desktop("WatchCount") == 2, timeout=3000)

    with qtbot.waitSignal(mutter.came_back, timeout=3000):
        desktop("Input")
    # The user-active watch fired and is gone.
    qtbot.waitUntil(lambda: desktop("WatchCount") == 1, timeout=3000)

    with qtbot.waitSignal(mutter.went_idle, timeout=3000):
        pass  # the idle watch fires again after the next spell of quiet
    mutter.stop()
    qtbot.waitUntil(lambda: desktop("WatchCount") == 0, timeout=3000)  # removed asynchronously
    calls = desktop.calls()
    assert calls[:2] == ["AddIdleWatch 400", "AddUserActiveWatch"]
    assert sum(c.startswith("RemoveWatch") for c in calls) >= 2


def test_mutter_started_while_the_user_is_away(
    fake_desktop: Callable[..., Desktop], mutter: MutterPresence, qtbot: QtBot
) -> None:
    desktop = fake_desktop("mutter")
    desktop("SetIdle", 5000)
    with qtbot.waitSignal(mutter.went_idle, timeout=3000) as went:
        mutter.start(1.0)
    assert went.args is not None
    assert 5.0 <= went.args[0] < 7.0
    idle = mutter.idle_seconds()
    assert idle is not None
    assert idle >= 5.0
    with qtbot.waitSignal(mutter.came_back, timeout=3000):
        desktop("Input")
    idle = mutter.idle_seconds()
    assert idle is not None
    assert idle < 1.0


def test_mutter_outside_active_hours_holds_no_watches(
    fake_desktop: Callable[..., Desktop], mutter: MutterPresence, qtbot: QtBot
) -> None:
    desktop = fake_desktop("mutter")
    desktop("Input")
    mutter.start(0.3)
    mutter.set_active_hours(False)
    qtbot.waitUntil(lambda: desktop("WatchCount") == 0, timeout=3000)  # removed asynchronously
    with qtbot.assertNotEmitted(mutter.went_idle, wait=600):
        pass
    with qtbot.waitSignal(mutter.went_idle, timeout=3000):
        mutter.set_active_hours(True)  # quiet for 0.6 s: past the threshold at once
    qtbot.waitUntil(lambda: desktop("WatchCount") == 2, timeout=3000)


def test_mutter_adds_its_watches_again_after_a_compositor_restart(
    fake_desktop: Callable[..., Desktop], mutter: MutterPresence, qtbot: QtBot
) -> None:
    desktop = fake_desktop("mutter")
    desktop("Input")
    mutter.start(0.4)
    desktop("RestartMutter")
    qtbot.waitUntil(lambda: desktop("WatchCount") == 1, timeout=3000)
    with qtbot.waitSignal(mutter.went_idle, timeout=3000):
        pass
    assert desktop.calls().count("AddIdleWatch 400") == 2


def test_mutter_passes_on_the_shell_lock_screen(
    fake_desktop: Callable[..., Desktop], mutter: MutterPresence, qtbot: QtBot
) -> None:
    desktop = fake_desktop("mutter,shield")
    mutter.start(60)
    with qtbot.waitSignal(mutter.lock_changed, timeout=3000) as lock:
        desktop("SetShield", True)
    assert lock.args == [True]
    with qtbot.waitSignal(mutter.lock_changed, timeout=3000) as lock:
        desktop("SetShield", False)
    assert lock.args == [False]


# -- org.freedesktop.ScreenSaver ------------------------------------------------------------


def test_screensaver_polling_idle_return_and_lock(
    fake_desktop: Callable[..., Desktop], bus: QDBusConnection, qtbot: QtBot
) -> None:
    desktop = fake_desktop("screensaver", unit="s")
    monitor = FreedesktopPresence(bus, milliseconds=False, backoff=Backoff((), 0.2))
    try:
        desktop("SetIdle", 10_000)
        with qtbot.waitSignal(monitor.went_idle, timeout=3000) as went:
            monitor.start(5)
        assert went.args == [10.0]  # whole seconds, as the service reports them
        assert monitor.source.path == "/org/freedesktop/ScreenSaver"
        with qtbot.waitSignal(monitor.came_back, timeout=3000):
            desktop("Input")
        with qtbot.waitSignal(monitor.lock_changed, timeout=3000) as lock:
            desktop("SetActive", True)
        assert lock.args == [True]
        with qtbot.waitSignal(monitor.lock_changed, timeout=3000) as lock:
            desktop("SetActive", False)
        assert lock.args == [False]
    finally:
        monitor.stop()


def test_screensaver_in_milliseconds(
    fake_desktop: Callable[..., Desktop], bus: QDBusConnection
) -> None:
    desktop = fake_desktop("screensaver", unit="ms")
    monitor = FreedesktopPresence(bus, env={"XDG_CURRENT_DESKTOP": "KDE"})
    try:
        desktop("SetIdle", 42_000)
        monitor.start(120)
        idle = monitor.idle_seconds()
        assert idle is not None
        assert 42.0 <= idle < 44.0
    finally:
        monitor.stop()


# -- logind ------------------------------------------------------------------------------


@pytest.fixture
def logind(bus: QDBusConnection) -> Iterator[LogindPresence]:
    monitor = LogindPresence(bus, env={"XDG_SESSION_ID": "7"})
    yield monitor
    monitor.stop()


def test_logind_sleep_and_resume(
    fake_desktop: Callable[..., Desktop], logind: LogindPresence, qtbot: QtBot
) -> None:
    desktop = fake_desktop("login1")
    logind.start(120)
    with qtbot.waitSignal(logind.sleep_changed, timeout=3000) as sleep:
        desktop("Sleep", True)
    assert sleep.args == [True]
    with qtbot.waitSignal(logind.sleep_changed, timeout=3000) as sleep:
        desktop("Sleep", False)
    assert sleep.args == [False]


def test_logind_locked_hint(
    fake_desktop: Callable[..., Desktop], logind: LogindPresence, qtbot: QtBot
) -> None:
    desktop = fake_desktop("login1")
    logind.start(120)
    assert logind.session_path == SESSION_PATH
    qtbot.waitUntil(lambda: logind.locked_hint() is False, timeout=3000)
    with qtbot.waitSignal(logind.lock_changed, timeout=3000) as lock:
        desktop("SetLocked", True, False)
    assert lock.args == [True]
    with qtbot.assertNotEmitted(logind.lock_changed, wait=300):
        desktop("OtherPropertyChanged", "org.freedesktop.login1.Session")
        desktop("OtherPropertyChanged", "org.freedesktop.login1.User")
    with qtbot.waitSignal(logind.lock_changed, timeout=3000) as lock:
        desktop("SetLocked", False, True)  # only "invalidated": the value is asked for again
    assert lock.args == [False]


def test_logind_stop_unsubscribes(
    fake_desktop: Callable[..., Desktop], logind: LogindPresence, qtbot: QtBot
) -> None:
    desktop = fake_desktop("login1")
    logind.start(120)
    logind.stop()
    with (
        qtbot.assertNotEmitted(logind.sleep_changed, wait=300),
        qtbot.assertNotEmitted(logind.lock_changed, wait=0),
    ):
        desktop("Sleep", True)
        desktop("SetLocked", True, False)


# -- all together ------------------------------------------------------------------------------


def test_chosen_monitor_idle_lock_and_return(
    fake_desktop: Callable[..., Desktop], bus: QDBusConnection, qtbot: QtBot
) -> None:
    desktop = fake_desktop("mutter,login1")
    monitor, _ = choose_presence(
        env={"XDG_SESSION_ID": "7"},
        platform="linux",
        session_bus=bus,
        system_bus=bus,
        qt_platform="wayland",
    )
    try:
        desktop("Input")
        monitor.start(0.3)
        with qtbot.waitSignal(monitor.went_idle, timeout=3000):
            pass
        with qtbot.waitSignal(monitor.lock_changed, timeout=3000):
            desktop("SetLocked", True, False)
        with qtbot.assertNotEmitted(monitor.came_back, wait=300):
            desktop("Input")  # typing the password: not back yet
        with qtbot.waitSignals([monitor.lock_changed, monitor.came_back], timeout=3000):
            desktop("SetLocked", False, False)
        with qtbot.waitSignal(monitor.sleep_changed, timeout=3000):
            desktop("Sleep", True)
        with qtbot.waitSignal(monitor.came_back, timeout=3000):
            desktop("Sleep", False)
    finally:
        monitor.stop()


if __name__ == "__main__":
    serve(*sys.argv[1:4])
