"""Interruption sources whose OS calls are replaced by fakes, and choosing sources per session.

The Windows and macOS sources run here on Linux against fake OS calls; their real ctypes calls
have never been run (see the package docstring).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

import pytest
from PySide6.QtDBus import QDBusConnection
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from backbreak.platform.interruptions import (
    GnomeDoNotDisturbSource,
    InterruptionSource,
    MacFullscreenSource,
    NullSource,
    PollingSource,
    WindowsFocusAssistSource,
    WindowsFullscreenSource,
    X11FullscreenSource,
    choose_interruption_sources,
)
from backbreak.platform.interruptions.fullscreen import (
    QUNS_ACCEPTS_NOTIFICATIONS,
    QUNS_APP,
    QUNS_BUSY,
    QUNS_NOT_PRESENT,
    QUNS_PRESENTATION_MODE,
    QUNS_QUIET_TIME,
    QUNS_RUNNING_D3D_FULL_SCREEN,
    MacWindow,
    Rect,
    mac_window_covers_a_display,
)

FAST_MS = 20  # poll interval for the tests
SIGNAL_MS = 3000
QUIET_MS = 200  # how long "nothing happens" is watched for

T = TypeVar("T")

OWN_PID = 4242
MAIN = Rect(0, 0, 1440, 900)
SIDE = Rect(1440, -100, 1920, 1080)


class FakeCall(Generic[T]):
    """An OS call that returns whatever the test last put in, and counts its calls."""

    def __init__(self, value: T) -> None:
        self.value = value
        self.calls = 0
        self.error: Exception | None = None

    def __call__(self) -> T:
        self.calls += 1
        if self.error is not None:
            raise self.error
        return self.value


Track = Callable[[InterruptionSource], InterruptionSource]


@pytest.fixture
def stopped_after() -> Iterator[Track]:
    sources: list[InterruptionSource] = []

    def track(source: InterruptionSource) -> InterruptionSource:
        sources.append(source)
        return source

    yield track
    for source in sources:
        source.stop()


# ---------------------------------------------------------------------------------- polling


def test_a_polled_source_reads_at_start_and_follows_changes_while_watched(
    qapp: QApplication, qtbot: QtBot, stopped_after: Track
) -> None:
    state = FakeCall(QUNS_ACCEPTS_NOTIFICATIONS)
    source = stopped_after(WindowsFullscreenSource(state, interval_ms=FAST_MS))
    source.start()
    assert state.calls == 1
    assert not source.active()

    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        state.value = QUNS_BUSY
    assert blocker.args == [True]
    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        state.value = QUNS_ACCEPTS_NOTIFICATIONS
    assert blocker.args == [False]


def test_a_polled_source_does_not_poll_while_unwatched(
    qapp: QApplication, qtbot: QtBot, stopped_after: Track
) -> None:
    state = FakeCall(QUNS_ACCEPTS_NOTIFICATIONS)
    source = stopped_after(WindowsFullscreenSource(state, interval_ms=FAST_MS))
    source.set_watching(False)
    source.start()
    assert state.calls == 1  # the state is read once at start even so
    state.value = QUNS_PRESENTATION_MODE
    with qtbot.assertNotEmitted(source.changed, wait=QUIET_MS):
        pass
    assert state.calls == 1

    # Watching again asks at once, before set_watching returns, then keeps polling.
    with qtbot.waitSignal(source.changed, timeout=0) as blocker:
        source.set_watching(True)
    assert blocker.args == [True]
    qtbot.waitUntil(lambda: state.calls >= 4, timeout=SIGNAL_MS)

    source.set_watching(False)
    calls = state.calls
    qtbot.wait(QUIET_MS)
    assert state.calls == calls  # unwatched again: the timer is off

    source.set_watching(True)
    source.stop()
    calls = state.calls
    qtbot.wait(QUIET_MS)
    assert state.calls == calls  # stopped: no more polling either


def test_a_failing_os_call_is_a_problem_until_it_works_again(
    qapp: QApplication, qtbot: QtBot, stopped_after: Track
) -> None:
    state = FakeCall(QUNS_BUSY)
    source = stopped_after(WindowsFullscreenSource(state, interval_ms=FAST_MS))
    with qtbot.waitSignal(source.changed, timeout=0):
        source.start()
    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        state.error = OSError("E_FAIL")
    assert blocker.args == [False]
    assert source.problem == "OSError: E_FAIL"
    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        state.error = None
    assert blocker.args == [True]
    assert source.problem is None


def test_changed_is_never_emitted_with_the_value_it_already_had(
    qapp: QApplication, qtbot: QtBot
) -> None:
    values: list[bool] = []
    answers = iter([False, True, True, True, False, False, True])
    source = PollingSource(lambda: next(answers), interval_ms=60_000)
    source.changed.connect(values.append)
    source.start()
    for _ in range(6):
        source.poll()
    source.stop()
    source.stop()
    assert values == [True, False, True, False]


@pytest.mark.parametrize(
    ("state", "busy"),
    [
        (QUNS_NOT_PRESENT, False),
        (QUNS_BUSY, True),
        (QUNS_RUNNING_D3D_FULL_SCREEN, True),
        (QUNS_PRESENTATION_MODE, True),
        (QUNS_ACCEPTS_NOTIFICATIONS, False),
        (QUNS_QUIET_TIME, False),
        (QUNS_APP, False),
    ],
)
def test_windows_notification_states(qapp: QApplication, state: int, busy: bool) -> None:
    source = WindowsFullscreenSource(lambda: state)
    source.start()
    assert source.active() is busy
    assert (source.name, source.backend) == ("fullscreen", "windows")
    source.stop()


@pytest.mark.parametrize(("profile", "on"), [(0, False), (1, True), (2, True)])
def test_windows_focus_assist_profiles(qapp: QApplication, profile: int, on: bool) -> None:
    source = WindowsFocusAssistSource(lambda: profile)
    source.start()
    assert source.active() is on
    assert (source.name, source.backend) == ("do-not-disturb", "windows-focus-assist")
    source.stop()


@pytest.mark.parametrize(
    "source_class", [WindowsFullscreenSource, WindowsFocusAssistSource, MacFullscreenSource]
)
def test_the_real_os_calls_fail_softly_elsewhere(
    qapp: QApplication, source_class: Callable[[], PollingSource]
) -> None:
    source = source_class()
    source.start()  # on Linux the real calls raise OSError: a problem, not a crash
    assert not source.active()
    assert (source.problem or "").startswith("OSError")
    source.stop()


# ---------------------------------------------------------------------------------- macOS


def mac(bounds: Rect, *, layer: int = 0, pid: int = 100, alpha: float = 1.0) -> MacWindow:
    return MacWindow(bounds, layer, pid, alpha)


@pytest.mark.parametrize(
    ("windows", "covered"),
    [
        ([], False),
        ([mac(MAIN)], True),  # a fullscreen window (its own Space)
        ([mac(Rect(0, 25, 1440, 875))], False),  # zoomed: the menu bar stays visible
        ([mac(Rect(-10, -10, 1460, 920))], True),  # larger than the display
        ([mac(MAIN, pid=OWN_PID)], False),  # our own window never counts
        ([mac(MAIN, layer=20)], False),  # the Dock's full-screen layer
        ([mac(MAIN, layer=-2147483624)], False),  # desktop picture level
        ([mac(MAIN, alpha=0.0)], False),  # invisible
        ([mac(Rect(0, 25, 800, 600)), mac(SIDE)], True),  # fullscreen on the second display
        ([mac(Rect(1440, 0, 1920, 1080))], False),  # the side display starts at y = -100
    ],
)
def test_mac_window_covering_a_display(windows: list[MacWindow], covered: bool) -> None:
    assert mac_window_covers_a_display(windows, [MAIN, SIDE], OWN_PID) is covered


def test_mac_source_polls_the_window_list(
    qapp: QApplication, qtbot: QtBot, stopped_after: Track
) -> None:
    windows = FakeCall([mac(Rect(100, 100, 400, 300))])
    displays = FakeCall([MAIN])
    source = stopped_after(
        MacFullscreenSource(windows, displays, own_pid=OWN_PID, interval_ms=FAST_MS)
    )
    source.start()
    assert not source.active()
    assert (source.name, source.backend) == ("fullscreen", "macos")
    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        windows.value = [mac(Rect(100, 100, 400, 300)), mac(MAIN, pid=77)]
    assert blocker.args == [True]


# ---------------------------------------------------------------------------------- null


def test_the_null_source_is_never_active(qapp: QApplication, qtbot: QtBot) -> None:
    source = NullSource("fullscreen")
    with qtbot.assertNotEmitted(source.changed):
        source.start()
        source.set_watching(False)
        source.set_watching(True)
        source.stop()
    assert source.name == "fullscreen"
    assert not source.active()
    assert source.describe() == "fullscreen (none): inactive"


# ---------------------------------------------------------------------------------- choosing


def choose(
    env: dict[str, str],
    platform: str = "linux",
    bus: QDBusConnection | None = None,
    *,
    fullscreen: bool = True,
    do_not_disturb: bool = True,
    calls: bool = False,
) -> tuple[list[InterruptionSource], list[str]]:
    """Calls are off unless asked for: the tests of that kind are in test_interruptions_dbus."""
    return choose_interruption_sources(
        fullscreen, do_not_disturb, calls, env=env, platform=platform, session_bus=bus
    )


def test_choose_x11_with_a_display(no_bus: QDBusConnection) -> None:
    sources, lines = choose({"DISPLAY": ":7", "XDG_CURRENT_DESKTOP": "XFCE"}, bus=no_bus)
    assert [type(s) for s in sources] == [X11FullscreenSource]
    assert lines[0].startswith("fullscreen: X11 on display :7")
    assert lines[1] == (
        "do-not-disturb: not detected: desktop 'XFCE' has no known do-not-disturb switch "
        "(GNOME and KDE Plasma are supported)"
    )


def test_choose_without_a_display_says_why(no_bus: QDBusConnection) -> None:
    sources, lines = choose({"WAYLAND_DISPLAY": "wayland-0"}, bus=no_bus)
    assert sources == []
    assert lines == [
        "fullscreen: not detected: no X display (DISPLAY is not set); "
        "a Wayland session offers no common way to ask",
        "do-not-disturb: not detected: unknown desktop (XDG_CURRENT_DESKTOP is not set) has no "
        "known do-not-disturb switch (GNOME and KDE Plasma are supported)",
        "calls: off ([interruptions] calls = false)",
    ]


def test_choose_under_wayland_with_xwayland_notes_the_limit(no_bus: QDBusConnection) -> None:
    _, lines = choose({"DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"}, bus=no_bus)
    assert lines[0].endswith("Wayland session: only X11 (Xwayland) windows are seen")


def test_choose_respects_the_switches(no_bus: QDBusConnection) -> None:
    env = {"DISPLAY": ":0", "XDG_CURRENT_DESKTOP": "GNOME"}
    sources, lines = choose(env, bus=no_bus, fullscreen=False, do_not_disturb=False)
    assert sources == []
    assert lines == [
        "fullscreen: off ([interruptions] fullscreen = false)",
        "do-not-disturb: off ([interruptions] do_not_disturb = false)",
        "calls: off ([interruptions] calls = false)",
    ]
    for platform in ("win32", "darwin"):
        sources, _ = choose({}, platform, fullscreen=False, do_not_disturb=False)
        assert sources == []

    sources, lines = choose(env, bus=no_bus, do_not_disturb=False)
    assert [type(s) for s in sources] == [X11FullscreenSource]
    sources, lines = choose(env, bus=no_bus, fullscreen=False)
    assert [type(s) for s in sources] == [GnomeDoNotDisturbSource]
    assert lines[0] == "fullscreen: off ([interruptions] fullscreen = false)"


def test_choose_gnome_without_a_session_bus_reads_with_gsettings_alone(
    no_bus: QDBusConnection,
) -> None:
    sources, lines = choose({"XDG_CURRENT_DESKTOP": "GNOME", "PATH": "/nonexistent"}, bus=no_bus)
    assert [type(s) for s in sources] == [GnomeDoNotDisturbSource]
    assert "no D-Bus session bus" in lines[1]
    assert "gsettings is not on PATH" in lines[1]


def test_choose_kde_without_a_session_bus_says_why(no_bus: QDBusConnection) -> None:
    sources, lines = choose({"XDG_CURRENT_DESKTOP": "KDE"}, bus=no_bus)
    assert sources == []
    assert lines[1] == "do-not-disturb: not detected: KDE Plasma, but no D-Bus session bus"


def test_choose_on_windows_and_macos(qapp: QApplication) -> None:
    sources, lines = choose({}, "win32")
    assert [type(s) for s in sources] == [WindowsFullscreenSource, WindowsFocusAssistSource]
    assert lines[0].startswith("fullscreen: Windows SHQueryUserNotificationState")
    assert lines[1].startswith("do-not-disturb: Windows Focus Assist")
    assert all("polled every 10 s while watched" in line for line in lines[:2])

    sources, lines = choose({}, "darwin")
    assert [type(s) for s in sources] == [MacFullscreenSource]
    assert lines[1] == "do-not-disturb: not detected: macOS Focus has no public interface to ask"


def test_choose_on_an_unknown_platform(qapp: QApplication) -> None:
    sources, lines = choose({}, "plan9")
    assert sources == []
    assert lines == [
        "fullscreen: not detected: no way known on platform 'plan9'",
        "do-not-disturb: not detected: no way known on platform 'plan9'",
        "calls: off ([interruptions] calls = false)",
    ]


def test_chosen_sources_are_not_started(no_bus: QDBusConnection) -> None:
    sources, _ = choose({"DISPLAY": ":0", "XDG_CURRENT_DESKTOP": "GNOME"}, bus=no_bus)
    assert len(sources) == 2
    assert not any(source.started() for source in sources)
