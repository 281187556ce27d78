"""Presence end to end: the real app in a real X server notices the user away, and a
fullscreen window holding a due prompt back until it leaves fullscreen.

These tests take real minutes by nature (the user is away; a snooze runs out), so they
poll the running app over its command socket with generous deadlines.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from backbreak.platform.instance import send_request
from tests.e2e.desktop import TAG_VAR, Desktop, poll_until
from tests.e2e.driver import PROMPT_TITLE, launch_docked, open_menu, press
from tests.e2e.test_fullscreen_x11 import full_screen_geometry, set_fullscreen, window
from tests.e2e.test_guided_break_e2e import app_log

pytestmark = pytest.mark.e2e


def write_settings(desktop: Desktop, text: str) -> None:
    folder = Path(desktop.env["XDG_CONFIG_HOME"]) / "backbreak"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.toml").write_text(text, encoding="utf-8")


def app_address(desktop: Desktop) -> str:
    """The app's command socket as the app computes it in the desktop's environment."""
    code = "from backbreak.platform.instance import instance_address; print(instance_address())"
    env = {k: v for k, v in desktop.env.items() if k != TAG_VAR}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def status(desktop: Desktop) -> dict[str, object]:
    reply = send_request(app_address(desktop), {"cmd": "status"})
    assert reply is not None, "the app does not answer"
    return reply


def next_break(desktop: Desktop) -> datetime | None:
    value = status(desktop)["next_break"]
    return None if value is None else datetime.fromisoformat(str(value))


def prompt_shown(desktop: Desktop) -> bool:
    wids = desktop.run_xdotool(
        "search", "--onlyvisible", "--name", "^" + re.escape(PROMPT_TITLE) + "$", check=False
    )
    return bool(wids.strip())


ALL_DAYS = 'work_days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]\n'
ALL_HOURS = 'work_start = "00:00"\nwork_end = "00:00"\n'


def test_an_unanswered_prompt_is_withdrawn_when_the_user_leaves_and_the_absence_is_the_break(
    desktop: Desktop,
) -> None:
    write_settings(
        desktop,
        "[schedule]\ninterval_minutes = 5\n" + ALL_DAYS + ALL_HOURS
        + '[break]\nexercise = "scapular-squeeze"\n[presence]\nidle_minutes = 1\n',
    )  # fmt: skip
    _app, icon = launch_docked(desktop)
    poll_until(lambda: next_break(desktop) is not None, 10.0, "the first plan")
    open_menu(desktop, icon)
    press(desktop, "Down", "Return")  # Take a break now: the last input for a while
    left = time.monotonic()
    poll_until(lambda: prompt_shown(desktop), 5.0, "the prompt")
    assert status(desktop)["phase"] == "prompt"

    # No input: after a minute the app takes the user as away and takes the prompt back.
    poll_until(lambda: not prompt_shown(desktop), 90.0, "the prompt to be withdrawn")
    assert time.monotonic() - left >= 55
    assert status(desktop)["phase"] == "working"
    assert next_break(desktop) is None  # nothing is planned while the user is away
    # Stay away longer than the break (66 s), then come back.
    poll_until(lambda: time.monotonic() - left > 75, 90.0, "time away to pass")
    desktop.run_xdotool("mousemove", 300, 300)
    back = datetime.now().astimezone()
    poll_until(lambda: next_break(desktop) is not None, 20.0, "the app to notice the return")
    assert not prompt_shown(desktop)
    moved = next_break(desktop)
    assert moved is not None
    assert abs(moved - (back + timedelta(minutes=5))) < timedelta(seconds=25)
    log = app_log(desktop)
    assert "prompt withdrawn: away" in log
    assert re.search(r"break scapular-squeeze: natural after \d+ s", log), log


def test_a_fullscreen_window_defers_the_prompt_until_it_leaves_fullscreen(
    desktop: Desktop, artifacts: Path
) -> None:
    write_settings(
        desktop,
        "[schedule]\nsnooze_minutes = 1\n" + ALL_DAYS + ALL_HOURS
        + "[presence]\nidle_minutes = 30\n",
    )  # fmt: skip
    _app, icon = launch_docked(desktop)
    open_menu(desktop, icon)
    press(desktop, "Down", "Return")  # Take a break now
    prompt = desktop.find_window("^" + re.escape(PROMPT_TITLE) + "$", timeout=5.0)
    info = desktop.window_info(prompt)
    assert info is not None
    area = info.geometry
    desktop.run_xdotool("mousemove", area.x + area.w // 2, area.y + area.h - 26)
    desktop.run_xdotool("click", 1)  # Snooze: the prompt is due again in a minute
    poll_until(lambda: not prompt_shown(desktop), 5.0, "the prompt to go away")
    assert status(desktop)["phase"] == "snoozed"

    due = next_break(desktop)
    assert due is not None
    video = window(desktop, "Video call", full_screen_geometry(desktop))
    set_fullscreen(desktop, video, True)
    poll_until(lambda: status(desktop)["deferred_by"] == ["fullscreen"], 10.0,
               "the app to see the fullscreen window")  # fmt: skip
    # The snooze runs out while the video call is fullscreen: the prompt must wait.
    poll_until(lambda: datetime.now().astimezone() > due + timedelta(seconds=3), 90.0,
               "the snoozed prompt to come due")  # fmt: skip
    assert status(desktop)["deferred_by"] == ["fullscreen"]
    assert not prompt_shown(desktop)
    desktop.screenshot(artifacts / "fullscreen-deferred.png")

    set_fullscreen(desktop, video, False)
    poll_until(lambda: prompt_shown(desktop), 10.0,
               f"the prompt once fullscreen ended ({status(desktop)})")  # fmt: skip
    assert status(desktop)["phase"] == "prompt"
