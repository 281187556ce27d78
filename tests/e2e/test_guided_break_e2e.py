"""A guided break in a real X server: opened from the tray, walked through with the keyboard."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.e2e.desktop import Desktop, Geometry, StartDesktop, poll_until
from tests.e2e.driver import PROMPT_TITLE, launch_docked, open_menu, press

pytestmark = pytest.mark.e2e

MATRIX_TITLE = "Seated T-spine matrix — backbreak"
BREATHING_TITLE = "Paced breathing — backbreak"
FOAM_TITLE = "Foam-roller thoracic extension — backbreak"


def write_settings(desktop: Desktop, text: str) -> None:
    folder = Path(desktop.env["XDG_CONFIG_HOME"]) / "backbreak"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.toml").write_text(text, encoding="utf-8")


def app_log(desktop: Desktop) -> str:
    path = Path(desktop.env["XDG_STATE_HOME"]) / "backbreak" / "log" / "backbreak.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def window_shown(desktop: Desktop, window: int) -> bool:
    info = desktop.window_info(window)
    return info is not None and info.mapped


def open_break(desktop: Desktop, title: str) -> tuple[subprocess.Popen[bytes], int]:
    """Tray menu → Take a break now → the prompt's Start → the exercise window."""
    app, icon = launch_docked(desktop)
    open_menu(desktop, icon)
    press(desktop, "Down", "Return")
    prompt = desktop.find_window("^" + re.escape(PROMPT_TITLE) + "$", timeout=5.0)
    desktop.wait_popups_closed()
    info = desktop.window_info(prompt)
    assert info is not None
    # Start is the first of the prompt's three buttons, in its bottom row.
    area = info.geometry
    desktop.run_xdotool("mousemove", area.x + area.w // 6, area.y + area.h - 26)
    desktop.run_xdotool("click", 1)
    window = desktop.find_window("^" + re.escape(title) + "$", timeout=5.0)
    desktop.run_xdotool("windowfocus", "--sync", window)
    return app, window


def test_the_t_spine_matrix_walks_through_every_step_with_the_keyboard(
    desktop: Desktop, artifacts: Path, screenshots: Path
) -> None:
    write_settings(desktop, '[break]\nexercise = "seated-t-spine-matrix"\n')
    app, window = open_break(desktop, MATRIX_TITLE)
    shots = artifacts / "guided-break"
    shots.mkdir(exist_ok=True)
    for old in shots.glob("step-*.png"):
        old.unlink()

    # First break ever: the safety note sits on top; "Got it" is before Back in the tab order
    # and the focus starts on Pause.
    info = desktop.window_info(window)
    assert info is not None
    desktop.crop(desktop.screenshot(desktop.root / "screen.png"), shots / "step-00-safety-note.png",
                 info.geometry)  # fmt: skip
    press(desktop, "shift+Tab", "shift+Tab", "Return")
    state = Path(desktop.env["XDG_STATE_HOME"]) / "backbreak" / "state.toml"
    poll_until(state.exists, 5.0, "the safety note to be remembered")
    assert "safety_note_seen = true" in state.read_text(encoding="utf-8")
    steps = 15
    for number in range(1, steps + 1):
        info = desktop.window_info(window)
        assert info is not None
        assert info.mapped
        shot = desktop.screenshot(desktop.root / "screen.png")
        desktop.crop(shot, shots / f"step-{number:02d}.png", info.geometry)
        if number == 3:  # the turn itself, for the README
            desktop.crop(shot, screenshots / "exercise-matrix.png", info.geometry)
        press(desktop, "Right")
    info = desktop.window_info(window)
    assert info is not None
    desktop.crop(
        desktop.screenshot(desktop.root / "screen.png"),
        shots / "step-done.png",
        info.geometry,
    )
    press(desktop, "Return")  # Finish
    poll_until(
        lambda: "break seated-t-spine-matrix: completed" in app_log(desktop),
        5.0,
        "the finished break to be recorded",
    )
    poll_until(lambda: not window_shown(desktop, window), 5.0, "the exercise window to close")
    assert app.poll() is None
    assert len(list(shots.glob("step-*.png"))) == steps + 2


def test_the_breathing_pacer_and_closing_with_escape_counts_no_break(
    desktop: Desktop, screenshots: Path
) -> None:
    write_settings(desktop, '[break]\nexercise = "breathing"\n')
    state = Path(desktop.env["XDG_STATE_HOME"]) / "backbreak"
    state.mkdir(parents=True)
    (state / "state.toml").write_text("safety_note_seen = true\n", encoding="utf-8")
    app, window = open_break(desktop, BREATHING_TITLE)
    press(desktop, "Right")  # from "settle" to the pacer
    poll_until(lambda: desktop.window_info(window) is not None, 2.0, "the window")
    info = desktop.window_info(window)
    assert info is not None
    desktop.crop(
        desktop.screenshot(desktop.root / "screen.png"),
        screenshots / "exercise-breathing.png",
        info.geometry,
    )
    press(desktop, "Escape")
    poll_until(
        lambda: "break breathing: closed after" in app_log(desktop),
        5.0,
        "the close to be recorded",
    )
    assert "not counted as taken (skipped)" in app_log(desktop)
    assert app.poll() is None


@pytest.fixture
def laptop_at_200(tmp_path: Path, start_desktop: StartDesktop) -> Desktop:
    """A 1366×768 screen with the app at 200 % (683×384 logical pixels)."""
    desk = start_desktop(Desktop(tmp_path / "desktop", screen="1366x768x24"))
    desk.env["QT_SCALE_FACTOR"] = "2"
    return desk


def test_the_exercise_window_fits_a_1366x768_screen_at_200_percent(
    laptop_at_200: Desktop, artifacts: Path
) -> None:
    desktop = laptop_at_200
    # The longest safety note on its first break: the tallest the window ever wants to be.
    write_settings(desktop, '[break]\nexercise = "foam-roll-thoracic-extension"\n')
    app, window = open_break(desktop, FOAM_TITLE)
    info = desktop.window_info(window)
    assert info is not None
    desktop.crop(
        desktop.screenshot(desktop.root / "screen.png"),
        artifacts / "exercise-200.png",
        info.geometry,
    )
    assert Geometry(0, 0, 1366, 768).contains(info.geometry), info.geometry
    press(desktop, "Escape")  # Esc reaches it: it is on screen and has the keyboard
    poll_until(
        lambda: "break foam-roll-thoracic-extension: closed after" in app_log(desktop),
        5.0,
        "the close to be recorded",
    )
    assert app.poll() is None
