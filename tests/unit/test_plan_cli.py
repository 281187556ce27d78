"""`backbreak plan`: the prompts the settings would produce, as text or JSON."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backbreak.cli import main
from backbreak.config.exercise_files import load_catalogue
from backbreak.core.plan import live_state, simulate
from backbreak.core.planner import Planner, Rules
from backbreak.core.workhours import WorkHours
from backbreak.resources import resources_dir

CATALOGUE = load_catalogue(resources_dir() / "exercises")
DURATIONS = {key: exercise.duration for key, exercise in CATALOGUE.items()}


@pytest.fixture(autouse=True)
def runtime_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A runtime folder of our own: never the running app of the machine running the tests."""
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    return runtime


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    # No site files of the machine running the tests.
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "site"))
    return tmp_path / "backbreak"


@pytest.fixture
def site_folders(config_home: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Two system config folders, the first the more important, each with a backbreak folder."""
    folders = [config_home.parent / "corp", config_home.parent / "xdg"]
    monkeypatch.setenv("XDG_CONFIG_DIRS", ":".join(str(folder) for folder in folders))
    return [folder / "backbreak" for folder in folders]


@pytest.fixture
def copenhagen(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Copenhagen")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def write_settings(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, str]]:
    """The prompts of a plan from the settings alone."""
    assert main(["plan", "--json", *args]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["basis"] == "settings"
    assert "since each work period began" in report["assumes"]
    prompts: list[dict[str, str]] = report["prompts"]
    return prompts


def exit_status(args: list[str]) -> int | str | None:
    """What the command exits with, whether argparse or the command itself decides it."""
    try:
        return main(args)
    except SystemExit as exit_info:
        return exit_info.code


@pytest.mark.usefixtures("config_home", "copenhagen")
def test_default_settings_plan_a_working_day(capsys: pytest.CaptureFixture[str]) -> None:
    plan = run_json(capsys, "--from", "2026-03-02T08:00")  # a Monday
    assert plan[0] == {"at": "2026-03-02T09:45:00+01:00", "exercise": "seated-t-spine-matrix"}
    assert plan[1]["exercise"] == "breathing"
    times = [datetime.fromisoformat(item["at"]) for item in plan]
    assert all(t.date().isoformat() == "2026-03-02" and 9 <= t.hour < 17 for t in times)
    # The next prompt comes interval_minutes after the previous break ends.
    assert (
        times[1] - times[0] == timedelta(minutes=45) + CATALOGUE["seated-t-spine-matrix"].duration
    )
    assert len(plan) == 10


@pytest.mark.usefixtures("copenhagen")
def test_night_shift_across_the_autumn_dst_change(
    config_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_settings(
        config_home,
        'schema_version = 1\n[schedule]\nwork_days = ["sat"]\nwork_start = "22:00"\n'
        'work_end = "06:00"\ninterval_minutes = 60\n[break]\nexercise = "breathing"\n',
    )
    plan = run_json(capsys, "--from", "2026-10-24T12:00", "--days", "2")
    times = [datetime.fromisoformat(item["at"]) for item in plan]
    assert times[0].isoformat() == "2026-10-24T23:00:00+02:00"
    assert {t.utcoffset() for t in times} == {timedelta(hours=2), timedelta(hours=1)}
    step = timedelta(minutes=60) + CATALOGUE["breathing"].duration
    assert {b - a for a, b in pairwise(times)} == {step}  # elapsed time, DST or not
    assert times[-1] < datetime(2026, 10, 25, 6, tzinfo=ZoneInfo("Europe/Copenhagen"))
    assert len(plan) == 8  # 9 real hours that night


@pytest.mark.usefixtures("config_home", "copenhagen")
def test_from_with_an_offset_and_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "--from", "2026-03-02T07:00:00+00:00"]) == 0
    basis, *lines = capsys.readouterr().out.splitlines()
    assert basis.startswith("Planned from the settings alone: assumes you have been at the")
    assert lines[0] == "Mon 2026-03-02 09:45:00  Seated T-spine matrix"
    assert lines[1].endswith("Paced breathing")


@pytest.mark.usefixtures("config_home", "copenhagen")
def test_starting_mid_period_lists_only_later_prompts(capsys: pytest.CaptureFixture[str]) -> None:
    full = run_json(capsys, "--from", "2026-03-02T08:00", "--days", "2")
    later = run_json(capsys, "--from", "2026-03-02T12:00")
    assert later == [item for item in full if "2026-03-02T12:00" <= item["at"] < "2026-03-03T12:00"]
    assert later[0]["at"] > "2026-03-02T12:00"


@pytest.mark.usefixtures("copenhagen")
def test_unparseable_settings_name_the_file_and_position_and_leave_it_alone(
    config_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_settings(config_home, "[schedule]\ninterval_minutes = = 3\n")
    before = path.read_bytes()
    assert main(["plan"]) == 2
    err = capsys.readouterr().err
    assert str(path) in err
    assert "line 2" in err
    assert "Traceback" not in err
    assert path.read_bytes() == before
    assert list(config_home.iterdir()) == [path]


@pytest.mark.usefixtures("copenhagen")
def test_bad_value_warning_names_the_key_and_plan_uses_the_default(
    config_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_settings(config_home, '[schedule]\ninterval_minutes = 500\nwork_start = "10:00"\n')
    assert main(["plan", "--json", "--from", "2026-03-02T08:00"]) == 0
    captured = capsys.readouterr()
    assert "schedule.interval_minutes" in captured.err
    assert "500" in captured.err
    assert "5 to 240" in captured.err
    plan = json.loads(captured.out)["prompts"]
    assert plan[0]["at"] == "2026-03-02T10:45:00+01:00"  # default interval, user's start


@pytest.mark.usefixtures("config_home")
@pytest.mark.parametrize(
    "args",
    [
        ["plan", "--days", "0"],
        ["plan", "--days", "367"],
        ["plan", "--days", "many"],
        ["plan", "--from", "yesterday"],
        ["plan", "--from", "2026-13-01"],
        ["plan", "--bogus"],
        ["unknown-command"],
    ],
)
def test_bad_command_lines_get_one_line_and_exit_2(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "error:" in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("backbreak ")


@settings(max_examples=150, deadline=None)
@given(
    days=st.frozensets(st.integers(0, 6), min_size=1),
    start_minute=st.integers(0, 24 * 60 - 1),
    end_minute=st.integers(0, 24 * 60 - 1),
    interval=st.integers(5, 240),
    zone=st.sampled_from(["Europe/Copenhagen", "America/New_York", "Australia/Lord_Howe", "UTC"]),
    day_offset=st.integers(0, 365),
)
def test_planned_prompts_fall_strictly_inside_work_periods(
    days: frozenset[int],
    start_minute: int,
    end_minute: int,
    interval: int,
    zone: str,
    day_offset: int,
) -> None:
    tz = ZoneInfo(zone)
    work = WorkHours(
        days,
        datetime.min.replace(hour=start_minute // 60, minute=start_minute % 60).time(),
        datetime.min.replace(hour=end_minute // 60, minute=end_minute % 60).time(),
        tz,
    )
    rules = Rules(work, timedelta(minutes=interval), timedelta(minutes=10))
    begin = datetime(2026, 1, 1, tzinfo=tz) + timedelta(days=day_offset)
    rotation = ("seated-t-spine-matrix", "breathing")
    prompts = simulate(rules, rotation, DURATIONS, begin, begin + timedelta(days=3))
    previous = None
    for prompt in prompts:
        period = work.period_at(prompt.at)
        assert period is not None, "a prompt outside work hours"
        assert period.start < prompt.at < period.end
        if previous is None or not period.contains(previous.at):
            ended = None if previous is None else previous.at + DURATIONS[previous.exercise]
            if ended is not None and ended > period.start:
                # The previous period's last break ran on into this (adjacent) period: the
                # new interval starts when that break ends.
                assert prompt.at - ended == timedelta(minutes=interval)
            else:
                assert prompt.at - period.start == timedelta(minutes=interval) or (
                    prompt.at - period.start > timedelta(minutes=interval) and previous is None
                )
        else:
            gap = prompt.at - previous.at
            assert gap == timedelta(minutes=interval) + DURATIONS[previous.exercise]
        previous = prompt


@pytest.mark.usefixtures("config_home")
def test_tz_environment_variable_is_honoured(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    firsts = {}
    try:
        for zone in ("Europe/Copenhagen", "America/New_York"):
            monkeypatch.setenv("TZ", zone)
            time.tzset()
            firsts[zone] = run_json(capsys, "--from", "2026-03-02T00:00")[0]["at"]
    finally:
        monkeypatch.undo()
        time.tzset()
    assert firsts == {
        "Europe/Copenhagen": "2026-03-02T09:45:00+01:00",
        "America/New_York": "2026-03-02T09:45:00-05:00",
    }


CUSTOM_EXERCISE = """\
id = "desk-reach"
title = "Desk reach"
summary = "Reach up tall."
position = "standing"
office = true

[[steps]]
text = "Reach up."
seconds = 60
"""


def write_custom(config_home: Path, name: str, text: str) -> Path:
    folder = config_home / "exercises"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.usefixtures("copenhagen")
def test_custom_exercises_can_be_chosen_and_bad_ones_are_reported(
    config_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_settings(config_home, '[break]\nexercise = ["desk-reach", "breathing"]\n')
    write_custom(config_home, "desk-reach.toml", CUSTOM_EXERCISE)
    broken = write_custom(config_home, "broken.toml", CUSTOM_EXERCISE.replace("seconds", "secs"))
    assert main(["plan", "--from", "2026-03-02T08:00"]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()[1:]
    assert lines[0] == "Mon 2026-03-02 09:45:00  Desk reach"
    assert lines[1].endswith("Paced breathing")
    assert lines[2].endswith("Desk reach")
    (warning,) = captured.err.splitlines()
    assert warning.startswith(f"backbreak plan: warning: {broken}: step 1: unknown key 'secs'")


@pytest.mark.usefixtures("copenhagen")
def test_office_custom_exercises_join_alternate(
    config_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_custom(config_home, "desk-reach.toml", CUSTOM_EXERCISE)
    exercises = [item["exercise"] for item in run_json(capsys, "--from", "2026-03-02T08:00")]
    assert exercises[:2] == ["seated-t-spine-matrix", "breathing"]
    assert "desk-reach" in exercises
    assert capsys.readouterr().err == ""


@pytest.mark.usefixtures("copenhagen")
def test_unknown_exercise_ids_are_warned_about_and_left_out(
    config_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_settings(config_home, '[break]\nexercise = ["yoga", "scapular-squeeze"]\n')
    assert main(["plan", "--json", "--from", "2026-03-02T08:00"]) == 0
    captured = capsys.readouterr()
    assert {item["exercise"] for item in json.loads(captured.out)["prompts"]} == {
        "scapular-squeeze"
    }
    assert captured.err == (
        'backbreak plan: warning: break.exercise: unknown exercise "yoga" left out\n'
    )


@pytest.mark.usefixtures("copenhagen")
def test_a_custom_exercise_cannot_replace_a_shipped_one(
    config_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_settings(config_home, '[break]\nexercise = "breathing"\n')
    impostor = write_custom(
        config_home, "mine.toml", CUSTOM_EXERCISE.replace('"desk-reach"', '"breathing"')
    )
    assert main(["plan", "--from", "2026-03-02T08:00"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[1].endswith("Paced breathing")
    assert f"{impostor}: id 'breathing' is the id of a built-in exercise" in captured.err


xdg_only = pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="XDG layout")


@xdg_only
@pytest.mark.usefixtures("copenhagen")
def test_plan_uses_the_organisations_defaults_and_locks(
    config_home: Path, site_folders: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    corp, xdg = site_folders
    site = write_settings(
        corp, 'locked = ["schedule.interval_minutes"]\n[schedule]\ninterval_minutes = 60\n'
    )
    write_settings(xdg, '[schedule]\ninterval_minutes = 30\nwork_start = "08:00"\n')
    user = write_settings(config_home, "[schedule]\ninterval_minutes = 20\n")
    assert main(["plan", "--json", "--from", "2026-03-02T07:00"]) == 0
    captured = capsys.readouterr()
    plan = json.loads(captured.out)["prompts"]
    # 08:00 from the less important site file, 60 minutes locked by the more important one.
    assert plan[0]["at"] == "2026-03-02T09:00:00+01:00"
    assert captured.err == (
        f"backbreak plan: warning: {user}: schedule.interval_minutes is set by your "
        f"organisation (in {site}); your value 20 is ignored\n"
    )


@xdg_only
@pytest.mark.usefixtures("copenhagen")
def test_the_users_file_overrides_an_unlocked_site_default(
    config_home: Path, site_folders: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    write_settings(site_folders[1], "[schedule]\ninterval_minutes = 60\n")
    write_settings(config_home, "[schedule]\ninterval_minutes = 30\n")
    plan = run_json(capsys, "--from", "2026-03-02T08:00")
    assert plan[0]["at"] == "2026-03-02T09:30:00+01:00"
    assert capsys.readouterr().err == ""


@xdg_only
@pytest.mark.usefixtures("copenhagen")
def test_broken_site_files_are_warnings_and_never_touched(
    config_home: Path, site_folders: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    broken = write_settings(site_folders[0], "[schedule\ninterval_minutes = 60\n")
    bad_value = write_settings(site_folders[1], "[schedule]\nsnooze_minutes = 0\n")
    before = broken.read_bytes()
    write_settings(config_home, "[schedule]\ninterval_minutes = 30\n")
    assert main(["plan", "--json", "--from", "2026-03-02T08:00"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["prompts"][0]["at"] == "2026-03-02T09:30:00+01:00"
    second, first = captured.err.splitlines()  # read from the least important up
    assert first.startswith(f"backbreak plan: warning: {broken}: line 1, column ")
    assert first.endswith("; this site settings file is skipped")
    assert second.startswith(f"backbreak plan: warning: {bad_value}: schedule.snooze_minutes = 0")
    assert broken.read_bytes() == before
    assert list(broken.parent.iterdir()) == [broken]


@xdg_only
@pytest.mark.usefixtures("copenhagen")
def test_an_unparseable_users_file_still_fails_with_site_files_present(
    config_home: Path, site_folders: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    write_settings(site_folders[0], "[schedule]\ninterval_minutes = 60\n")
    user = write_settings(config_home, "[schedule]\ninterval_minutes = = 3\n")
    assert main(["plan"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"backbreak plan: error: {user}: line 2, column ")
    assert list(config_home.iterdir()) == [user]


@pytest.fixture
def broken_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A TZ whose offset is 24 hours or more: the C library accepts it, datetime cannot."""
    monkeypatch.setenv("TZ", "UTC+99")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("config_home", "copenhagen")
@pytest.mark.parametrize(
    "args",
    [
        ["--from", "0001-01-01"],
        ["--from", "0001-01-01T00:00+00:00"],
        ["--from", "0001-01-03T12:00"],
        ["--from", "9999-12-31"],
        ["--from", "9999-12-31T23:00+00:00"],
        ["--from", "9000-12-01", "--days", "40"],
    ],
)
def test_dates_at_the_edges_of_the_calendar_get_one_line_and_exit_2(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert exit_status(["plan", *args]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "error:" in err
    assert "between 1900-01-01 and 9000-12-31" in err
    assert "_moment" not in err


@pytest.mark.usefixtures("config_home", "copenhagen")
def test_the_last_supported_days_still_plan(capsys: pytest.CaptureFixture[str]) -> None:
    plan = run_json(capsys, "--from", "9000-12-29T08:00", "--days", "2")
    assert plan[0]["at"] == "9000-12-29T09:45:00+01:00"
    plan = run_json(capsys, "--from", "1900-01-01T08:00")
    assert plan[0]["at"] == "1900-01-01T09:45:00+01:00"


@pytest.mark.usefixtures("config_home", "broken_zone")
@pytest.mark.parametrize(
    "args",
    [["plan"], ["plan", "--from", "2026-03-02T08:00"], ["plan", "--from", "2026-03-02T08:00Z"]],
)
def test_a_time_zone_offset_of_a_day_or_more_gets_one_line_and_exit_2(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert exit_status(args) == 2
    err = capsys.readouterr().err
    assert err == (
        "backbreak plan: error: the time zone TZ='UTC+99' cannot be used: "
        "its offset from UTC is 24 hours or more\n"
    )


@contextlib.contextmanager
def running_app(runtime: Path, reply: bytes | None) -> Iterator[list[object]]:
    """A stand-in for the running app on its instance socket: ``reply`` to every request.

    With ``reply`` None it takes each request and never answers, like an app whose
    event loop is blocked.
    """
    folder = runtime / "backbreak"
    folder.mkdir(mode=0o700, exist_ok=True)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(folder / "instance.sock"))
    listener.listen(4)
    listener.settimeout(0.05)
    requests: list[object] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(10)
                requests.append(json.loads(conn.makefile("rb").readline()))
                if reply is not None:
                    conn.sendall(reply)
                else:
                    with contextlib.suppress(OSError):
                        conn.recv(1)  # until the client gives up

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield requests
    finally:
        stop.set()
        thread.join(10)
        listener.close()
        (folder / "instance.sock").unlink()


def state_reply(planner: Planner, now: datetime) -> bytes:
    return json.dumps({"ok": True, "state": live_state(planner, now).to_json()}).encode() + b"\n"


def default_rules() -> Rules:
    from backbreak.config.rules import planner_rules
    from backbreak.config.schema import Settings

    return planner_rules(Settings())


def app_started_at_one(now: datetime) -> bytes:
    """The state of an app started at 13:00 on Monday 2 March 2026, as it stands at ``now``."""
    started = datetime(2026, 3, 2, 13, tzinfo=ZoneInfo("Europe/Copenhagen"))
    rotation = ("seated-t-spine-matrix", "breathing")
    return state_reply(Planner(default_rules(), rotation, DURATIONS, started), now)


MONDAY_13_20 = datetime(2026, 3, 2, 13, 20, tzinfo=ZoneInfo("Europe/Copenhagen"))


@pytest.mark.usefixtures("config_home", "copenhagen")
@pytest.mark.parametrize("args", [["--from-now"], []])
def test_plan_starts_from_the_running_apps_state_like_the_tray(
    args: list[str], runtime_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with running_app(runtime_dir, app_started_at_one(MONDAY_13_20)) as requests:
        assert main(["plan", "--json", *args]) == 0
    assert requests == [{"cmd": "state"}]
    report = json.loads(capsys.readouterr().out)
    assert report["basis"] == "running app"
    assert "you stay at the computer" in report["assumes"]
    assert report["state"]["counted_seconds"] == 20 * 60
    # The tray says 13:45: the app has counted since 13:00, not since work began at 09:00.
    assert report["prompts"][0] == {
        "at": "2026-03-02T13:45:00+01:00",
        "exercise": "seated-t-spine-matrix",
    }
    assert report["prompts"][1]["exercise"] == "breathing"
    assert report["prompts"][-1]["at"] < "2026-03-03T13:20"

    with running_app(runtime_dir, app_started_at_one(MONDAY_13_20)):
        assert main(["plan", *args]) == 0
    basis, first, *_ = capsys.readouterr().out.splitlines()
    assert basis.startswith("Planned from the running backbreak at Mon 2026-03-02 13:20 (20 min")
    assert first == "Mon 2026-03-02 13:45:00  Seated T-spine matrix"


@pytest.mark.usefixtures("config_home", "copenhagen")
def test_a_paused_app_says_so_in_the_plan(
    runtime_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    started = datetime(2026, 3, 2, 13, tzinfo=ZoneInfo("Europe/Copenhagen"))
    planner = Planner(default_rules(), ("breathing",), DURATIONS, started)
    planner.pause(MONDAY_13_20, MONDAY_13_20 + timedelta(minutes=30))
    with running_app(runtime_dir, state_reply(planner, MONDAY_13_20)):
        assert main(["plan", "--from-now"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == "Paused until Mon 2026-03-02 13:50."
    assert lines[2] == "Mon 2026-03-02 14:15:00  Paced breathing"  # 25 min left after 13:50


@pytest.mark.usefixtures("config_home", "copenhagen")
def test_from_now_without_a_running_app_is_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["plan", "--from-now"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "backbreak plan: error: backbreak is not running, so there is no live state to plan from\n"
    )
    # Without --from-now the settings are planned from, and the output says so.
    assert main(["plan", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["basis"] == "settings"
    assert report["state"] is None
    assert report["notes"] == [
        "backbreak is not running; while it runs, plan starts from its state."
    ]


@pytest.mark.usefixtures("config_home", "copenhagen")
def test_a_running_app_that_does_not_answer_is_reported(
    runtime_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("backbreak.platform.instance_client.HANDOVER_TIMEOUT_MS", 200)
    with running_app(runtime_dir, None):
        assert main(["plan", "--from-now"]) == 1
        assert capsys.readouterr().err == (
            "backbreak plan: error: backbreak is already running but did not answer within 0.2 s\n"
        )
        assert main(["plan", "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["basis"] == "settings"
    assert captured.err == (
        "backbreak plan: warning: backbreak is already running but did not answer within "
        "0.2 s; planning from the settings alone\n"
    )


@pytest.mark.usefixtures("config_home", "copenhagen")
@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (b'{"ok": false, "error": "unknown command \'state\'"}\n', "unknown command 'state'"),
        (b'{"ok": true, "state": {"phase": "working"}}\n', "garbled state (rotation"),
    ],
)
def test_an_app_that_reports_no_usable_state_is_reported(
    reply: bytes, message: str, runtime_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with running_app(runtime_dir, reply):
        assert main(["plan", "--from-now"]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    assert message in err


def test_from_and_from_now_exclude_each_other(capsys: pytest.CaptureFixture[str]) -> None:
    assert exit_status(["plan", "--from-now", "--from", "2026-03-02"]) == 2
    assert "not allowed with argument" in capsys.readouterr().err


@pytest.mark.usefixtures("config_home")
def test_asking_the_running_app_does_not_load_qt(runtime_dir: Path) -> None:
    code = (
        "from backbreak.cli import main\n"
        "import contextlib, io, sys\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['plan'])\n"
        "print([m for m in sys.modules if m.startswith(('PySide6', 'apscheduler'))])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_RUNTIME_DIR": str(runtime_dir)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "[]\n"
