"""The ``wayland`` presence backend against a fake compositor connection, and the real pywayland
connection against compositors that misbehave (hang up, never answer).

The fake's socket is a real socketpair: the compositor side writes a byte per event, so the
monitor's ``QSocketNotifier`` fires as it would for a real Wayland socket, and closing the
compositor's end is a real hang-up. The real protocol against real compositors (sway, KWin) is
in ``tests/e2e/test_wayland_idle.py``.
"""

from __future__ import annotations

import logging
import socket
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from backbreak.platform.presence._wayland import (
    EXT_IDLE_NOTIFY,
    IdleEvent,
    IdleTimeout,
    PywaylandConnection,
    WaylandError,
    load_problem,
)
from backbreak.platform.presence.base import PresenceUnavailable
from backbreak.platform.presence.select import choose_presence
from backbreak.platform.presence.wayland import WaylandPresence

from .test_presence_fakes import Clock, Recorder, lines_for

T = 120.0


class FakeTimeout:
    def __init__(self, ms: int) -> None:
        self.ms = ms
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


class FakeConnection:
    """An IdleConnection whose compositor is the test."""

    def __init__(self, path: str, protocol: str = EXT_IDLE_NOTIFY) -> None:
        self.path = path
        self.display = path
        self.protocol = protocol
        self._ours, self._theirs = socket.socketpair()
        self._ours.setblocking(False)
        self.timeouts: list[FakeTimeout] = []
        self.pending: list[tuple[IdleTimeout, IdleEvent]] = []
        self.reads = self.flushes = 0
        self.closed = False

    # the compositor's side
    def send(self, timeout: FakeTimeout, kind: IdleEvent) -> None:
        self.pending.append((timeout, kind))
        self._theirs.send(b"e")

    def hang_up(self) -> None:
        self._theirs.close()

    # IdleConnection
    def fileno(self) -> int:
        return self._ours.fileno()

    def add_timeout(self, timeout_ms: int) -> IdleTimeout:
        self.timeouts.append(FakeTimeout(timeout_ms))
        return self.timeouts[-1]

    def read_events(self) -> list[tuple[IdleTimeout, IdleEvent]]:
        self.reads += 1
        try:
            data = self._ours.recv(4096)
        except BlockingIOError:
            data = b"-"
        if not data:
            raise WaylandError("lost the connection to the compositor (Broken pipe)")
        events, self.pending = self.pending, []
        return events

    def flush(self) -> None:
        self.flushes += 1

    def close(self) -> None:
        self.closed = True
        self._ours.close()
        if self._theirs.fileno() != -1:
            self._theirs.close()


class Compositor:
    """Hands out fake connections and remembers them."""

    def __init__(self, protocol: str = EXT_IDLE_NOTIFY) -> None:
        self.protocol = protocol
        self.connections: list[FakeConnection] = []
        self.refuse: str | None = None

    def __call__(self, path: str) -> FakeConnection:
        if self.refuse:
            raise WaylandError(self.refuse)
        self.connections.append(FakeConnection(path, self.protocol))
        return self.connections[-1]

    @property
    def last(self) -> FakeConnection:
        return self.connections[-1]


@pytest.fixture
def wayland_env(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "wayland-9").touch()  # only its existence is checked before connecting
    return {"WAYLAND_DISPLAY": "wayland-9", "XDG_RUNTIME_DIR": str(tmp_path)}


@pytest.fixture
def running(
    qapp: Any, wayland_env: dict[str, str]
) -> Iterator[tuple[WaylandPresence, Compositor, Clock, Recorder]]:
    compositor, clock = Compositor(), Clock()
    monitor = WaylandPresence(
        env=wayland_env, platform="linux", connect=compositor, monotonic=clock
    )
    recorder = Recorder(monitor)
    monitor.start(T)
    yield monitor, compositor, clock, recorder
    monitor.stop()


# -- probe --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "platform", "reason"),
    [
        ({"WAYLAND_DISPLAY": "wayland-0"}, "darwin", "not Linux (platform darwin)"),
        ({}, "linux", "no WAYLAND_DISPLAY (not a Wayland session)"),
        (
            {"WAYLAND_DISPLAY": "wayland-0"},
            "linux",
            "WAYLAND_DISPLAY=wayland-0 but no XDG_RUNTIME_DIR to find it in",
        ),
        (
            {"WAYLAND_DISPLAY": "/nonexistent/wl-x"},
            "linux",
            "no Wayland socket at /nonexistent/wl-x",
        ),
    ],
)
def test_probe_says_why_there_is_no_compositor(
    qapp: Any, env: dict[str, str], platform: str, reason: str
) -> None:
    compositor = Compositor()
    monitor = WaylandPresence(env=env, platform=platform, connect=compositor)
    with pytest.raises(PresenceUnavailable) as info:
        monitor.probe()
    assert str(info.value) == reason
    assert compositor.connections == []


def test_probe_passes_the_connection_failure_on(qapp: Any, wayland_env: dict[str, str]) -> None:
    compositor = Compositor()
    compositor.refuse = "the compositor offers neither ext_idle_notifier_v1 nor org_kde_kwin_idle"
    monitor = WaylandPresence(env=wayland_env, platform="linux", connect=compositor)
    with pytest.raises(PresenceUnavailable, match="offers neither ext_idle_notifier_v1"):
        monitor.probe()


def test_probe_connects_to_the_socket_in_the_runtime_dir_and_lets_go(
    qapp: Any, wayland_env: dict[str, str]
) -> None:
    compositor = Compositor("org_kde_kwin_idle")
    monitor = WaylandPresence(env=wayland_env, platform="linux", connect=compositor)
    monitor.probe()
    (conn,) = compositor.connections
    assert conn.path == str(Path(wayland_env["XDG_RUNTIME_DIR"]) / "wayland-9")
    assert conn.closed
    assert monitor.detail == "org_kde_kwin_idle on wayland-9"


def test_pywayland_is_importable_here_and_missing_is_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert load_problem() is None
    monkeypatch.setitem(sys.modules, "pywayland.client", None)
    problem = load_problem()
    assert problem is not None
    assert problem.startswith("the Python package pywayland is not installed")


def test_probe_without_pywayland_says_so(
    qapp: Any, wayland_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pywayland.client", None)
    monitor = WaylandPresence(env=wayland_env, platform="linux")
    with pytest.raises(PresenceUnavailable, match="pywayland is not installed"):
        monitor.probe()


# -- idle and return ----------------------------------------------------------------------


def test_start_asks_for_one_notification_at_the_threshold(
    running: tuple[WaylandPresence, Compositor, Clock, Recorder],
) -> None:
    monitor, compositor, _, recorder = running
    conn = compositor.last
    assert [t.ms for t in conn.timeouts] == [120_000]
    assert conn.flushes >= 1
    assert monitor.connected
    assert monitor.idle_seconds() is None
    assert recorder.take() == []


def test_idled_then_resumed(
    running: tuple[WaylandPresence, Compositor, Clock, Recorder], qtbot: QtBot
) -> None:
    monitor, compositor, clock, recorder = running
    conn = compositor.last
    with qtbot.waitSignal(monitor.went_idle, timeout=2000) as blocker:
        conn.send(conn.timeouts[0], "idle")
    assert blocker.args == [T]
    clock.advance(30)
    assert monitor.idle_seconds() == T + 30
    with qtbot.waitSignal(monitor.came_back, timeout=2000):
        conn.send(conn.timeouts[0], "resumed")
    assert monitor.idle_seconds() is None
    assert recorder.take() == [("went_idle", T), ("came_back", None)]
    assert [t.ms for t in conn.timeouts] == [120_000]  # the one notification serves every spell


def test_events_arriving_together_are_handled_in_order(
    running: tuple[WaylandPresence, Compositor, Clock, Recorder], qtbot: QtBot
) -> None:
    monitor, compositor, _, recorder = running
    conn = compositor.last
    conn.pending = [(conn.timeouts[0], "idle"), (conn.timeouts[0], "resumed")]
    with qtbot.waitSignal(monitor.came_back, timeout=2000):
        conn.send(conn.timeouts[0], "idle")  # one wakeup brings all three
    assert recorder.take() == [("went_idle", T), ("came_back", None), ("went_idle", T)]
    assert monitor.idle_seconds() == T


def test_outside_active_hours_nothing_is_said_then_the_change_is_reported(
    running: tuple[WaylandPresence, Compositor, Clock, Recorder], qtbot: QtBot
) -> None:
    monitor, compositor, clock, recorder = running
    conn = compositor.last
    monitor.set_active_hours(False)
    conn.send(conn.timeouts[0], "idle")
    qtbot.waitUntil(lambda: monitor.idle_seconds() is not None, timeout=2000)
    assert recorder.take() == []
    clock.advance(600)
    monitor.set_active_hours(True)
    assert recorder.take() == [("went_idle", T + 600)]
    monitor.set_active_hours(False)
    conn.send(conn.timeouts[0], "resumed")
    qtbot.waitUntil(lambda: monitor.idle_seconds() is None, timeout=2000)
    assert recorder.take() == []
    monitor.set_active_hours(True)
    assert recorder.take() == [("came_back", None)]
    assert len(conn.timeouts) == 1


def test_stop_drops_the_notification_and_closes_the_connection(
    running: tuple[WaylandPresence, Compositor, Clock, Recorder],
) -> None:
    monitor, compositor, _, _ = running
    conn = compositor.last
    monitor.stop()
    assert conn.timeouts[0].cancelled
    assert conn.closed
    assert not monitor.connected


def test_bad_threshold_is_refused(qapp: Any, wayland_env: dict[str, str]) -> None:
    monitor = WaylandPresence(env=wayland_env, platform="linux", connect=Compositor())
    with pytest.raises(ValueError, match="positive"):
        monitor.start(0)


# -- the compositor goes away -------------------------------------------------------------


def test_compositor_hang_up_stops_once_without_a_busy_loop(
    running: tuple[WaylandPresence, Compositor, Clock, Recorder],
    qtbot: QtBot,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monitor, compositor, _, recorder = running
    conn = compositor.last
    with caplog.at_level(logging.WARNING):
        conn.hang_up()
        qtbot.waitUntil(lambda: not monitor.connected, timeout=2000)
        for _ in range(20):
            QCoreApplication.processEvents()
    assert conn.reads == 1  # a notifier left on the dead socket would fire again and again
    assert conn.closed
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "lost the connection to the compositor" in warnings[0]
    assert recorder.take() == []
    assert monitor.idle_seconds() is None
    monitor.stop()  # stopping after the loss is harmless


# -- choosing -----------------------------------------------------------------------------


def test_choice_takes_wayland_after_mutter_and_says_which_protocol(
    qapp: Any, wayland_env: dict[str, str]
) -> None:
    compositor = Compositor()
    monitor, notes = choose_presence(
        env=wayland_env,
        platform="linux",
        qt_platform="wayland",
        make_wayland=lambda: WaylandPresence(env=wayland_env, platform="linux", connect=compositor),
    )
    try:
        assert lines_for(notes, "wayland") == ["wayland: chosen (ext-idle-notify-v1 on wayland-9)"]
        assert lines_for(notes, "freedesktop-screensaver") == [
            "freedesktop-screensaver: not tried (wayland comes first)"
        ]
        assert monitor.name.startswith("wayland")
        assert [line.split(":")[0] for line in notes[1:4]] == [
            "gnome-mutter",
            "wayland",
            "freedesktop-screensaver",
        ]
    finally:
        monitor.stop()


def test_choice_says_why_wayland_is_not_used(qapp: Any, wayland_env: dict[str, str]) -> None:
    compositor = Compositor()
    compositor.refuse = "the compositor offers neither ext_idle_notifier_v1 nor org_kde_kwin_idle"

    def make() -> WaylandPresence:
        return WaylandPresence(env=wayland_env, platform="linux", connect=compositor)

    _, notes = choose_presence(
        env=wayland_env, platform="linux", qt_platform="wayland", make_wayland=make
    )
    assert lines_for(notes, "wayland") == [f"wayland: {compositor.refuse}"]
    _, notes = choose_presence(env={}, platform="linux", qt_platform="xcb", make_wayland=make)
    assert lines_for(notes, "wayland") == ["wayland: not a Wayland session (no WAYLAND_DISPLAY)"]
    _, notes = choose_presence(env={}, platform="win32", qt_platform="", make_wayland=make)
    assert lines_for(notes, "wayland") == ["wayland: not Linux (platform win32)"]


# -- the real pywayland connection against misbehaving compositors --------------------------


@pytest.fixture
def listening(tmp_path: Path) -> Iterator[tuple[str, socket.socket]]:
    path = str(tmp_path / "wl-bad")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(1)
    yield path, server
    server.close()


def test_real_connection_to_a_compositor_that_never_answers_times_out(
    listening: tuple[str, socket.socket],
) -> None:
    path, _ = listening
    with pytest.raises(WaylandError, match=r"did not answer in 0\.2 s"):
        PywaylandConnection(path, timeout_s=0.2)


def test_real_connection_to_a_compositor_that_hangs_up(
    listening: tuple[str, socket.socket],
) -> None:
    path, server = listening

    def accept_and_close() -> None:
        peer, _ = server.accept()
        peer.close()

    thread = threading.Thread(target=accept_and_close)
    thread.start()
    try:
        with pytest.raises(WaylandError, match="lost the connection to the compositor"):
            PywaylandConnection(path, timeout_s=5)
    finally:
        thread.join(5)


def test_real_connection_to_nothing(tmp_path: Path) -> None:
    with pytest.raises(WaylandError, match="cannot connect to"):
        PywaylandConnection(str(tmp_path / "absent"))
