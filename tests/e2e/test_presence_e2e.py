"""Presence end to end: the real app in a real X server notices the user away, and a
fullscreen window holding a due prompt back until it leaves fullscreen.

The minutes these take (the user is away; a snooze runs out) pass on the app's test clock
(``BACKBREAK_TEST_CLOCK``, see ``backbreak.shell.clock_control``): the test moves it ahead over the
command socket, and the idle time the app reads from the X server counts the jumps made since
the last input, so a minute skipped without input is a minute away.
"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from backbreak.platform.instance import send_request
from tests.e2e.desktop import TAG_VAR, Desktop, Geometry, poll_until
from tests.e2e.driver import DOCK_TIMEOUT, PROMPT_TITLE, REPO_ROOT, open_menu, press
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


def launch_on_test_clock(desktop: Desktop) -> tuple[subprocess.Popen[bytes], Geometry]:
    """The app on a clock the test moves ahead (``clock``), docked in the tray."""
    app = desktop.spawn(
        [sys.executable, "-m", "backbreak"],
        name="backbreak",
        cwd=REPO_ROOT,
        extra_env={"BACKBREAK_TEST_CLOCK": "now"},
    )
    return app, desktop.tray_icon_geometry(DOCK_TIMEOUT, proc=app)


def clock(desktop: Desktop, advance: float = 0) -> datetime:
    """Move the app's clock ``advance`` seconds ahead at once; the app's time after the jump."""
    reply = send_request(app_address(desktop), {"cmd": "clock", "advance": advance})
    assert reply is not None, "the app does not answer"
    assert reply["ok"] is True, reply
    return datetime.fromisoformat(str(reply["now"]))


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
    _app, icon = launch_on_test_clock(desktop)
    poll_until(lambda: next_break(desktop) is not None, 10.0, "the first plan")
    open_menu(desktop, icon)
    press(desktop, "Down", "Return")  # Take a break now: the last input for a while
    poll_until(lambda: prompt_shown(desktop), 5.0, "the prompt")
    assert status(desktop)["phase"] == "prompt"

    # Half a minute without input is not away yet.
    clock(desktop, advance=30)
    assert status(desktop)["phase"] == "prompt"
    # No input for a minute: the app takes the user as away and takes the prompt back.
    clock(desktop, advance=31)
    poll_until(lambda: not prompt_shown(desktop), 5.0, "the prompt to be withdrawn")
    assert status(desktop)["phase"] == "working"
    assert next_break(desktop) is None  # nothing is planned while the user is away
    # Stay away longer than the break (66 s), then come back.
    clock(desktop, advance=20)
    desktop.run_xdotool("mousemove", 300, 300)
    poll_until(lambda: next_break(desktop) is not None, 5.0, "the app to notice the return")
    back = clock(desktop)
    assert not prompt_shown(desktop)
    moved = next_break(desktop)
    assert moved is not None
    assert abs(moved - (back + timedelta(minutes=5))) < timedelta(seconds=10)
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
    _app, icon = launch_on_test_clock(desktop)
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
    now = clock(desktop)
    assert now < due
    assert clock(desktop, advance=(due - now).total_seconds() + 3) > due
    state = status(desktop)
    assert state["deferred_by"] == ["fullscreen"]
    assert state["phase"] == "snoozed"  # due, and held back
    assert not prompt_shown(desktop)
    desktop.screenshot(artifacts / "fullscreen-deferred.png")

    set_fullscreen(desktop, video, False)
    poll_until(lambda: prompt_shown(desktop), 10.0,
               f"the prompt once fullscreen ended ({status(desktop)})")  # fmt: skip
    assert status(desktop)["phase"] == "prompt"
