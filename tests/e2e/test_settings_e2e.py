"""The settings dialog end to end: tray menu → Settings…, keyboard only, OK, and the
running app re-plans at once."""

from __future__ import annotations

import tomllib
from datetime import timedelta
from pathlib import Path

import pytest

from tests.e2e.desktop import Desktop, poll_until
from tests.e2e.driver import launch_docked, open_menu, press
from tests.e2e.test_presence_e2e import ALL_DAYS, ALL_HOURS, next_break, status, write_settings

pytestmark = pytest.mark.e2e

TITLE = "backbreak settings"


def test_change_the_interval_with_the_keyboard_and_see_the_new_next_break(
    desktop: Desktop, screenshots: Path
) -> None:
    write_settings(desktop, "[schedule]\n" + ALL_DAYS + ALL_HOURS)
    _app, icon = launch_docked(desktop)
    poll_until(lambda: next_break(desktop) is not None, 10.0, "the first plan")
    before = next_break(desktop)
    assert before is not None

    open_menu(desktop, icon)
    press(desktop, "Up", "Up", "Up", "Return")  # from the bottom: Quit, About, Settings…
    dialog = desktop.find_window(f"^{TITLE}$", timeout=5.0)
    desktop.run_xdotool("windowfocus", "--sync", dialog)
    press(desktop, "Tab")  # from the page tabs to the first field: the interval
    press(desktop, "ctrl+a")
    desktop.run_xdotool("type", "30")
    info = desktop.window_info(dialog)
    assert info is not None
    desktop.crop(desktop.screenshot(desktop.root / "screen.png"), screenshots / "settings.png",
                 info.geometry)  # fmt: skip
    press(desktop, "Return")  # OK

    settings_file = Path(desktop.env["XDG_CONFIG_HOME"]) / "backbreak" / "settings.toml"
    poll_until(
        lambda: "interval_minutes = 30" in settings_file.read_text(encoding="utf-8"),
        5.0,
        "the new interval in the file",
    )
    document = tomllib.loads(settings_file.read_text(encoding="utf-8"))
    assert document["schedule"]["interval_minutes"] == 30
    assert document["schedule"]["work_days"] == [  # what was there is kept
        "mon", "tue", "wed", "thu", "fri", "sat", "sun",
    ]  # fmt: skip

    poll_until(lambda: next_break(desktop) != before, 5.0, "the app to re-plan")
    after = next_break(desktop)
    assert after is not None
    assert after - before == timedelta(minutes=-15)  # the time already counted is kept
    line = str(status(desktop)["status"])
    assert line == f"Next break at {after.astimezone():%H:%M}"
    poll_until(lambda: not window_shown(desktop, dialog), 5.0, "OK to close the dialog")


def window_shown(desktop: Desktop, window: int) -> bool:
    info = desktop.window_info(window)
    return info is not None and info.mapped
