"""The X11 fullscreen source against a real X server (the e2e desktop's Xvfb).

The desktop has no window manager, so the tests play its part: they set the root window's
``_NET_ACTIVE_WINDOW`` and the windows' ``_NET_WM_STATE`` with ``xprop``, and move windows with
``xdotool``. The source itself runs in the test process (Qt is offscreen there) and is pointed
at the desktop's display by name.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from backbreak.platform.interruptions.x11_fullscreen import (
    MODE_EWMH,
    MODE_NO_WINDOW_MANAGER,
    X11FullscreenSource,
)
from backbreak.platform.xlib import load_xlib
from tests.e2e.desktop import TAG_VAR, Desktop

pytestmark = pytest.mark.e2e

SIGNAL_MS = 5000
QUIET_MS = 300  # how long "nothing happens" is watched for


@pytest.fixture(autouse=True)
def _needs_libx11() -> None:
    try:
        load_xlib()
    except OSError as exc:
        pytest.skip(f"libX11 cannot be loaded: {exc}")


@pytest.fixture
def source(desktop: Desktop, qtbot: QtBot) -> Iterator[X11FullscreenSource]:
    src = X11FullscreenSource(desktop.display)
    src.start()
    assert src.problem is None, src.problem
    assert not src.active()
    yield src
    src.stop()


def _tool(desktop: Desktop, *argv: str | int) -> None:
    """Run an X client tool against the desktop (untagged: it is not part of the app)."""
    env = {k: v for k, v in desktop.env.items() if k != TAG_VAR}
    result = subprocess.run(
        [str(a) for a in argv], env=env, capture_output=True, text=True, timeout=30, check=False
    )
    assert result.returncode == 0, f"{argv}: {result.stderr}"


def window(desktop: Desktop, title: str, geometry: str) -> int:
    """A new mapped top-level window (an xmessage) with the given title and geometry."""
    desktop.spawn(["xmessage", "-title", title, "-geometry", geometry, title], name=title)
    return desktop.find_window(f"^{title}$")


def set_fullscreen(desktop: Desktop, wid: int, on: bool) -> None:
    if on:
        args = ["-f", "_NET_WM_STATE", "32a", "-set", "_NET_WM_STATE", "_NET_WM_STATE_FULLSCREEN"]
        _tool(desktop, "xprop", "-id", wid, *args)
    else:
        _tool(desktop, "xprop", "-id", wid, "-remove", "_NET_WM_STATE")


def set_active_window(desktop: Desktop, wid: int | None) -> None:
    """Set the root's _NET_ACTIVE_WINDOW (0 = no window focused), or remove it (None)."""
    if wid is None:
        _tool(desktop, "xprop", "-root", "-remove", "_NET_ACTIVE_WINDOW")
    else:
        args = ["-f", "_NET_ACTIVE_WINDOW", "32x", "-set", "_NET_ACTIVE_WINDOW", str(wid)]
        _tool(desktop, "xprop", "-root", *args)


def full_screen_geometry(desktop: Desktop) -> str:
    width, height, _depth = desktop.screen.split("x")
    return f"{width}x{height}+0+0"


def test_the_active_windows_fullscreen_state_is_followed(
    desktop: Desktop, source: X11FullscreenSource, qtbot: QtBot
) -> None:
    first = window(desktop, "first", "300x200+10+40")
    second = window(desktop, "second", "300x200+400+40")
    assert source.mode == MODE_NO_WINDOW_MANAGER

    set_active_window(desktop, first)
    qtbot.waitUntil(lambda: source.mode == MODE_EWMH, timeout=SIGNAL_MS)
    assert not source.active()

    # With a window manager, its word counts: a small window can be fullscreen.
    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        set_fullscreen(desktop, first, True)
    assert blocker.args == [True]

    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        set_active_window(desktop, second)
    assert blocker.args == [False]

    # Only the active window's state counts.
    with qtbot.assertNotEmitted(source.changed, wait=QUIET_MS):
        set_fullscreen(desktop, first, False)

    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        set_fullscreen(desktop, second, True)
    assert blocker.args == [True]

    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        set_active_window(desktop, 0)  # no window focused
    assert blocker.args == [False]

    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        set_active_window(desktop, second)
    assert blocker.args == [True]

    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        set_fullscreen(desktop, second, False)
    assert blocker.args == [False]


def test_without_a_window_manager_a_screen_covering_fullscreen_window_counts(
    desktop: Desktop, source: X11FullscreenSource, qtbot: QtBot
) -> None:
    small = window(desktop, "small", "300x200+10+40")
    assert source.mode == MODE_NO_WINDOW_MANAGER

    width, height, _depth = desktop.screen.split("x")
    wide = window(desktop, "wide", f"{width}x{int(height) // 2}+0+0")
    tall = window(desktop, "tall", f"{int(width) // 2}x{height}+0+0")
    with qtbot.assertNotEmitted(source.changed, wait=QUIET_MS):
        # Fullscreen state, but none of these covers the screen.
        set_fullscreen(desktop, small, True)
        set_fullscreen(desktop, wide, True)
        set_fullscreen(desktop, tall, True)

    big = window(desktop, "big", full_screen_geometry(desktop))
    assert not source.active()  # covers the screen, but no fullscreen state yet

    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        set_fullscreen(desktop, big, True)
    assert blocker.args == [True]

    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        _tool(desktop, "xdotool", "windowmove", big, 200, 100)
    assert blocker.args == [False]

    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        _tool(desktop, "xdotool", "windowmove", big, 0, 0)
    assert blocker.args == [True]

    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        _tool(desktop, "xdotool", "windowunmap", big)
    assert blocker.args == [False]

    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        _tool(desktop, "xdotool", "windowmap", big)
    assert blocker.args == [True]

    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        set_fullscreen(desktop, big, False)
    assert blocker.args == [False]


def test_the_mode_follows_the_window_manager_property(
    desktop: Desktop, source: X11FullscreenSource, qtbot: QtBot
) -> None:
    small = window(desktop, "small", "300x200+10+40")
    big = window(desktop, "big", full_screen_geometry(desktop))
    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        set_fullscreen(desktop, big, True)
    assert blocker.args == [True]

    # A window manager appears and focuses the small window: that is what counts now.
    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        set_active_window(desktop, small)
    assert blocker.args == [False]
    assert source.mode == MODE_EWMH

    # It goes away again (the property is deleted): back to the screen-covering rule.
    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        set_active_window(desktop, None)
    assert blocker.args == [True]
    assert source.mode == MODE_NO_WINDOW_MANAGER


def test_unwatched_it_listens_to_nothing_and_catches_up_when_watched_again(
    desktop: Desktop, source: X11FullscreenSource, qtbot: QtBot
) -> None:
    active = window(desktop, "active", "300x200+10+40")
    set_active_window(desktop, active)
    qtbot.waitUntil(lambda: source.mode == MODE_EWMH, timeout=SIGNAL_MS)

    source.set_watching(False)
    with qtbot.assertNotEmitted(source.changed, wait=QUIET_MS):
        set_fullscreen(desktop, active, True)
    assert source.active() is False  # the last known state, kept while unwatched

    # Watching again re-reads synchronously: the signal comes before set_watching returns.
    with qtbot.waitSignal(source.changed, timeout=0) as blocker:
        source.set_watching(True)
    assert blocker.args == [True]
    assert source.active() is True

    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS) as blocker:
        set_fullscreen(desktop, active, False)
    assert blocker.args == [False]


def test_started_unwatched_it_still_reads_the_state_once(desktop: Desktop, qtbot: QtBot) -> None:
    active = window(desktop, "active", "300x200+10+40")
    set_active_window(desktop, active)
    set_fullscreen(desktop, active, True)
    src = X11FullscreenSource(desktop.display)
    src.set_watching(False)
    with qtbot.waitSignal(src.changed, timeout=0) as blocker:
        src.start()
    assert blocker.args == [True]
    with qtbot.assertNotEmitted(src.changed, wait=QUIET_MS):
        set_fullscreen(desktop, active, False)
    with qtbot.waitSignal(src.changed, timeout=0) as blocker:
        src.stop()
    assert blocker.args == [False]


def test_a_changed_handler_may_stop_the_source(desktop: Desktop, qtbot: QtBot) -> None:
    active = window(desktop, "active", "300x200+10+40")
    set_active_window(desktop, active)
    src = X11FullscreenSource(desktop.display)
    src.start()
    seen: list[bool] = []

    def on_changed(value: bool) -> None:
        seen.append(value)
        if value:
            src.stop()

    src.changed.connect(on_changed)
    set_fullscreen(desktop, active, True)
    qtbot.waitUntil(lambda: not src.started(), timeout=SIGNAL_MS)
    assert seen == [True, False]
    assert src.mode == ""


def test_the_x_server_going_away_stops_the_source_not_the_app(
    desktop: Desktop, source: X11FullscreenSource, qtbot: QtBot
) -> None:
    active = window(desktop, "active", "300x200+10+40")
    set_active_window(desktop, active)
    with qtbot.waitSignal(source.changed, timeout=SIGNAL_MS):
        set_fullscreen(desktop, active, True)

    desktop.stop()  # the X server with everything else; the fixture's own stop is a no-op
    qtbot.waitUntil(lambda: source.problem is not None, timeout=SIGNAL_MS)
    assert "lost the connection" in (source.problem or "")
    assert source.active() is False
    assert source.mode == ""


def test_a_display_that_cannot_be_opened_is_reported_not_raised(qtbot: QtBot) -> None:
    src = X11FullscreenSource(":59999")
    with qtbot.assertNotEmitted(src.changed):
        src.start()
    assert src.problem == "cannot open X display :59999"
    assert not src.active()
    src.stop()
