"""The X11 idle backend against a real X server (Xvfb, from the private desktop harness).

The X server runs in another process; the monitor runs in this one, on the offscreen Qt
platform, and is pointed at the Xvfb display by name. Input is made with xdotool (XTEST), which
the X server counts as user input exactly like a real keyboard and mouse.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from itertools import count
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from backbreak.platform.presence.compose import CompositePresence
from backbreak.platform.presence.polling import SLACK_S, Backoff
from backbreak.platform.presence.select import choose_presence
from backbreak.platform.presence.x11 import X11Presence
from tests.buses import connection
from tests.e2e.desktop import Desktop

pytestmark = pytest.mark.e2e

_positions = count(10)


def move_mouse(desktop: Desktop) -> None:
    """Real pointer motion: a new position every time (moving to the same spot is no input)."""
    step = next(_positions)
    desktop.run_xdotool("mousemove", 100 + step % 500, 100 + step % 300)


@pytest.fixture
def x11(desktop: Desktop, qapp: Any) -> Iterator[X11Presence]:
    monitor = X11Presence(display=desktop.display, backoff=Backoff((), 0.5))
    yield monitor
    monitor.stop()  # before the desktop (and its X server) goes


def idle(monitor: X11Presence) -> float:
    value = monitor.idle_seconds()
    assert value is not None
    return value


def test_idle_time_rises_while_nothing_happens_and_input_resets_it(
    x11: X11Presence, desktop: Desktop, qtbot: QtBot
) -> None:
    x11.start(3600)
    move_mouse(desktop)
    qtbot.waitUntil(lambda: idle(x11) < 0.3, timeout=2000)
    qtbot.waitUntil(lambda: idle(x11) >= 0.6, timeout=5000)

    move_mouse(desktop)
    qtbot.waitUntil(lambda: idle(x11) < 0.3, timeout=2000)
    qtbot.waitUntil(lambda: idle(x11) >= 0.6, timeout=5000)

    desktop.run_xdotool("type", "--delay", "20", "hello")
    qtbot.waitUntil(lambda: idle(x11) < 0.3, timeout=2000)


def test_went_idle_after_the_threshold_and_came_back_after_input(
    x11: X11Presence, desktop: Desktop, qtbot: QtBot
) -> None:
    move_mouse(desktop)
    x11.start(2.0)
    with qtbot.waitSignal(x11.went_idle, timeout=6000) as went:
        pass
    assert went.args is not None
    assert 2.0 <= went.args[0] < 2.0 + SLACK_S + 1.0
    assert x11.readings <= 3  # the first reading, then the one when the threshold could be hit

    with qtbot.waitSignal(x11.came_back, timeout=4000):
        desktop.run_xdotool("type", "--delay", "20", "back")
    assert not x11.idle_reported
    # Next reading: when the threshold can be reached again, not sooner.
    wait = x11.next_poll_in()
    assert wait is not None
    assert 2.0 - 0.5 < wait <= 2.0 + SLACK_S

    with qtbot.waitSignal(x11.went_idle, timeout=6000):
        pass
    with qtbot.waitSignal(x11.came_back, timeout=4000):
        move_mouse(desktop)


def test_one_display_connection_for_all_readings(
    x11: X11Presence, desktop: Desktop, qtbot: QtBot
) -> None:
    def open_fds() -> int:
        return len(os.listdir("/proc/self/fd"))

    before = open_fds()
    x11.start(3600)
    opened = open_fds()
    assert opened == before + 1  # the X connection
    for _ in range(50):
        x11.poll()
        idle(x11)
    assert open_fds() == opened
    x11.stop()
    assert open_fds() == before
    assert x11.idle_seconds() is None


def test_choice_on_a_plain_x11_session(desktop: Desktop, qapp: Any) -> None:
    """No GNOME, no KDE, no logind: the X server's own idle time is what is left."""
    with connection(desktop.env["DBUS_SESSION_BUS_ADDRESS"]) as bus:
        monitor, notes = choose_presence(
            env={"DISPLAY": desktop.display, "XDG_SESSION_TYPE": "x11"},
            platform="linux",
            session_bus=bus,
            system_bus=bus,
            qt_platform="offscreen",
        )
        assert monitor.name == "x11-screensaver"
        assert isinstance(monitor, CompositePresence)
        assert isinstance(monitor.idle, X11Presence)
        assert monitor.idle.source.display == desktop.display
        assert notes == [
            "in use: x11-screensaver",
            "gnome-mutter: org.gnome.Mutter.IdleMonitor not on the session bus",
            "wayland: not a Wayland session (no WAYLAND_DISPLAY)",
            "freedesktop-screensaver: org.freedesktop.ScreenSaver not on the session bus",
            "x11-screensaver: chosen",
            "windows: not Windows (platform linux)",
            "macos: not macOS (platform linux)",
            "null: not needed",
            "logind: org.freedesktop.login1 not on the system bus: no screen lock or sleep "
            "from logind",
        ]
        monitor.start(60)
        assert monitor.idle_seconds() is not None
        monitor.stop()
