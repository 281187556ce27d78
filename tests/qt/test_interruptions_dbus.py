"""The do-not-disturb sources against fake desktop services on a private D-Bus bus.

Each test gets its own ``dbus-daemon`` with a minimal configuration (no activatable services,
so nothing real is ever started) and two connections to it: one for the fakes, one for the
source under test. The fakes are QtDBus virtual objects in the test process. GNOME's gsettings
fallback runs a fake ``gsettings`` script; one test runs it against the real ``gsettings`` and
a real, bus-activated ``dconf-service`` where those are installed.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtDBus import (
    QDBusConnection,
    QDBusMessage,
    QDBusObjectPath,
    QDBusPendingCallWatcher,
    QDBusVariant,
)
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from backbreak.platform.interruptions import (
    FreedesktopInhibitSource,
    GnomeDoNotDisturbSource,
    GnomeInhibitSource,
    InterruptionSource,
    KdeDoNotDisturbSource,
    KdePolicyAgentSource,
    SessionInhibitSource,
    choose_interruption_sources,
)
from backbreak.platform.interruptions.dnd import VIA_GSETTINGS, VIA_PORTAL
from tests.buses import connection, private_bus
from tests.qt.dbus_fakes import (
    INVALID_ARGS,
    QUIET_MS,
    SIGNAL_MS,
    DBusError,
    FakeObject,
    Handler,
    emit,
    keep,
    string_array,
)

NOTIFICATIONS = "org.freedesktop.Notifications"
NOTIFICATIONS_PATH = "/org/freedesktop/Notifications"
PROPERTIES = "org.freedesktop.DBus.Properties"
PORTAL = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
PORTAL_SETTINGS = "org.freedesktop.portal.Settings"
DCONF = "ca.desrt.dconf"
DCONF_PATH = "/ca/desrt/dconf/Writer/user"
DCONF_WRITER = "ca.desrt.dconf.Writer"
SCHEMA, KEY = "org.gnome.desktop.notifications", "show-banners"
KEY_PATH = "/org/gnome/desktop/notifications/show-banners"

# ---------------------------------------------------------------------------------- the bus


Start = Callable[[InterruptionSource], None]


@pytest.fixture
def started(client_bus: QDBusConnection) -> Iterator[Start]:
    """Start a source; every source started this way is stopped before the bus goes."""
    sources: list[InterruptionSource] = []

    def start(source: InterruptionSource) -> None:
        sources.append(source)
        source.start()

    yield start
    for source in sources:
        source.stop()


# ---------------------------------------------------------------------------------- fakes


class FakeNotificationServer:
    """Plasma's notification server as far as ``Inhibited`` goes."""

    def __init__(self, bus: QDBusConnection, *, has_inhibited: bool = True) -> None:
        self.bus = bus
        self.inhibited = False
        self.has_inhibited = has_inhibited
        self.object = FakeObject({"Get": self._get})
        assert bus.registerVirtualObject(NOTIFICATIONS_PATH, self.object)

    def appear(self) -> None:
        assert self.bus.registerService(NOTIFICATIONS)

    def vanish(self) -> None:
        assert self.bus.unregisterService(NOTIFICATIONS)

    def _get(self, args: list[object]) -> QDBusVariant | DBusError:
        if args == [NOTIFICATIONS, "Inhibited"] and self.has_inhibited:
            return QDBusVariant(self.inhibited)
        return DBusError("org.freedesktop.DBus.Error.UnknownProperty", f"no property {args}")

    def set_inhibited(self, value: bool, interface: str = NOTIFICATIONS) -> None:
        self.inhibited = value
        changed = {"Inhibited": QDBusVariant(value)}
        emit(self.bus, NOTIFICATIONS_PATH, PROPERTIES, "PropertiesChanged",
             [interface, changed, string_array()])  # fmt: skip

    @property
    def gets(self) -> int:
        return self.object.count("Get")


class FakePortal:
    """The settings portal; ``publishes`` says which (schema, key) values it knows."""

    def __init__(
        self,
        bus: QDBusConnection,
        publishes: dict[tuple[str, str], bool] | None = None,
        *,
        version: int = 2,
    ) -> None:
        self.bus = bus
        self.values = dict(publishes or {})
        handlers: dict[str, Handler] = {"Read": self._read}
        if version >= 2:
            handlers["ReadOne"] = self._read
        self.object = FakeObject(handlers)
        assert bus.registerVirtualObject(PORTAL_PATH, self.object)
        assert bus.registerService(PORTAL)

    def _read(self, args: list[object]) -> QDBusVariant | DBusError:
        key = (str(args[0]), str(args[1]))
        if key not in self.values:
            return DBusError("org.freedesktop.portal.Error.NotFound", "Requested setting not found")
        return QDBusVariant(self.values[key])

    def change(self, schema: str, key: str, value: bool) -> None:
        self.values[(schema, key)] = value
        emit(self.bus, PORTAL_PATH, PORTAL_SETTINGS, "SettingChanged",
             [schema, key, QDBusVariant(value)])  # fmt: skip


class FakeDconf:
    """dconf-service as far as its change signal goes."""

    def __init__(self, bus: QDBusConnection) -> None:
        self.bus = bus
        assert bus.registerService(DCONF)

    def notify(self, prefix: str, changes: list[str]) -> None:
        emit(self.bus, DCONF_PATH, DCONF_WRITER, "Notify",
             [prefix, changes or string_array(), "tag"])  # fmt: skip


class FakeGsettings:
    """A ``gsettings`` stand-in that logs each run and prints the value it is given."""

    def __init__(self, root: Path, value: str = "true") -> None:
        root.mkdir(parents=True, exist_ok=True)
        self.value_file, self.log, self.failure = root / "value", root / "calls", root / "fail"
        self.value_file.write_text(value + "\n")
        self.path = root / "gsettings"
        self.path.write_text(
            "#!/bin/sh\n"
            f"printf '%s\\n' \"$*\" >> '{self.log}'\n"
            f"if [ -f '{self.failure}' ]; then cat '{self.failure}' >&2; exit 1; fi\n"
            f"cat '{self.value_file}'\n"
        )
        self.path.chmod(self.path.stat().st_mode | stat.S_IXUSR)

    @property
    def command(self) -> tuple[str]:
        return (str(self.path),)

    def set(self, value: str) -> None:
        self.value_file.write_text(value + "\n")

    def fail(self, message: str) -> None:
        self.failure.write_text(message + "\n")

    def calls(self) -> list[str]:
        return self.log.read_text().splitlines() if self.log.exists() else []


@pytest.fixture
def gsettings(tmp_path: Path) -> FakeGsettings:
    return FakeGsettings(tmp_path / "gsettings")


# ---------------------------------------------------------------------------------- KDE


def test_kde_inhibited_at_start_makes_the_source_active(
    service_bus: QDBusConnection, client_bus: QDBusConnection, started: Start, qtbot: QtBot
) -> None:
    server = FakeNotificationServer(service_bus)
    server.inhibited = True
    server.appear()
    source = KdeDoNotDisturbSource(client_bus)
    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        started(source)
    assert blocker.args == [True]
    assert source.problem is None
    with qtbot.waitSignal(source.changed, timeout=0) as blocker:
        source.stop()
    assert blocker.args == [False]


def test_kde_follows_properties_changed(
    service_bus: QDBusConnection, client_bus: QDBusConnection, started: Start, qtbot: QtBot
) -> None:
    server = FakeNotificationServer(service_bus)
    server.appear()
    source = KdeDoNotDisturbSource(client_bus)
    started(source)
    qtbot.waitUntil(lambda: server.gets == 1, timeout=SIGNAL_MS)

    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        server.set_inhibited(True)
    assert blocker.args == [True]
    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        server.set_inhibited(False)
    assert blocker.args == [False]
    assert server.gets == 3  # one read at start, one per change


def test_kde_ignores_property_changes_of_other_interfaces(
    service_bus: QDBusConnection, client_bus: QDBusConnection, started: Start, qtbot: QtBot
) -> None:
    server = FakeNotificationServer(service_bus)
    server.appear()
    source = KdeDoNotDisturbSource(client_bus)
    started(source)
    qtbot.waitUntil(lambda: server.gets == 1, timeout=SIGNAL_MS)

    # The value changes but only another interface says so: no read. Then the right one.
    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        server.set_inhibited(True, interface="org.kde.NotificationManager")
        server.set_inhibited(True)
    assert blocker.args == [True]
    qtbot.wait(QUIET_MS)
    assert server.gets == 2


def test_kde_server_starting_later_and_going_away(
    service_bus: QDBusConnection, client_bus: QDBusConnection, started: Start, qtbot: QtBot
) -> None:
    server = FakeNotificationServer(service_bus)
    server.inhibited = True
    source = KdeDoNotDisturbSource(client_bus)
    started(source)
    qtbot.waitUntil(lambda: source.problem is None and source.started(), timeout=SIGNAL_MS)
    assert not source.active()  # no server: nothing inhibited, and no error either

    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        server.appear()
    assert blocker.args == [True]
    assert source.problem is None

    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        server.vanish()
    assert blocker.args == [False]

    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        server.appear()  # a restarted server is read again
    assert blocker.args == [True]

    # Stopped, it asks nothing any more, whatever the server does.
    source.stop()
    gets = server.gets
    server.set_inhibited(False)
    server.vanish()
    server.appear()
    qtbot.wait(QUIET_MS)
    assert server.gets == gets
    assert not source.active()


def test_kde_server_without_inhibited_is_a_problem_not_a_crash(
    service_bus: QDBusConnection, client_bus: QDBusConnection, started: Start, qtbot: QtBot
) -> None:
    server = FakeNotificationServer(service_bus, has_inhibited=False)
    server.appear()
    source = KdeDoNotDisturbSource(client_bus)
    started(source)
    qtbot.waitUntil(lambda: source.problem is not None, timeout=SIGNAL_MS)
    assert "UnknownProperty" in (source.problem or "")
    assert not source.active()


def test_kde_without_a_bus_connection_is_a_problem(no_bus: QDBusConnection) -> None:
    source = KdeDoNotDisturbSource(no_bus)
    source.start()
    assert source.problem == "no D-Bus session bus"
    assert not source.active()
    source.stop()


# ---------------------------------------------------------------------------------- GNOME


def test_gnome_through_the_settings_portal(
    service_bus: QDBusConnection,
    client_bus: QDBusConnection,
    started: Start,
    gsettings: FakeGsettings,
    qtbot: QtBot,
) -> None:
    portal = FakePortal(service_bus, {(SCHEMA, KEY): False})
    source = GnomeDoNotDisturbSource(client_bus, gsettings=gsettings.command)
    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        started(source)
    assert blocker.args == [True]  # banners hidden = do not disturb
    assert source.via == VIA_PORTAL
    assert portal.object.calls == [("ReadOne", [SCHEMA, KEY])]

    # Another key (even of the same schema) changing means nothing; then banners come back.
    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        portal.change(SCHEMA, "show-in-lock-screen", True)
        portal.change("org.gnome.desktop.interface", KEY, True)
        portal.change(SCHEMA, KEY, True)
    assert blocker.args == [False]

    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        portal.change(SCHEMA, KEY, False)
    assert blocker.args == [True]
    assert gsettings.calls() == []  # no process at all
    assert len(portal.object.calls) == 1  # and no reads beyond the first


def test_gnome_a_changed_handler_may_stop_the_source(
    service_bus: QDBusConnection,
    client_bus: QDBusConnection,
    started: Start,
    gsettings: FakeGsettings,
    qtbot: QtBot,
) -> None:
    """The change arrives inside the signal subscription that the stop takes down."""
    portal = FakePortal(service_bus, {(SCHEMA, KEY): True})
    source = GnomeDoNotDisturbSource(client_bus, gsettings=gsettings.command)
    started(source)
    qtbot.waitUntil(lambda: source.via == VIA_PORTAL, timeout=SIGNAL_MS)
    seen: list[bool] = []

    def on_changed(value: bool) -> None:
        seen.append(value)
        if value:
            source.stop()

    source.changed.connect(on_changed)
    portal.change(SCHEMA, KEY, False)
    qtbot.waitUntil(lambda: not source.started(), timeout=SIGNAL_MS)
    assert seen == [True, False]
    portal.change(SCHEMA, KEY, True)  # nobody listens any more
    qtbot.wait(QUIET_MS)
    assert seen == [True, False]


def test_gnome_through_a_portal_older_than_version_2(
    service_bus: QDBusConnection,
    client_bus: QDBusConnection,
    started: Start,
    gsettings: FakeGsettings,
    qtbot: QtBot,
) -> None:
    portal = FakePortal(service_bus, {(SCHEMA, KEY): False}, version=1)
    source = GnomeDoNotDisturbSource(client_bus, gsettings=gsettings.command)
    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        started(source)
    assert blocker.args == [True]
    assert [member for member, _ in portal.object.calls] == ["ReadOne", "Read"]
    assert source.via == VIA_PORTAL
    assert gsettings.calls() == []


@pytest.mark.parametrize("portal_present", [True, False], ids=["portal-without-key", "no-portal"])
def test_gnome_falls_back_to_gsettings_on_dconf_change_signals(
    portal_present: bool,
    service_bus: QDBusConnection,
    client_bus: QDBusConnection,
    started: Start,
    gsettings: FakeGsettings,
    qtbot: QtBot,
) -> None:
    if portal_present:
        FakePortal(service_bus, {("org.freedesktop.appearance", "color-scheme"): True})
    dconf = FakeDconf(service_bus)
    gsettings.set("false")
    source = GnomeDoNotDisturbSource(client_bus, gsettings=gsettings.command)
    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        started(source)
    assert blocker.args == [True]
    assert source.via == VIA_GSETTINGS
    assert gsettings.calls() == [f"get {SCHEMA} {KEY}"]

    # Changes elsewhere in dconf run nothing; a change of the key runs gsettings once.
    gsettings.set("true")
    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        dconf.notify("/org/gnome/desktop/interface/", ["color-scheme", "gtk-theme"])
        dconf.notify("/org/gnome/desktop/notifications/show-banners-extra", [])
        dconf.notify(KEY_PATH, [])
    assert blocker.args == [False]
    assert len(gsettings.calls()) == 2

    # A key in a list of changes, and a whole directory reset, count too.
    gsettings.set("false")
    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        dconf.notify("/org/gnome/desktop/notifications/", ["application-children", "show-banners"])
    assert blocker.args == [True]
    gsettings.set("true")
    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        dconf.notify("/org/gnome/", [""])
    assert blocker.args == [False]
    qtbot.wait(QUIET_MS)
    assert len(gsettings.calls()) == 4  # never polled


def test_gnome_gsettings_mode_reads_again_when_watching_resumes(
    service_bus: QDBusConnection,
    client_bus: QDBusConnection,
    started: Start,
    gsettings: FakeGsettings,
    qtbot: QtBot,
) -> None:
    source = GnomeDoNotDisturbSource(client_bus, gsettings=gsettings.command)
    started(source)
    qtbot.waitUntil(lambda: source.via == VIA_GSETTINGS and len(gsettings.calls()) == 1)
    source.set_watching(False)
    gsettings.set("false")  # missed: no bus signal came (no dconf here)
    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        source.set_watching(True)
    assert blocker.args == [True]
    assert len(gsettings.calls()) == 2


def test_gnome_without_a_session_bus_uses_gsettings_alone(
    qapp: QApplication, gsettings: FakeGsettings, qtbot: QtBot
) -> None:
    gsettings.set("false")
    source = GnomeDoNotDisturbSource(None, gsettings=gsettings.command)
    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        source.start()
    assert blocker.args == [True]
    assert source.via == VIA_GSETTINGS
    source.stop()


def test_gnome_gsettings_failing_or_missing_is_a_problem(
    qapp: QApplication, gsettings: FakeGsettings, tmp_path: Path, qtbot: QtBot
) -> None:
    gsettings.fail("No such schema “org.gnome.desktop.notifications”")
    source = GnomeDoNotDisturbSource(None, gsettings=gsettings.command)
    source.start()
    qtbot.waitUntil(lambda: source.problem is not None, timeout=SIGNAL_MS)
    assert "No such schema" in (source.problem or "")
    assert not source.active()
    source.stop()

    missing = GnomeDoNotDisturbSource(None, gsettings=(str(tmp_path / "no-such-gsettings"),))
    missing.start()
    qtbot.waitUntil(lambda: missing.problem is not None, timeout=SIGNAL_MS)
    assert "cannot run" in (missing.problem or "")
    missing.stop()


# ---------------------------------------------------------------------------------- real dconf


def _dconf_service_file() -> Path | None:
    data_dirs = os.environ.get("XDG_DATA_DIRS", "/usr/local/share:/usr/share").split(":")
    for directory in data_dirs:
        candidate = Path(directory) / "dbus-1" / "services" / "ca.desrt.dconf.service"
        if candidate.is_file():
            return candidate
    return None


def test_gnome_against_real_gsettings_and_dconf_service(
    qapp: QApplication, tmp_path: Path, qtbot: QtBot
) -> None:
    """The fallback path end to end: ``gsettings set`` writes through a bus-activated
    dconf-service, whose Notify signal makes the source run the real ``gsettings get``."""
    service_file = _dconf_service_file()
    real_gsettings = shutil.which("gsettings")
    if service_file is None or real_gsettings is None:
        pytest.skip("needs gsettings and dconf-service (Debian: libglib2.0-bin, dconf-service)")
    schemas = subprocess.run(
        [real_gsettings, "list-schemas"], capture_output=True, text=True, check=False
    ).stdout.split()
    if SCHEMA not in schemas:
        pytest.skip(f"the {SCHEMA} schema is not installed (gsettings-desktop-schemas)")

    home = tmp_path / "home"
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = {
        "PATH": os.environ.get("PATH", os.defpath),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_RUNTIME_DIR": str(runtime),
        "GSETTINGS_BACKEND": "dconf",
    }
    services = tmp_path / "services"
    services.mkdir()
    shutil.copy(service_file, services / service_file.name)

    with (
        private_bus(tmp_path / "dbus", services=services, env=env) as address,
        connection(address) as bus,
    ):
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        command = ("env", *(f"{k}={v}" for k, v in env.items()), real_gsettings)

        def gsettings_set(value: str) -> None:
            subprocess.run(
                [*command, "set", SCHEMA, KEY, value], check=True, capture_output=True, timeout=30
            )

        source = GnomeDoNotDisturbSource(bus, gsettings=command)
        source.start()
        try:
            qtbot.waitUntil(lambda: source.via == VIA_GSETTINGS, timeout=SIGNAL_MS)
            qtbot.wait(QUIET_MS)  # let the first read finish: it finds the default (true)
            assert source.problem is None, source.problem
            assert not source.active()

            with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
                gsettings_set("false")
            assert blocker.args == [True]
            with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
                gsettings_set("true")
            assert blocker.args == [False]
        finally:
            source.stop()


# ---------------------------------------------------------------------------------- choosing


def test_choose_on_kde_and_gnome_with_a_session_bus(client_bus: QDBusConnection) -> None:
    kde, lines = choose_interruption_sources(
        fullscreen=False,
        calls=False,
        env={"XDG_CURRENT_DESKTOP": "KDE"},
        platform="linux",
        session_bus=client_bus,
    )
    assert [type(s) for s in kde] == [KdeDoNotDisturbSource]
    assert lines[1].startswith("do-not-disturb: KDE Plasma")

    gnome, lines = choose_interruption_sources(
        fullscreen=False,
        calls=False,
        env={"XDG_CURRENT_DESKTOP": "ubuntu:GNOME", "PATH": os.defpath},
        platform="linux",
        session_bus=client_bus,
    )
    assert [type(s) for s in gnome] == [GnomeDoNotDisturbSource]
    assert "settings portal" in lines[1]
    assert "dconf change signal" in lines[1]


# ---------------------------------------------------------------------------------- calls

SESSION_MANAGER = "org.gnome.SessionManager"
SESSION_MANAGER_PATH = "/org/gnome/SessionManager"
POWER_INHIBIT = "org.freedesktop.PowerManagement.Inhibit"
POWER_INHIBIT_PATH = "/org/freedesktop/PowerManagement/Inhibit"
IDLE, SUSPEND = 8, 4


class FakeSessionManager:
    """gnome-session as far as inhibitors go: ``InhibitedActions`` is the OR of the flags of
    the inhibitors; adding or removing one emits ``InhibitorAdded``/``InhibitorRemoved`` and
    ``PropertiesChanged``, as gnome-session's generated skeleton does."""

    def __init__(self, bus: QDBusConnection) -> None:
        self.bus = bus
        self.inhibitors: dict[int, int] = {}
        self.next_cookie = 1
        self.object = FakeObject({"Get": self._get}, {"Get": "ss"})
        assert bus.registerVirtualObject(SESSION_MANAGER_PATH, self.object)

    def appear(self) -> None:
        assert self.bus.registerService(SESSION_MANAGER)

    def vanish(self) -> None:
        assert self.bus.unregisterService(SESSION_MANAGER)

    @property
    def flags(self) -> int:
        value = 0
        for flags in self.inhibitors.values():
            value |= flags
        return value

    def _get(self, args: list[object]) -> QDBusVariant | DBusError:
        if args == [SESSION_MANAGER, "InhibitedActions"]:
            return QDBusVariant(self.flags)
        return DBusError("org.freedesktop.DBus.Error.UnknownProperty", f"no property {args}")

    def inhibit(self, flags: int, *, signals: bool = True) -> int:
        cookie, self.next_cookie = self.next_cookie, self.next_cookie + 1
        self.inhibitors[cookie] = flags
        if signals:
            self._announce("InhibitorAdded", cookie)
        return cookie

    def uninhibit(self, cookie: int, *, signals: bool = True) -> None:
        del self.inhibitors[cookie]
        if signals:
            self._announce("InhibitorRemoved", cookie)

    def _announce(self, member: str, cookie: int) -> None:
        path = QDBusObjectPath(f"/org/gnome/SessionManager/Inhibitor{cookie}")
        emit(self.bus, SESSION_MANAGER_PATH, SESSION_MANAGER, member, [path])
        self.properties_changed()

    def properties_changed(self, interface: str = SESSION_MANAGER) -> None:
        changed = {"InhibitedActions": QDBusVariant(self.flags)}
        emit(self.bus, SESSION_MANAGER_PATH, PROPERTIES, "PropertiesChanged",
             [interface, changed, string_array()])  # fmt: skip

    @property
    def gets(self) -> int:
        return self.object.count("Get")


class FakePowerInhibit:
    """``org.freedesktop.PowerManagement.Inhibit`` (powerdevil, xfce4-power-manager)."""

    def __init__(self, bus: QDBusConnection) -> None:
        self.bus = bus
        self.cookies: set[int] = set()
        self.next_cookie = 1
        self.object = FakeObject({"HasInhibit": self._has_inhibit}, {"HasInhibit": ""})
        assert bus.registerVirtualObject(POWER_INHIBIT_PATH, self.object)

    def appear(self) -> None:
        assert self.bus.registerService(POWER_INHIBIT)

    def vanish(self) -> None:
        assert self.bus.unregisterService(POWER_INHIBIT)

    def _has_inhibit(self, _args: list[object]) -> object:
        return bool(self.cookies)

    def inhibit(self) -> int:
        cookie, self.next_cookie = self.next_cookie, self.next_cookie + 1
        before = bool(self.cookies)
        self.cookies.add(cookie)
        if not before:
            emit(self.bus, POWER_INHIBIT_PATH, POWER_INHIBIT, "HasInhibitChanged", [True])
        return cookie

    def uninhibit(self, cookie: int) -> None:
        self.cookies.discard(cookie)
        if not self.cookies:
            emit(self.bus, POWER_INHIBIT_PATH, POWER_INHIBIT, "HasInhibitChanged", [False])

    @property
    def asks(self) -> int:
        return self.object.count("HasInhibit")


POLICY_AGENT = "org.kde.Solid.PowerManagement.PolicyAgent"
POLICY_AGENT_PATH = "/org/kde/Solid/PowerManagement/PolicyAgent"


class FakePolicyAgent:
    """powerdevil's PolicyAgent: inhibitions by policy bits, ``HasInhibition(u)``."""

    def __init__(self, bus: QDBusConnection) -> None:
        self.bus = bus
        self.held: dict[int, int] = {}  # cookie -> policies
        self.next_cookie = 1
        self.asked: list[int] = []
        self.object = FakeObject({"HasInhibition": self._has}, {"HasInhibition": "u"})
        assert bus.registerVirtualObject(POLICY_AGENT_PATH, self.object)
        assert bus.registerService(POLICY_AGENT)

    def _has(self, args: list[object]) -> object:
        types = int(str(args[0]))
        self.asked.append(types)
        return any(policies & types for policies in self.held.values())

    def add(self, policies: int) -> int:
        cookie, self.next_cookie = self.next_cookie, self.next_cookie + 1
        self.held[cookie] = policies
        emit(self.bus, POLICY_AGENT_PATH, POLICY_AGENT, "InhibitionsChanged",
             [[["firefox", "Playing video"]], string_array()])  # fmt: skip
        return cookie

    def release(self, cookie: int) -> None:
        del self.held[cookie]
        emit(self.bus, POLICY_AGENT_PATH, POLICY_AGENT, "InhibitionsChanged",
             [[], [str(cookie)]])  # fmt: skip


def test_kde_calls_count_apps_keeping_the_screen_on(
    service_bus: QDBusConnection, client_bus: QDBusConnection, started: Start, qtbot: QtBot
) -> None:
    agent = FakePolicyAgent(service_bus)
    agent.add(2)  # ChangeProfile only: not an app needing the user's attention
    source = KdePolicyAgentSource(client_bus)
    started(source)
    qtbot.waitUntil(lambda: len(agent.asked) == 1, timeout=SIGNAL_MS)
    assert agent.asked == [5]  # typed uint32, as powerdevil insists: the call went through
    assert not source.active()
    assert source.problem is None

    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        video = agent.add(4)  # a browser playing video keeps the screen on
    assert blocker.args == [True]
    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        agent.release(video)
    assert blocker.args == [False]
    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        agent.add(1)  # an app keeping the session from sleeping
    assert blocker.args == [True]


def test_the_fakes_refuse_wrongly_typed_calls(
    service_bus: QDBusConnection, client_bus: QDBusConnection, qtbot: QtBot
) -> None:
    """Like the real services: a fake that took anything would let a wrong call pass."""
    FakeSessionManager(service_bus).appear()
    FakePowerInhibit(service_bus).appear()
    replies: list[QDBusMessage] = []

    def call(service: str, path: str, interface: str, member: str, args: list[object]) -> None:
        message = QDBusMessage.createMethodCall(service, path, interface, member)
        message.setArguments(args)
        watcher = QDBusPendingCallWatcher(client_bus.asyncCall(message, SIGNAL_MS))
        keep(watcher)
        watcher.finished.connect(lambda *_: replies.append(watcher.reply()))

    call(SESSION_MANAGER, SESSION_MANAGER_PATH, PROPERTIES, "Get", [SESSION_MANAGER, 8])
    call(POWER_INHIBIT, POWER_INHIBIT_PATH, POWER_INHIBIT, "HasInhibit", [True])
    call(SESSION_MANAGER, SESSION_MANAGER_PATH, PROPERTIES, "Get",
         [SESSION_MANAGER, "InhibitedActions"])  # fmt: skip
    qtbot.waitUntil(lambda: len(replies) == 3, timeout=SIGNAL_MS)
    assert [reply.errorName() for reply in replies[:2]] == [INVALID_ARGS, INVALID_ARGS]
    assert replies[2].type() == QDBusMessage.MessageType.ReplyMessage


def test_gnome_calls_follow_idle_inhibitors(
    service_bus: QDBusConnection, client_bus: QDBusConnection, started: Start, qtbot: QtBot
) -> None:
    manager = FakeSessionManager(service_bus)
    manager.appear()
    source = GnomeInhibitSource(client_bus)
    started(source)
    qtbot.waitUntil(lambda: manager.gets == 1, timeout=SIGNAL_MS)
    assert not source.active()
    assert source.name == "calls"

    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        call = manager.inhibit(IDLE | SUSPEND)
    assert blocker.args == [True]
    assert source.problem is None
    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        manager.uninhibit(call)
    assert blocker.args == [False]

    # Only keeping the computer from sleeping (a download, a copy) holds nothing.
    gets = manager.gets
    download = manager.inhibit(SUSPEND)
    qtbot.waitUntil(lambda: manager.gets > gets, timeout=SIGNAL_MS)
    qtbot.wait(QUIET_MS)
    assert not source.active()

    # Two idle inhibitors: the prompt is held until the last one goes.
    first, second = manager.inhibit(IDLE), manager.inhibit(IDLE)
    qtbot.waitUntil(source.active, timeout=SIGNAL_MS)
    manager.uninhibit(first)
    manager.uninhibit(download)
    gets = manager.gets
    qtbot.waitUntil(lambda: manager.gets >= gets + 1, timeout=SIGNAL_MS)
    qtbot.wait(QUIET_MS)
    assert source.active()
    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        manager.uninhibit(second)
    assert blocker.args == [False]


def test_gnome_calls_follow_properties_changed_alone(
    service_bus: QDBusConnection, client_bus: QDBusConnection, started: Start, qtbot: QtBot
) -> None:
    manager = FakeSessionManager(service_bus)
    manager.appear()
    source = GnomeInhibitSource(client_bus)
    started(source)
    qtbot.waitUntil(lambda: manager.gets == 1, timeout=SIGNAL_MS)

    manager.inhibit(IDLE, signals=False)
    manager.properties_changed(interface="org.gnome.SessionManager.Presence")  # not ours
    qtbot.wait(QUIET_MS)
    assert manager.gets == 1
    assert not source.active()
    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        manager.properties_changed()
    assert blocker.args == [True]


def test_gnome_calls_follow_the_session_manager_coming_and_going(
    service_bus: QDBusConnection, client_bus: QDBusConnection, started: Start, qtbot: QtBot
) -> None:
    manager = FakeSessionManager(service_bus)
    manager.inhibit(IDLE)
    source = GnomeInhibitSource(client_bus)
    started(source)
    qtbot.waitUntil(lambda: source.problem is not None, timeout=SIGNAL_MS)
    assert "org.gnome.SessionManager is not running" in (source.problem or "")
    assert not source.active()

    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        manager.appear()
    assert blocker.args == [True]
    assert source.problem is None

    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        manager.vanish()
    assert blocker.args == [False]
    assert source.problem is not None

    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        manager.appear()
    assert blocker.args == [True]

    source.stop()
    gets = manager.gets
    manager.inhibit(IDLE)
    manager.vanish()
    manager.appear()
    qtbot.wait(QUIET_MS)
    assert manager.gets == gets
    assert not source.active()


def test_gnome_calls_an_odd_answer_is_a_problem(
    service_bus: QDBusConnection, client_bus: QDBusConnection, started: Start, qtbot: QtBot
) -> None:
    manager = FakeSessionManager(service_bus)
    manager.object.handlers["Get"] = lambda _args: QDBusVariant("idle")
    manager.appear()
    source = GnomeInhibitSource(client_bus)
    started(source)
    qtbot.waitUntil(lambda: source.problem is not None, timeout=SIGNAL_MS)
    assert "answered" in (source.problem or "")
    assert not source.active()


def test_freedesktop_calls_follow_has_inhibit_changed(
    service_bus: QDBusConnection, client_bus: QDBusConnection, started: Start, qtbot: QtBot
) -> None:
    power = FakePowerInhibit(service_bus)
    power.appear()
    source = FreedesktopInhibitSource(client_bus)
    started(source)
    qtbot.waitUntil(lambda: power.asks == 1, timeout=SIGNAL_MS)
    assert not source.active()
    assert source.problem is None

    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        first = power.inhibit()
    assert blocker.args == [True]
    second = power.inhibit()  # no signal: the state stays
    power.uninhibit(first)
    qtbot.wait(QUIET_MS)
    assert source.active()
    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        power.uninhibit(second)
    assert blocker.args == [False]
    assert power.asks == 3  # one read at start, one per signal


def test_freedesktop_calls_without_the_service_then_with_it(
    service_bus: QDBusConnection, client_bus: QDBusConnection, started: Start, qtbot: QtBot
) -> None:
    power = FakePowerInhibit(service_bus)
    power.inhibit()
    source = FreedesktopInhibitSource(client_bus)
    started(source)
    qtbot.waitUntil(lambda: source.problem is not None, timeout=SIGNAL_MS)
    assert POWER_INHIBIT in (source.problem or "")
    assert not source.active()

    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        power.appear()
    assert blocker.args == [True]
    assert source.problem is None
    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        power.vanish()
    assert blocker.args == [False]


def test_calls_without_a_bus_connection_is_a_problem(no_bus: QDBusConnection) -> None:
    for source in (GnomeInhibitSource(no_bus), FreedesktopInhibitSource(no_bus)):
        source.start()
        assert source.problem == "no D-Bus session bus"
        assert not source.active()
        source.stop()


def choose_calls(
    bus: QDBusConnection, env: dict[str, str], platform: str = "linux", *, calls: bool = True
) -> tuple[list[InterruptionSource], list[str]]:
    return choose_interruption_sources(
        False, False, calls, env=env, platform=platform, session_bus=bus
    )


def test_choose_calls_by_desktop_and_by_bus(
    service_bus: QDBusConnection, client_bus: QDBusConnection
) -> None:
    sources, lines = choose_calls(client_bus, {"XDG_CURRENT_DESKTOP": "ubuntu:GNOME"})
    assert [type(s) for s in sources] == [GnomeInhibitSource]
    assert lines[2] == (
        "calls: gnome-session (InhibitedActions idle flag of org.gnome.SessionManager, "
        "followed through InhibitorAdded/InhibitorRemoved)"
    )

    sources, lines = choose_calls(client_bus, {"XDG_CURRENT_DESKTOP": "KDE"})
    assert [type(s) for s in sources] == [KdePolicyAgentSource]
    assert lines[2].startswith(
        "calls: KDE Plasma (HasInhibition of org.kde.Solid.PowerManagement.PolicyAgent: "
        "apps keeping the screen on"
    )

    sources, lines = choose_calls(client_bus, {"XDG_CURRENT_DESKTOP": "XFCE"})
    assert sources == []
    assert lines[2] == (
        "calls: not detected: neither org.gnome.SessionManager nor "
        "org.freedesktop.PowerManagement.Inhibit is on the session bus"
    )

    power = FakePowerInhibit(service_bus)
    power.appear()
    sources, lines = choose_calls(client_bus, {"XDG_CURRENT_DESKTOP": "XFCE"})
    assert [type(s) for s in sources] == [FreedesktopInhibitSource]
    assert lines[2] == (
        "calls: org.freedesktop.PowerManagement.Inhibit (HasInhibit, followed through "
        "HasInhibitChanged)"
    )

    FakeSessionManager(service_bus).appear()  # gnome-session wins where both are there
    sources, _ = choose_calls(client_bus, {})
    assert [type(s) for s in sources] == [GnomeInhibitSource]
    assert not any(source.started() for source in sources)


def test_choose_calls_switched_off_without_a_bus_and_elsewhere(
    client_bus: QDBusConnection, no_bus: QDBusConnection
) -> None:
    sources, lines = choose_calls(client_bus, {"XDG_CURRENT_DESKTOP": "GNOME"}, calls=False)
    assert sources == []
    assert lines[2] == "calls: off ([interruptions] calls = false)"

    sources, lines = choose_calls(no_bus, {"XDG_CURRENT_DESKTOP": "GNOME"})
    assert sources == []
    assert lines[2] == "calls: not detected: no D-Bus session bus"

    sources, lines = choose_calls(client_bus, {}, "win32")
    assert not any(isinstance(source, SessionInhibitSource) for source in sources)
    assert lines[2].startswith("calls: no source of its own: Windows reports presentation mode")
    _, lines = choose_calls(client_bus, {}, "darwin")
    assert lines[2] == "calls: not detected: no way known on platform 'darwin'"
