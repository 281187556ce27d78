"""The break history as the running app keeps it, in a real X server: what the user does is
recorded and read back by `history`, `stats` and `status`; `history.record = false` keeps no
file; a damaged file is moved aside and reported, a newer one left alone; the Your breaks window
opens from the tray menu on twelve weeks of history (the README's picture)."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest

from backbreak.history.events import BreakEvent, EventKind
from backbreak.history.store import SCHEMA_VERSION, open_history
from tests.e2e.desktop import Desktop, poll_until
from tests.e2e.driver import PROMPT_TITLE, REPO_ROOT, launch_docked, open_menu, press
from tests.e2e.shells import make_shell, shell_class
from tests.e2e.shells.common import App, Shell, ShellError, wait_until
from tests.e2e.test_cli_e2e import cli, prompt_gone, show_prompt, status

pytestmark = pytest.mark.e2e

MATRIX = "seated-t-spine-matrix"
MATRIX_TITLE = "Seated T-spine matrix — backbreak"
MATRIX_STEPS = 15
ALL_DAY_MATRIX = f"""\
[schedule]
work_days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
work_start = "00:00"
work_end = "00:00"
interval_minutes = 45

[break]
exercise = "{MATRIX}"
"""


def write_settings(desktop: Desktop, text: str) -> None:
    folder = Path(desktop.env["XDG_CONFIG_HOME"]) / "backbreak"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.toml").write_text(text, encoding="utf-8")


def safety_note_seen(desktop: Desktop) -> None:
    state = Path(desktop.env["XDG_STATE_HOME"]) / "backbreak"
    state.mkdir(parents=True, exist_ok=True)
    (state / "state.toml").write_text("safety_note_seen = true\n", encoding="utf-8")


def data_folder(desktop: Desktop) -> Path:
    return Path(desktop.env["XDG_DATA_HOME"]) / "backbreak"


def history_file(desktop: Desktop) -> Path:
    return data_folder(desktop) / "history.sqlite3"


def app_log(desktop: Desktop) -> str:
    path = Path(desktop.env["XDG_STATE_HOME"]) / "backbreak" / "log" / "backbreak.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def history_json(desktop: Desktop, *args: str) -> list[dict[str, object]]:
    code, out, err = cli(desktop, "history", "--json", *args)
    assert (code, err) == (0, ""), err
    events: list[dict[str, object]] = json.loads(out)
    return events


def stats_json(desktop: Desktop) -> dict[str, object]:
    code, out, err = cli(desktop, "stats", "--json")
    assert (code, err) == (0, ""), err
    report: dict[str, object] = json.loads(out)
    return report


def start_from_prompt(desktop: Desktop, prompt: int) -> int:
    """Click the prompt's Start (the first of its three bottom buttons); the exercise window."""
    info = desktop.window_info(prompt)
    assert info is not None
    area = info.geometry
    desktop.run_xdotool("mousemove", area.x + area.w // 6, area.y + area.h - 26)
    desktop.run_xdotool("click", 1)
    window = desktop.find_window("^" + re.escape(MATRIX_TITLE) + "$", timeout=5.0)
    desktop.run_xdotool("windowfocus", "--sync", window)
    return window


def test_what_the_user_does_is_recorded_and_read_back(desktop: Desktop) -> None:
    write_settings(desktop, ALL_DAY_MATRIX)
    safety_note_seen(desktop)
    app, _icon = launch_docked(desktop)
    poll_until(lambda: cli(desktop, "status")[0] == 0, 10.0, "the app to answer")

    prompt = show_prompt(desktop)
    assert cli(desktop, "skip")[0] == 0
    prompt_gone(desktop, prompt, "skip")

    prompt = show_prompt(desktop)
    window = start_from_prompt(desktop, prompt)
    press(desktop, *["Right"] * MATRIX_STEPS, "Return")  # every step, then Finish
    poll_until(lambda: f"break {MATRIX}: completed" in app_log(desktop), 10.0, "the finished break")
    poll_until(lambda: desktop.window_info(window) is None or not _mapped(desktop, window), 5.0,
               "the exercise window to close")  # fmt: skip

    code, out, _err = cli(desktop, "pause", "30m")
    assert (code, out.startswith("Paused until ")) == (0, True)

    events = history_json(desktop, "--days", "1")
    kinds = [(event["event"], event["exercise"]) for event in events]
    assert kinds == [
        ("prompted", MATRIX),
        ("skipped", MATRIX),
        ("prompted", MATRIX),
        ("started", MATRIX),
        ("completed", MATRIX),
        ("paused", MATRIX),  # the break that waits out the pause
    ], events
    completed = next(event for event in events if event["event"] == "completed")
    assert isinstance(completed["seconds"], int)
    assert completed["seconds"] >= 0

    today = stats_json(desktop)["today"]
    assert isinstance(today, dict)
    assert (today["taken"], today["due"], today["skipped"]) == (1, 2, 1), today
    assert today["date"] == datetime.now().astimezone().date().isoformat()
    running = status(desktop)["today"]
    assert isinstance(running, dict)
    assert (running["taken"], running["due"], running["goal"]) == (1, 2, today["goal"]), running
    assert running["minutes_moved"] == today["minutes_moved"]
    assert app.poll() is None


def _mapped(desktop: Desktop, wid: int) -> bool:
    info = desktop.window_info(wid)
    return info is not None and info.mapped


def test_with_recording_off_nothing_is_recorded_and_no_file_made(desktop: Desktop) -> None:
    write_settings(desktop, ALL_DAY_MATRIX + "\n[history]\nrecord = false\n")
    app, _icon = launch_docked(desktop)
    poll_until(lambda: cli(desktop, "status")[0] == 0, 10.0, "the app to answer")
    prompt = show_prompt(desktop)
    assert cli(desktop, "skip")[0] == 0
    prompt_gone(desktop, prompt, "skip")
    assert cli(desktop, "pause", "30m")[0] == 0
    report = status(desktop)
    assert report["paused_until"] is not None, report
    assert history_json(desktop) == []
    assert stats_json(desktop)["recorded"] is False
    assert not data_folder(desktop).exists(), list(data_folder(desktop).iterdir())
    assert app.poll() is None


def test_a_damaged_history_is_moved_aside_and_reported_once(desktop: Desktop) -> None:
    write_settings(desktop, ALL_DAY_MATRIX)
    folder = data_folder(desktop)
    folder.mkdir(parents=True)
    damaged = b"this is not a database\n" * 200
    history_file(desktop).write_bytes(damaged)
    app, icon = launch_docked(desktop)
    poll_until(lambda: cli(desktop, "status")[0] == 0, 10.0, "the app to answer")

    for _ in range(2):  # two events: the second finds the fresh file, and says nothing more
        prompt = show_prompt(desktop)
        assert cli(desktop, "skip")[0] == 0
        prompt_gone(desktop, prompt, "skip")
    moved = poll_until(lambda: list(folder.glob("history.sqlite3.corrupt-*")), 5.0,
                       "the damaged file to be moved aside")  # fmt: skip
    assert [path.read_bytes() for path in moved] == [damaged]
    # Said once, in the log and on screen (a balloon at the icon: no notification service runs).
    said = [line for line in app_log(desktop).splitlines() if "a new history was started" in line]
    assert len(said) == 1, said
    assert str(moved[0]) in said[0]
    poll_until(desktop.popups, 5.0, "no balloon for the damaged history")
    assert [event["event"] for event in history_json(desktop)] == ["prompted", "skipped"] * 2
    assert app.poll() is None
    assert icon.w > 0


def test_a_history_from_a_newer_backbreak_is_left_untouched(desktop: Desktop) -> None:
    write_settings(desktop, ALL_DAY_MATRIX)
    path = history_file(desktop)
    with open_history(path).store as store:
        store.record(
            BreakEvent(datetime.now().astimezone(), EventKind.COMPLETED, 60, exercise=MATRIX)
        )
        store._connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = {p.name: p.read_bytes() for p in path.parent.iterdir()}
    app, _icon = launch_docked(desktop)
    poll_until(lambda: cli(desktop, "status")[0] == 0, 10.0, "the app to answer")
    prompt = show_prompt(desktop)
    assert cli(desktop, "skip")[0] == 0
    prompt_gone(desktop, prompt, "skip")
    poll_until(lambda: "newer" in app_log(desktop), 5.0, "the newer file to be reported")
    assert app.poll() is None
    app.terminate()
    desktop.wait_process_exit(app, 10)
    assert {p.name: p.read_bytes() for p in path.parent.iterdir()} == before


def seed_twelve_weeks(path: Path, now: datetime) -> int:
    """Twelve weeks of a working life, weekdays 09:00-17:00: prompts taken, snoozed, skipped,
    natural breaks and meetings, with the mid-back routine on most days. Returns the count."""
    chance = random.Random(20261201)
    exercises = [
        MATRIX,
        "breathing",
        "foam-roll-thoracic-extension",
        "scapular-squeeze",
        "seated-thoracic-extension",
    ]
    today = now.date()
    count = 0
    with open_history(path, now=now).store as store:
        for back in range(12 * 7, -1, -1):
            day = today - timedelta(days=back)
            if day.weekday() >= 5:
                continue
            at = datetime.combine(day, time(9, 0), tzinfo=now.tzinfo)
            end = min(datetime.combine(day, time(17, 0), tzinfo=now.tzinfo), now)
            keen = 0.55 + 0.35 * (1 - back / 84)  # better habits lately
            while True:
                at += timedelta(minutes=45 + chance.randint(-5, 10))
                if at >= end:
                    break
                exercise = chance.choice(exercises)
                roll = chance.random()
                made: list[BreakEvent] = []
                if roll < 0.08:
                    made.append(BreakEvent(at, EventKind.NATURAL, cause="idle"))
                elif roll < 0.14:
                    made.append(BreakEvent(at, EventKind.DEFERRED, cause="meeting"))
                else:
                    made.append(BreakEvent(at, EventKind.PROMPTED, exercise=exercise))
                    if chance.random() < 0.2:
                        made.append(BreakEvent(at + timedelta(seconds=20), EventKind.SNOOZED,
                                               exercise=exercise))  # fmt: skip
                        at += timedelta(minutes=10)
                        made.append(BreakEvent(at, EventKind.PROMPTED, exercise=exercise))
                    if chance.random() < keen:
                        seconds = chance.randint(90, 300)
                        start = at + timedelta(seconds=30)
                        made.append(BreakEvent(start, EventKind.STARTED, exercise=exercise))
                        early = chance.random() < 0.15
                        kind = EventKind.ENDED_EARLY if early else EventKind.COMPLETED
                        made.append(BreakEvent(start + timedelta(seconds=seconds), kind,
                                               seconds // 2 if early else seconds,
                                               exercise=exercise))  # fmt: skip
                    else:
                        made.append(BreakEvent(at + timedelta(seconds=40), EventKind.SKIPPED,
                                               exercise=exercise))  # fmt: skip
                for event in made:
                    if event.at < now:
                        store.record(event)
                        count += 1
    return count


def test_your_breaks_opens_from_the_tray_on_twelve_weeks_of_history(
    desktop: Desktop, screenshots: Path, artifacts: Path
) -> None:
    now = datetime.now().astimezone().replace(microsecond=0)
    count = seed_twelve_weeks(history_file(desktop), now)
    assert count > 1000
    _app, icon = launch_docked(desktop)
    open_menu(desktop, icon)
    press(desktop, "Up", "Up", "Up", "Up", "Return")  # from the bottom: Quit, About, Settings
    window = desktop.find_window("^Your breaks$", timeout=10.0)
    desktop.wait_popups_closed()
    poll_until(lambda: _mapped(desktop, window), 5.0, "the Your breaks window to show")
    info = desktop.window_info(window)
    assert info is not None
    shot = desktop.screenshot(desktop.root / "your-breaks-full.png")
    desktop.crop(shot, screenshots / "your-breaks.png", info.geometry)
    desktop.crop(shot, artifacts / "your-breaks-e2e.png", info.geometry)
    assert PROMPT_TITLE not in desktop.window_name(window)


@pytest.fixture
def sway(tmp_path: Path) -> Iterator[Shell]:
    """sway with swaybar as the StatusNotifierItem host: the tray icon's tooltip is a D-Bus
    property there (in trayer's XEmbed tray it is only ever drawn)."""
    absent = shell_class("sway").missing_tools()
    if absent:
        pytest.skip("the tooltip test needs sway: " + ", ".join(absent))
    shell = make_shell("sway", tmp_path / "sway-logs")
    try:
        shell.start()
    except ShellError as exc:
        shell.stop()
        pytest.fail(f"sway did not start: {exc}\n{shell.all_logs()}")
    yield shell
    shell.stop()


def tooltip_text(shell: Shell, item: str) -> str:
    """The item's ``ToolTip`` (icon name, icon pixmaps, title, text), as the panel shows it."""
    value = shell.item_property(item, "ToolTip")
    assert isinstance(value, list), value
    return "\n".join(str(part) for part in value[2:] if part)


def test_the_tray_tooltip_counts_todays_breaks_from_the_history(sway: Shell) -> None:
    env = sway.env_for_app()
    config = Path(env["XDG_CONFIG_HOME"]) / "backbreak"
    config.mkdir(parents=True)
    (config / "settings.toml").write_text(ALL_DAY_MATRIX, encoding="utf-8")
    now = datetime.now().astimezone().replace(microsecond=0)
    earlier = max(now - timedelta(minutes=30), now.replace(hour=0, minute=0, second=1))
    path = Path(env["XDG_DATA_HOME"]) / "backbreak" / "history.sqlite3"
    with open_history(path).store as store:
        for minutes in (0, 1):
            at = earlier + timedelta(minutes=minutes)
            store.record(BreakEvent(at, EventKind.COMPLETED, 120, exercise=MATRIX))
        store.record(BreakEvent(earlier + timedelta(minutes=2), EventKind.SKIPPED, exercise=MATRIX))
    app = App(sway, sway.spawn([sys.executable, "-m", "backbreak"], name="backbreak", env=env),
              env, "backbreak")  # fmt: skip
    item = app.item()

    def run(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "backbreak", *args], cwd=REPO_ROOT, env=env,
                              capture_output=True, text=True, timeout=30, check=False)  # fmt: skip
        assert done.returncode == 0, done.stderr
        return done.stdout

    wait_until(lambda: run("status") and True, 10.0, "the app to answer")
    run("pause", "30m")  # an event: the history is open from now on
    wait_until(lambda: "Paused until" in tooltip_text(sway, item), 5.0,
               lambda: f"the tooltip to say paused: {tooltip_text(sway, item)!r}")  # fmt: skip
    today = json.loads(run("stats", "--json"))["today"]
    assert (today["taken"], today["goal"]) == (2, 6), today
    assert tooltip_text(sway, item).splitlines()[-1] == "2 of 6 breaks today"
    run("resume")
    wait_until(lambda: "Next break" in tooltip_text(sway, item), 5.0,
               lambda: f"the tooltip after resume: {tooltip_text(sway, item)!r}")  # fmt: skip
    assert tooltip_text(sway, item).splitlines()[-1] == "2 of 6 breaks today"
    app.check_running()
