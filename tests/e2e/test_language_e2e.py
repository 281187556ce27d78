"""The real app in a real X server speaks the system's language, or the one the settings name."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.desktop import Desktop
from tests.e2e.driver import DOCK_TIMEOUT, PROMPT_TITLE, REPO_ROOT, open_menu, press

pytestmark = pytest.mark.e2e

DANISH_SYSTEM = {"LANG": "da_DK.UTF-8", "LANGUAGE": "da"}


def launch_in(desktop: Desktop, language: str | None) -> subprocess.Popen[bytes]:
    if language is not None:
        config = Path(desktop.env["XDG_CONFIG_HOME"]) / "backbreak"
        config.mkdir(parents=True, exist_ok=True)
        (config / "settings.toml").write_text(
            f'schema_version = 1\n\n[interface]\nlanguage = "{language}"\n', encoding="utf-8"
        )
    return desktop.spawn(
        [sys.executable, "-m", "backbreak"],
        name="backbreak",
        cwd=REPO_ROOT,
        extra_env=DANISH_SYSTEM,
    )


def take_a_break_now(desktop: Desktop, app: subprocess.Popen[bytes]) -> None:
    icon = desktop.tray_icon_geometry(DOCK_TIMEOUT, proc=app)
    open_menu(desktop, icon)
    press(desktop, "Down", "Return")  # the first enabled item: Take a break now


def test_a_danish_system_gets_a_danish_prompt(desktop: Desktop) -> None:
    app = launch_in(desktop, None)
    take_a_break_now(desktop, app)
    prompt = desktop.find_window("^Tid til en pause — backbreak$", timeout=5.0)
    assert desktop.window_name(prompt) == "Tid til en pause — backbreak"


def test_the_language_setting_beats_the_system(desktop: Desktop) -> None:
    app = launch_in(desktop, "en")
    take_a_break_now(desktop, app)
    prompt = desktop.find_window("^" + PROMPT_TITLE + "$", timeout=5.0)
    assert desktop.window_name(prompt) == PROMPT_TITLE
