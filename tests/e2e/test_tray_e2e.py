"""backbreak as a user meets it: a real X server, a real tray host, the app as a subprocess.

The app is driven with xdotool the way a user would: right-click on the tray icon, arrow keys and
Return in the menu. The README's screenshots land in packaging/screenshots/, the others in
tests/e2e/artifacts/.
"""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path

import pytest

from tests.e2e.desktop import Desktop, Geometry, StartDesktop, poll_until
from tests.e2e.driver import (
    DOCK_TIMEOUT,
    EXIT_TIMEOUT,
    PROMPT_TITLE,
    launch,
    launch_docked,
    open_menu,
    press,
)

pytestmark = pytest.mark.e2e


def backbreak_processes(desktop: Desktop) -> list[str]:
    return [str(p) for p in desktop.app_processes() if "backbreak" in p.cmdline]


def open_typing_window(desktop: Desktop) -> int:
    """A plain X window standing in for the editor the user types in; it gets the X focus."""
    desktop.spawn(
        ["xmessage", "-title", "Text editor", "-geometry", "+20+700", "Typing here"],
        name="editor",
    )
    editor = desktop.find_window("^Text editor$", timeout=5.0)
    desktop.run_xdotool("windowfocus", "--sync", editor)
    assert desktop.focused_window() == editor
    return editor


def test_icon_docks_within_five_seconds(desktop: Desktop, screenshots: Path) -> None:
    started = time.monotonic()
    app = launch(desktop)
    icon = desktop.tray_icon_geometry(DOCK_TIMEOUT, proc=app)
    elapsed = time.monotonic() - started

    assert elapsed <= DOCK_TIMEOUT
    assert icon.w >= 8, icon
    assert icon.h >= 8, icon
    tray = desktop.tray_geometry()
    assert tray.contains(icon), (tray, icon)
    assert len(desktop.tray_icons()) == 1

    # Docking (trayer maps the window) comes before the first paint: poll the screen.
    while True:
        shot = desktop.screenshot(desktop.root / "docked.png")
        icon_only = desktop.crop(shot, desktop.root / "icon.png", icon)
        if desktop.colour_count(icon_only) >= 3:
            break
        assert time.monotonic() - started < DOCK_TIMEOUT, "the docked icon stayed blank"
    desktop.crop(shot, screenshots / "tray-icon.png", tray, scale=400)
    assert app.poll() is None, "backbreak exited after docking:\n" + desktop.log_text("backbreak")


def test_take_a_break_now_shows_prompt_without_taking_focus(
    desktop: Desktop, screenshots: Path
) -> None:
    editor = open_typing_window(desktop)
    _app, icon = launch_docked(desktop)

    menu = open_menu(desktop, icon)
    desktop.crop(desktop.screenshot(desktop.root / "menu-full.png"), screenshots / "menu.png",
                 menu.geometry, scale=200)  # fmt: skip
    press(desktop, "Down", "Return")  # Down from nothing: the first enabled item
    prompt = desktop.find_window("^" + re.escape(PROMPT_TITLE) + "$", timeout=5.0)
    desktop.wait_popups_closed()

    assert desktop.window_name(prompt) == PROMPT_TITLE
    info = desktop.window_info(prompt)
    assert info is not None
    assert info.mapped
    desktop.crop(desktop.screenshot(desktop.root / "prompt-full.png"), screenshots / "prompt.png",
                 info.geometry)  # fmt: skip

    # No window manager runs here, so nothing would hand the prompt the focus but the app itself.
    assert desktop.focused_window() == editor, "the break prompt took the keyboard focus"
    # What a window manager goes by: "never give me focus" or "do not activate me on map".
    refuses_input = "accepts input or input focus: False" in desktop.window_property(
        prompt, "WM_HINTS"
    )
    user_time_zero = re.search(r"=\s*0$", desktop.window_property(prompt, "_NET_WM_USER_TIME"))
    assert refuses_input or user_time_zero, (
        "the prompt does not tell the window manager to leave the focus alone "
        "(WM_HINTS input=False or _NET_WM_USER_TIME=0)"
    )


def test_up_wraps_to_quit_and_quit_exits_cleanly(desktop: Desktop) -> None:
    app, icon = launch_docked(desktop)

    open_menu(desktop, icon)
    press(desktop, "Up", "Return")  # Up from nothing wraps to the last item: Quit

    assert desktop.wait_process_exit(app, EXIT_TIMEOUT) == 0, desktop.log_text("backbreak")
    poll_until(lambda: not desktop.tray_icons(), 2.0, "the icon stayed in the tray after Quit")
    assert backbreak_processes(desktop) == []


def test_pause_then_resume_from_the_menu(desktop: Desktop) -> None:
    _app, icon = launch_docked(desktop)

    menu = open_menu(desktop, icon)
    press(desktop, "Down", "Down", "Right")  # Take a break now, Pause, open its submenu
    desktop.wait_for_popup({menu.wid})
    assert len(desktop.popups()) == 2, "Pause did not open a submenu"
    press(desktop, "Return")  # For 30 minutes
    desktop.wait_popups_closed()

    # Paused: the item after "Take a break now" is Resume, a plain action, so the menu
    # closes. Were it Pause, its submenu would open instead.
    open_menu(desktop, icon)
    press(desktop, "Down", "Down", "Return")
    desktop.wait_popups_closed()

    # Running again: the item after "Take a break now" is Pause, whose submenu opens.
    menu = open_menu(desktop, icon)
    press(desktop, "Down", "Down", "Return")
    desktop.wait_for_popup({menu.wid})
    press(desktop, "Escape", "Escape")
    desktop.wait_popups_closed()


def test_about_opens_from_the_menu(desktop: Desktop, screenshots: Path) -> None:
    _app, icon = launch_docked(desktop)

    open_menu(desktop, icon)
    press(desktop, "Up", "Up", "Return")  # from the bottom: Quit, About backbreak
    about = desktop.find_window("^About backbreak$", timeout=5.0)
    desktop.wait_popups_closed()
    info = desktop.window_info(about)
    assert info is not None
    assert info.mapped
    assert info.geometry.h <= 740, info  # fits a 1366x768 screen
    desktop.crop(desktop.screenshot(desktop.root / "about-full.png"), screenshots / "about.png",
                 info.geometry)  # fmt: skip


def mean_green_blue(image: Path) -> tuple[float, float]:
    """The image's mean green and blue, 0..1 (ImageMagick)."""
    argv = ["convert", str(image), "-format", "%[fx:mean.g] %[fx:mean.b]", "info:"]
    out = subprocess.run(argv, capture_output=True, text=True, check=True, timeout=30).stdout
    green, blue = out.split()
    return float(green), float(blue)


def test_meeting_mode_marks_the_tray_icon(desktop: Desktop, artifacts: Path) -> None:
    _app, icon = launch_docked(desktop)

    def drawn_icon(name: str) -> Path | None:
        """The icon as drawn now, once the tray has painted it (not a blank panel)."""
        image = desktop.crop(desktop.screenshot(desktop.root / "screen.png"), artifacts / name,
                             icon, scale=400)  # fmt: skip
        return image if desktop.colour_count(image) >= 3 else None

    def bluer_than_green(image: Path) -> float:
        green, blue = mean_green_blue(image)
        return blue - green

    # Running: the teal tile, no bluer than green.
    running = poll_until(lambda: drawn_icon("tray-icon-running.png"), 5.0, "no icon drawn")
    assert bluer_than_green(running) < 0.05
    menu = open_menu(desktop, icon)
    press(desktop, "Down", "Down", "Down", "Right")  # Take a break now, Pause, In a meeting
    desktop.wait_for_popup({menu.wid})
    press(desktop, "Return")  # For 30 minutes
    desktop.wait_popups_closed()
    # In a meeting: the indigo tile, clearly bluer than green.
    poll_until(
        lambda: bluer_than_green(drawn_icon("tray-icon-meeting.png") or running) > 0.15,
        5.0,
        "the tray icon to show the meeting",
    )


def test_second_instance_exits_without_second_icon(desktop: Desktop) -> None:
    first, _icon = launch_docked(desktop)

    second = launch(desktop, name="backbreak-second")
    most_icons = 0
    deadline = time.monotonic() + EXIT_TIMEOUT
    while second.poll() is None and time.monotonic() < deadline:
        most_icons = max(most_icons, len(desktop.tray_icons()))
    rc = desktop.wait_process_exit(second, max(0.0, deadline - time.monotonic()))

    assert rc == 0, desktop.log_text("backbreak-second")
    most_icons = max(most_icons, len(desktop.tray_icons()))
    assert most_icons == 1, f"{most_icons} icons docked while the second instance ran"
    assert first.poll() is None, "the first instance died:\n" + desktop.log_text("backbreak")
    # It says what happened, and that is what happened: the menu is open at the pointer.
    said = "backbreak is already running; its tray menu is open at the mouse pointer."
    assert said in desktop.log_text("backbreak-second")
    desktop.wait_for_popup(set())
    press(desktop, "Escape")
    desktop.wait_popups_closed()


def test_a_start_up_message_points_at_the_docked_icon(desktop: Desktop, artifacts: Path) -> None:
    """A broken settings file is reported in a balloon; it must never appear before the icon
    is docked (it would float at the screen's top-left corner, pointing at nothing)."""
    folder = desktop.home / ".config" / "backbreak"
    folder.mkdir(parents=True)
    (folder / "settings.toml").write_text("[schedule\n", encoding="utf-8")
    app = launch(desktop)
    seen: list[Geometry] = []

    def balloon() -> Geometry | None:
        for popup in desktop.popups():
            seen.append(popup.geometry)
            return popup.geometry
        return None

    first = poll_until(balloon, DOCK_TIMEOUT + 5.0, "no balloon for the broken settings file")
    icon = desktop.tray_icon_geometry(DOCK_TIMEOUT, proc=app)
    desktop.screenshot(artifacts / "start-up-balloon.png")
    # The tray is at the top right: the balloon hangs below the icon, its right part near it.
    assert first.x + first.w >= icon.x - 40, (first, icon, seen)
    assert first.y <= icon.y + icon.h + 40, (first, icon, seen)


class TraylessDesktop(Desktop):
    """The same headless desktop with no tray host at all (no panel runs)."""

    def _start_tray(self) -> None:
        pass


@pytest.fixture
def trayless_desktop(tmp_path: Path, start_desktop: StartDesktop) -> Desktop:
    return start_desktop(TraylessDesktop(tmp_path / "desktop"))


def test_without_a_tray_a_second_launch_brings_the_status_window_up(
    trayless_desktop: Desktop,
) -> None:
    desktop = trayless_desktop
    app = launch(desktop)
    window = desktop.find_window("^backbreak$", timeout=10.0)
    # Another window covers it, as the user's work would.
    desktop.spawn(["xmessage", "-title", "Covering", "-geometry", "900x300+0+0", "cover"],
                  name="cover")  # fmt: skip
    cover = desktop.find_window("^Covering$", timeout=5.0)
    poll_until(lambda: stacking(desktop).index(cover) > stacking(desktop).index(window), 5.0,
               "the covering window to be stacked above")  # fmt: skip

    second = launch(desktop, name="backbreak-second")
    assert desktop.wait_process_exit(second, EXIT_TIMEOUT + 10) == 0
    said = "backbreak is already running; its window is brought to the front."
    assert said in desktop.log_text("backbreak-second")
    poll_until(lambda: stacking(desktop).index(window) > stacking(desktop).index(cover), 5.0,
               "the status window to come above the covering one")  # fmt: skip
    info = desktop.window_info(window)
    assert info is not None
    assert info.mapped
    assert app.poll() is None


def stacking(desktop: Desktop) -> list[int]:
    """Mapped top-level windows, bottom first (xwininfo lists the topmost first)."""
    return [w.wid for w in reversed(desktop.toplevels()) if w.mapped]
