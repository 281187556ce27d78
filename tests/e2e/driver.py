"""Driving the real app in a headless desktop the way a user would (shared by the e2e tests)."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

from tests.e2e.desktop import Desktop, Geometry, WindowInfo

REPO_ROOT = Path(__file__).resolve().parents[2]
PROMPT_TITLE = "Time for a break — backbreak"
DOCK_TIMEOUT = 5.0
EXIT_TIMEOUT = 5.0

_right_clicks = itertools.count()


def launch(desktop: Desktop, name: str = "backbreak") -> subprocess.Popen[bytes]:
    return desktop.spawn([sys.executable, "-m", "backbreak"], name=name, cwd=REPO_ROOT)


def launch_docked(desktop: Desktop) -> tuple[subprocess.Popen[bytes], Geometry]:
    app = launch(desktop)
    return app, desktop.tray_icon_geometry(DOCK_TIMEOUT, proc=app)


def open_menu(desktop: Desktop, icon: Geometry) -> WindowInfo:
    """Right-click the tray icon; returns the menu's popup window once it has the keyboard.

    Qt turns a press within the double-click interval and 5 px of the previous one into a
    double-click, which opens no menu; successive right-clicks therefore alternate between two
    spots on the icon, as far apart as it allows.
    """
    quarter = icon.w // 4
    x = icon.x + quarter if next(_right_clicks) % 2 == 0 else icon.x + icon.w - 1 - quarter
    y = icon.centre[1]
    before = {w.wid for w in desktop.popups()}
    desktop.run_xdotool("mousemove", x, y)
    desktop.run_xdotool("click", 3)
    return desktop.wait_for_popup(before)


def press(desktop: Desktop, *keys: str) -> None:
    for key in keys:
        desktop.run_xdotool("key", key)
