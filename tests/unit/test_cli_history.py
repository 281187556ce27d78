"""`backbreak history` and `backbreak stats`: read the history file (never write it), with or
without the running app; a missing file is a friendly line, an unusable one a one-line error."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from backbreak.cli import main
from backbreak.cli.local_time import SystemLocal
from backbreak.history.events import BreakEvent, EventKind
from backbreak.history.store import SCHEMA_VERSION, open_history
from tests.homes import private_homes
from tests.hostile import make_fifo, posix_only

CPH = ZoneInfo("Europe/Copenhagen")


@pytest.fixture(autouse=True)
def homes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Private data, config and runtime folders (no app runs there), in Copenhagen time."""
    private_homes(tmp_path, monkeypatch)
    monkeypatch.setenv("TZ", "Europe/Copenhagen")
    time.tzset()
    yield tmp_path / "data" / "backbreak" / "history.sqlite3"
    monkeypatch.undo()
    time.tzset()


def today() -> date:
    return datetime.now(CPH).date()


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=CPH)


def seed(path: Path, events: list[BreakEvent]) -> None:
    opened = open_history(path)
    with opened.store as store:
        for event in events:
            store.record(event)


def day_events(day: date) -> list[BreakEvent]:
    return [
        BreakEvent(at(day, 9, 45), EventKind.PROMPTED, exercise="seated-t-spine-matrix"),
        BreakEvent(at(day, 9, 46), EventKind.COMPLETED, 86, exercise="seated-t-spine-matrix"),
        BreakEvent(at(day, 11, 0), EventKind.NATURAL, cause="idle", exercise="breathing"),
        BreakEvent(at(day, 14, 30), EventKind.SKIPPED, exercise="breathing"),
    ]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_history_lists_the_last_days_in_local_time(
    homes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = today() - timedelta(days=7)  # one day before the default seven
    seed(homes, day_events(old) + day_events(today() - timedelta(days=6)) + day_events(today()))
    code, out, err = run(capsys, "history")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["time", "event", "exercise", "moved", "cause"]
    assert len(lines) == 1 + 8
    first = today() - timedelta(days=6)
    assert lines[1].startswith(f"{first:%Y-%m-%d} 09:45:00  prompted")
    assert "Seated T-spine matrix" in lines[2]
    assert lines[2].rstrip().endswith("86 s")
    assert lines[3].rstrip().endswith("idle")
    assert "Paced breathing" in lines[3]
    code, out, _err = run(capsys, "history", "--days", "1")
    assert len(out.splitlines()) == 1 + 4
    assert all(line.startswith(f"{today():%Y-%m-%d}") for line in out.splitlines()[1:])


def test_history_as_csv_and_json(homes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed(homes, day_events(today()))
    code, out, _err = run(capsys, "history", "--csv", "--days", "1")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["event"] for row in rows] == ["prompted", "completed", "natural", "skipped"]
    assert rows[1]["seconds"] == "86"
    assert datetime.fromisoformat(rows[0]["time"]) == at(today(), 9, 45)
    code, out, _err = run(capsys, "history", "--json")
    objects = json.loads(out)
    assert [o["cause"] for o in objects] == [None, None, "idle", None]
    assert objects[0]["time"].startswith(f"{today():%Y-%m-%d}T09:45:00+0")


def test_history_days_follow_the_calendar_across_daylight_saving() -> None:
    # The night the clocks go back in Copenhagen has 25 hours; both 02:30 exist.
    zone = SystemLocal()
    assert datetime(2026, 10, 25, 0, 0, tzinfo=zone).utcoffset() == timedelta(hours=2)
    assert datetime(2026, 10, 26, 0, 0, tzinfo=zone).utcoffset() == timedelta(hours=1)
    first = datetime(2026, 10, 25, 0, 30, tzinfo=ZoneInfo("UTC")).astimezone(zone)
    second = datetime(2026, 10, 25, 1, 30, tzinfo=ZoneInfo("UTC")).astimezone(zone)
    assert (first.hour, first.minute, first.fold) == (2, 30, 0)
    assert (second.hour, second.minute, second.fold) == (2, 30, 1)
    assert second.astimezone(ZoneInfo("UTC")) - first.astimezone(ZoneInfo("UTC")) == timedelta(
        hours=1
    )


def test_stats_today_week_streak_and_routine(
    homes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = homes.parents[2] / "config" / "backbreak"
    config.mkdir(parents=True)
    (config / "settings.toml").write_text("[goals]\nbreaks_per_day = 2\n", encoding="utf-8")
    yesterday = today() - timedelta(days=1)
    seed(homes, day_events(yesterday) + day_events(today()))
    code, out, err = run(capsys, "stats", "--json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["recorded"] is True
    assert report["today"] == {
        "date": today().isoformat(),
        "taken": 2,
        "due": 3,
        "skipped": 1,
        "minutes_moved": 1,
        "goal_met": True,
        "goal": 2,
    }
    assert len(report["week"]) == 7
    assert today().isoformat() in [day["date"] for day in report["week"]]
    assert report["streak"] == 2
    assert report["best_streak"] == 2
    assert report["routine"]["exercises"] == ["seated-t-spine-matrix"]
    assert report["routine"]["goal_days_per_week"] == 3
    this_week = today() - timedelta(days=today().weekday())
    assert report["routine"]["days_this_week"] == (2 if yesterday >= this_week else 1)
    code, out, _err = run(capsys, "stats")
    assert code == 0
    assert out.startswith(f"Today ({today():%a %Y-%m-%d}): 2 of 3 due breaks taken, 1 min moved")
    assert "daily goal 2 (goal met)" in out
    assert "Streak: 2 days with the daily goal met (best 2)" in out
    assert f"  {today():%a %m-%d}  2 taken, 1 skipped, 1 min moved, goal met (today)" in out
    assert "Routine: Seated T-spine matrix" in out


@pytest.mark.parametrize("argv", [["history"], ["stats"]])
def test_no_history_yet_is_a_friendly_line(
    argv: list[str], homes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, err) == (0, "")
    assert out.startswith("No breaks recorded yet")
    assert str(homes) in out
    assert not homes.exists()


def test_no_history_yet_in_json_is_empty(homes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "history", "--json")[1] == "[]\n"
    assert run(capsys, "history", "--csv")[1] == "time,event,exercise,seconds,cause\n"
    report = json.loads(run(capsys, "stats", "--json")[1])
    assert report["recorded"] is False
    assert (report["today"]["taken"], report["streak"], report["best_streak"]) == (0, 0, 0)
    assert not homes.exists()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def newer(path: Path) -> None:
    seed(path, day_events(today()))
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()


def garbage(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database\n" * 100)


@pytest.mark.parametrize(("spoil", "says"), [(newer, "newer version"), (garbage, "not a usable")])
@pytest.mark.parametrize(
    "argv", [["history"], ["history", "--csv"], ["stats"], ["stats", "--json"]]
)
def test_an_unusable_history_is_a_one_line_error_and_stays_untouched(
    argv: list[str],
    spoil: Callable[[Path], None],
    says: str,
    homes: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    spoil(homes)
    before = digest(homes)
    names = sorted(p.name for p in homes.parent.iterdir())
    code, out, err = run(capsys, *argv)
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1
    assert says in err
    assert "Traceback" not in err
    assert digest(homes) == before
    assert sorted(p.name for p in homes.parent.iterdir() if "corrupt" in p.name) == []
    assert [n for n in names if n == homes.name] == [homes.name]


@posix_only
@pytest.mark.parametrize("argv", [["history"], ["stats"]])
def test_a_fifo_at_the_history_path_is_refused_without_hanging(
    argv: list[str], homes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    homes.parent.mkdir(parents=True)
    make_fifo(homes)
    code, out, err = run(capsys, *argv)
    assert (code, out) == (1, "")
    assert "not a regular file" in err
    assert err.count("\n") == 1


def test_an_unusable_time_zone_reads_the_history_in_utc(
    homes: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(homes, day_events(today() - timedelta(days=1)) + day_events(today()))
    monkeypatch.setenv("TZ", "UTC+99")  # the C library takes it; datetime cannot
    time.tzset()
    code, out, err = run(capsys, "history", "--days", "3", "--csv")
    assert code == 0
    assert (
        err == "backbreak history: warning: the time zone TZ='UTC+99' cannot be used: "
        "its offset from UTC is 24 hours or more; using UTC\n"
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 8
    assert all(row["time"].endswith("+00:00") for row in rows)
    code, out, err = run(capsys, "stats", "--json")
    assert code == 0
    assert "using UTC" in err
    assert json.loads(out)["recorded"] is True
