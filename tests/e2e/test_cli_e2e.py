"""The command line drives the real running app in a real X server: the prompt `break-now`
shows goes away on `snooze`, `skip`, `pause` and `meeting start`, as from its own buttons;
`history` and `stats` read the history file whether or not the app runs."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from backbreak.history.events import BreakEvent, EventKind
from backbreak.history.store import open_history
from tests.e2e.desktop import Desktop, poll_until
from tests.e2e.driver import PROMPT_TITLE, REPO_ROOT, launch_docked

pytestmark = pytest.mark.e2e

ALL_DAY_EVERY_DAY = """\
[schedule]
work_days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
work_start = "00:00"
work_end = "00:00"
interval_minutes = 45
"""


def cli(desktop: Desktop, *args: str) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "backbreak", *args],
        cwd=REPO_ROOT,
        env=desktop.env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stdout, done.stderr


def status(desktop: Desktop) -> dict[str, object]:
    code, out, err = cli(desktop, "status", "--json")
    assert code == 0, err
    report: dict[str, object] = json.loads(out)
    return report


def moment(report: dict[str, object], key: str) -> datetime:
    value = report[key]
    assert isinstance(value, str), report
    return datetime.fromisoformat(value)


def mapped(desktop: Desktop, wid: int) -> bool:
    info = desktop.window_info(wid)
    return info is not None and info.mapped


def show_prompt(desktop: Desktop) -> int:
    """`break-now`; returns the prompt window once it is on screen."""
    assert cli(desktop, "break-now")[:2] == (0, "Break prompt shown.\n")
    wid = desktop.find_window("^" + re.escape(PROMPT_TITLE) + "$", timeout=5.0)
    poll_until(lambda: mapped(desktop, wid), 5.0, "the prompt to show")
    assert status(desktop)["phase"] == "prompt"
    return wid


def prompt_gone(desktop: Desktop, wid: int, after: str) -> None:
    poll_until(lambda: not mapped(desktop, wid), 5.0, f"the prompt to go after {after}")


def write_settings(desktop: Desktop) -> None:
    config = Path(desktop.env["XDG_CONFIG_HOME"]) / "backbreak"
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.toml").write_text(ALL_DAY_EVERY_DAY, encoding="utf-8")


def test_every_control_command_against_the_running_app(desktop: Desktop, artifacts: Path) -> None:
    write_settings(desktop)
    code, _out, err = cli(desktop, "status")
    assert code == 3
    assert "start it with `backbreak`" in err
    app, _icon = launch_docked(desktop)
    poll_until(lambda: cli(desktop, "status")[0] == 0, 10.0, "the app to answer")
    assert status(desktop)["phase"] == "working"
    code, _out, err = cli(desktop, "snooze")
    assert (code, err) == (1, "backbreak snooze: no break prompt is showing\n")

    prompt = show_prompt(desktop)
    desktop.screenshot(artifacts / "cli-break-now.png")
    code, out, _err = cli(desktop, "snooze")
    assert code == 0
    assert out.startswith("Snoozed until ")
    prompt_gone(desktop, prompt, "snooze")
    assert status(desktop)["phase"] == "snoozed"
    code, out, _err = cli(desktop, "skip")  # the snoozed break
    assert (code, out.startswith("Skipped; next break ")) == (0, True)
    assert status(desktop)["phase"] == "working"

    prompt = show_prompt(desktop)
    assert cli(desktop, "skip")[0] == 0
    prompt_gone(desktop, prompt, "skip")

    prompt = show_prompt(desktop)
    code, out, _err = cli(desktop, "pause", "1h")
    assert (code, out.startswith("Paused until ")) == (0, True)
    prompt_gone(desktop, prompt, "pause")
    report = status(desktop)
    paused = moment(report, "paused_until")
    assert abs(paused - datetime.now().astimezone() - timedelta(hours=1)) < timedelta(minutes=1)
    assert str(report["status"]).startswith("Paused until")
    assert f"{paused.astimezone():%H:%M}." in out
    code, out, _err = cli(desktop, "resume")
    assert (code, out.startswith("Resumed; next break ")) == (0, True)
    assert status(desktop)["paused_until"] is None

    prompt = show_prompt(desktop)
    code, out, _err = cli(desktop, "meeting", "start")
    assert (code, out) == (0, "In a meeting until `backbreak meeting end`.\n")
    prompt_gone(desktop, prompt, "meeting start")
    report = status(desktop)
    assert (report["meeting"], report["meeting_until"]) == (True, None)
    assert cli(desktop, "meeting", "end")[0] == 0
    assert status(desktop)["meeting"] is False
    code, out, _err = cli(desktop, "meeting", "start", "--for", "30m")
    assert (code, out.startswith("In a meeting until ")) == (0, True)
    until = moment(status(desktop), "meeting_until")
    assert abs(until - datetime.now().astimezone() - timedelta(minutes=30)) < timedelta(minutes=1)
    assert cli(desktop, "meeting", "end")[0] == 0

    code, out, _err = cli(desktop, "status")
    assert code == 0
    assert "phase:         working" in out
    assert app.poll() is None
    app.terminate()
    desktop.wait_process_exit(app, 10)
    assert cli(desktop, "resume")[0] == 3


def test_history_and_stats_read_the_file_while_the_app_runs_and_after(desktop: Desktop) -> None:
    write_settings(desktop)
    path = Path(desktop.env["XDG_DATA_HOME"]) / "backbreak" / "history.sqlite3"
    now = datetime.now().astimezone().replace(microsecond=0)
    done = max(now - timedelta(minutes=5), now.replace(hour=0, minute=0, second=1))  # today
    with open_history(path).store as store:
        store.record(BreakEvent(done, EventKind.COMPLETED, 86, exercise="seated-t-spine-matrix"))
        store.record(
            BreakEvent(done + timedelta(minutes=1), EventKind.SKIPPED, exercise="breathing")
        )
    app, _icon = launch_docked(desktop)
    for running in (True, False):
        code, out, err = cli(desktop, "history", "--days", "1")
        assert (code, err) == (0, "")
        lines = out.splitlines()
        assert len(lines) == 3
        assert lines[1].startswith(f"{done:%Y-%m-%d %H:%M:%S}  completed  Seated T-spine matrix")
        code, out, err = cli(desktop, "stats", "--json")
        assert (code, err) == (0, "")
        report = json.loads(out)
        assert (report["today"]["taken"], report["today"]["due"]) == (1, 2)
        if running:
            assert app.poll() is None
            app.terminate()
            desktop.wait_process_exit(app, 10)
