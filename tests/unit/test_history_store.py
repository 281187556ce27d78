"""The break history on disk: every event kind survives a round trip, a damaged or newer file
is never overwritten, a read-only open never writes, and a killed writer leaves a sound file."""

from __future__ import annotations

import os
import select
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from backbreak.config.files import UnusableFileError
from backbreak.history.events import BreakEvent, DeferReason, EventKind, NaturalCause
from backbreak.history.stats import DayTally
from backbreak.history.store import (
    SCHEMA_VERSION,
    CorruptHistoryError,
    NewerHistoryError,
    migrate,
    open_history,
    open_history_read_only,
)
from tests.hostile import ROOT, TIME_LIMIT, make_fifo, posix_only, run_child

NOW = datetime(2026, 3, 2, 9, 0, 5, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")
ALL_TIME = (datetime(1971, 1, 1, tzinfo=UTC), datetime(2200, 1, 1, tzinfo=UTC))


def every_kind() -> list[BreakEvent]:
    """One event of each kind and each cause, a microsecond-precise time apiece."""
    at = datetime(2026, 3, 2, 10, 0, 0, 123456, tzinfo=BERLIN)
    details: list[tuple[EventKind, int | None, str | None]] = [
        (EventKind.PROMPTED, None, None),
        (EventKind.STARTED, None, None),
        (EventKind.COMPLETED, 95, None),
        (EventKind.ENDED_EARLY, 40, None),
        (EventKind.ENDED_EARLY, None, None),
        (EventKind.SKIPPED, None, None),
        (EventKind.SNOOZED, None, None),
        *[(EventKind.NATURAL, None, cause.value) for cause in NaturalCause],
        *[(EventKind.DEFERRED, None, reason.value) for reason in DeferReason],
        (EventKind.PAUSED, None, None),
    ]
    return [
        BreakEvent(at + timedelta(minutes=index), kind, seconds, cause, "seated-t-spine-matrix")
        for index, (kind, seconds, cause) in enumerate(details)
    ]


def test_every_event_kind_round_trips_through_the_file(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    written = every_kind()
    assert {event.kind for event in written} == set(EventKind)
    with open_history(path).store as store:
        for event in written:
            store.record(event)
    with open_history_read_only(path) as store:
        read = store.events(*ALL_TIME)
    assert read == written
    assert all(event.at.tzinfo is UTC for event in read)
    assert read[0].at == datetime(2026, 3, 2, 9, 0, 0, 123456, tzinfo=UTC)


def test_times_are_stored_as_utc(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with open_history(path).store as store:
        store.record(BreakEvent(datetime(2026, 7, 1, 12, 0, tzinfo=BERLIN), EventKind.SKIPPED))
    with sqlite3.connect(path) as connection:
        (stored,) = connection.execute("SELECT at_us FROM events").fetchone()
    assert stored == int(datetime(2026, 7, 1, 10, 0, tzinfo=UTC).timestamp()) * 1_000_000


@pytest.mark.parametrize(
    ("kind", "seconds", "cause"),
    [
        (EventKind.COMPLETED, None, None),
        (EventKind.COMPLETED, -1, None),
        (EventKind.SKIPPED, 10, None),
        (EventKind.NATURAL, None, None),
        (EventKind.NATURAL, None, "meeting"),
        (EventKind.DEFERRED, None, "idle"),
        (EventKind.PAUSED, None, "idle"),
    ],
)
def test_an_event_without_the_detail_of_its_kind_is_refused(
    kind: EventKind, seconds: int | None, cause: str | None
) -> None:
    with pytest.raises(ValueError, match="event"):
        BreakEvent(NOW, kind, seconds, cause)


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        BreakEvent(datetime(2026, 3, 2, 9, 0), EventKind.PROMPTED)


def test_events_in_a_range_include_the_start_and_exclude_the_end(tmp_path: Path) -> None:
    with open_history(tmp_path / "history.sqlite3").store as store:
        for hour in (8, 9, 10, 11):
            store.record(BreakEvent(NOW.replace(hour=hour), EventKind.PROMPTED))
        found = store.events(NOW.replace(hour=9, second=0), NOW.replace(hour=11, second=0))
    assert [event.at.hour for event in found] == [9, 10]


def test_day_tallies_follow_the_local_calendar_across_a_dst_change(tmp_path: Path) -> None:
    # Berlin moves to summer time on 2026-03-29: that day has 23 hours.
    def local(day: int, hour: int, minute: int = 0) -> datetime:
        return datetime(2026, 3, day, hour, minute, tzinfo=BERLIN)

    with open_history(tmp_path / "history.sqlite3").store as store:
        for at, kind in [
            (local(28, 23, 59), EventKind.COMPLETED),
            (local(29, 0, 0), EventKind.COMPLETED),
            (local(29, 12), EventKind.SKIPPED),
            (local(29, 23, 59), EventKind.COMPLETED),
            (local(30, 0, 1), EventKind.SNOOZED),
            (local(31, 9), EventKind.SKIPPED),
        ]:
            seconds = 60 if kind is EventKind.COMPLETED else None
            store.record(BreakEvent(at, kind, seconds, exercise="breathing"))
        tallies = store.day_tallies(date(2026, 3, 28), date(2026, 3, 30), BERLIN)
        assert store.span() == (local(28, 23, 59), local(31, 9))
    done = frozenset({"breathing"})
    assert tallies == {
        date(2026, 3, 28): DayTally(
            date(2026, 3, 28), exercised=1, seconds_moved=60, completed_exercises=done
        ),
        date(2026, 3, 29): DayTally(
            date(2026, 3, 29), exercised=2, skipped=1, seconds_moved=120, completed_exercises=done
        ),
        date(2026, 3, 30): DayTally(date(2026, 3, 30), snoozed=1),
    }


def test_a_tally_counts_time_moved_and_the_exercises_completed_in_full(tmp_path: Path) -> None:
    day = NOW.replace(hour=10)
    with open_history(tmp_path / "history.sqlite3").store as store:
        for event in [
            BreakEvent(day, EventKind.COMPLETED, 90, exercise="seated-t-spine-matrix"),
            BreakEvent(day, EventKind.ENDED_EARLY, 30, exercise="sport-cord-rows"),
            BreakEvent(day, EventKind.NATURAL, cause="idle", exercise="breathing"),
            BreakEvent(day, EventKind.DEFERRED, cause="call", exercise="breathing"),
            BreakEvent(day, EventKind.PROMPTED, exercise="breathing"),
        ]:
            store.record(event)
        (tally,) = store.day_tallies(NOW.date(), NOW.date(), UTC).values()
    assert (tally.exercised, tally.natural, tally.deferred, tally.prompted) == (2, 1, 1, 1)
    assert tally.seconds_moved == 120
    assert tally.completed_exercises == {"seated-t-spine-matrix"}


def test_clearing_removes_every_event_from_the_file(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with open_history(path).store as store:
        for event in every_kind():
            store.record(event)
        store.clear()
        assert store.events(*ALL_TIME) == []
        store.record(BreakEvent(NOW, EventKind.PROMPTED, exercise="marker-after-clear"))
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())
    assert b"seated-t-spine-matrix" not in raw
    with open_history_read_only(path) as store:
        assert [e.exercise for e in store.events(*ALL_TIME)] == ["marker-after-clear"]


def test_a_new_file_is_in_wal_mode_at_the_current_version(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    open_history(path).store.close()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert connection.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)


def test_migrate_upgrades_an_empty_file_once(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    sqlite3.connect(path).close()
    connection = sqlite3.connect(path, isolation_level=None)
    assert migrate(connection) == 0
    assert migrate(connection) == SCHEMA_VERSION
    connection.close()
    with open_history(path).store as store:
        assert store.span() is None


def garbage(path: Path) -> bytes:
    data = b"this is not a database\n" * 500
    path.write_bytes(data)
    return data


def test_a_corrupt_file_is_moved_aside_and_reported_once(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    data = garbage(path)
    opened = open_history(path, now=NOW)
    moved = tmp_path / "history.sqlite3.corrupt-20260302-090005"
    assert opened.notice is not None
    assert str(moved) in opened.notice
    assert moved.read_bytes() == data
    with opened.store as store:
        store.record(BreakEvent(NOW, EventKind.PROMPTED))
    again = open_history(path, now=NOW)
    assert again.notice is None
    with again.store as store:
        assert len(store.events(*ALL_TIME)) == 1


def test_a_corrupt_file_read_only_is_reported_and_left_in_place(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    data = garbage(path)
    with pytest.raises(CorruptHistoryError):
        open_history_read_only(path)
    assert path.read_bytes() == data
    assert os.listdir(tmp_path) == ["history.sqlite3"]


def newer_file(path: Path) -> bytes:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, future TEXT)")
        connection.execute("INSERT INTO events (future) VALUES ('kept')")
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    return path.read_bytes()


@pytest.mark.parametrize("read_only", [False, True])
def test_a_file_from_a_newer_version_is_refused_and_unchanged(
    tmp_path: Path, read_only: bool
) -> None:
    path = tmp_path / "history.sqlite3"
    data = newer_file(path)
    opener = open_history_read_only if read_only else open_history
    with pytest.raises(NewerHistoryError, match="newer version"):
        opener(path)
    assert path.read_bytes() == data
    assert not [name for name in os.listdir(tmp_path) if "corrupt" in name]


def test_a_read_only_open_never_writes_the_file(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with open_history(path).store as store:
        for event in every_kind():
            store.record(event)
    os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    data = path.read_bytes()
    before = path.stat().st_mtime_ns
    with open_history_read_only(path) as store:
        assert len(store.events(*ALL_TIME)) == len(every_kind())
        assert store.day_tallies(date(2026, 3, 1), date(2026, 3, 3), BERLIN)
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.record(BreakEvent(NOW, EventKind.PROMPTED))
    assert path.read_bytes() == data
    assert path.stat().st_mtime_ns == before


def test_a_read_only_open_of_a_missing_file_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        open_history_read_only(tmp_path / "history.sqlite3")
    assert os.listdir(tmp_path) == []


def test_a_folder_at_the_path_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.mkdir()
    with pytest.raises(UnusableFileError, match="not a regular file"):
        open_history(path)


@posix_only
@pytest.mark.parametrize("opener", ["open_history", "open_history_read_only"])
def test_a_fifo_at_the_path_is_refused_without_hanging(tmp_path: Path, opener: str) -> None:
    path = make_fifo(tmp_path / "history.sqlite3")
    done = run_child(
        "from pathlib import Path\n"
        f"from backbreak.history.store import {opener}\n"
        "try:\n"
        f"    {opener}(Path({str(path)!r}))\n"
        "except OSError as exc:\n"
        "    print('refused:', exc)\n"
    )
    assert done.returncode == 0, done.stderr
    assert "refused:" in done.stdout
    assert "not a regular file" in done.stdout


_WRITER = """
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from backbreak.history.events import BreakEvent, EventKind
from backbreak.history.store import open_history

store = open_history(Path(sys.argv[1])).store
start = datetime(2026, 3, 2, tzinfo=UTC)
number = 0
while True:
    number += 1
    store.record(BreakEvent(start + timedelta(seconds=number), EventKind.COMPLETED, number))
    print(number, flush=True)
"""


def _acknowledged(stream: int, *, at_least: int) -> tuple[int, bytes]:
    """Read the writer's "N recorded" lines until it has reported ``at_least`` events; returns
    the last number and what was read of the line after it (the rest of that line is still in
    the pipe)."""
    buffer = b""
    deadline = TIME_LIMIT
    while True:
        ready, _, _ = select.select([stream], [], [], deadline)
        if not ready:
            pytest.fail("the writer stopped reporting")
        chunk = os.read(stream, 65536)
        if not chunk:
            pytest.fail("the writer ended on its own")
        buffer += chunk
        *lines, partial = buffer.split(b"\n")
        if lines and int(lines[-1]) >= at_least:
            return int(lines[-1]), partial


@posix_only
@pytest.mark.parametrize("after", [1, 300, 3000])
def test_kill_9_while_writing_loses_at_most_the_event_being_written(
    tmp_path: Path, after: int
) -> None:
    path = tmp_path / "history.sqlite3"
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path)], cwd=ROOT, stdout=subprocess.PIPE
    )
    assert writer.stdout is not None
    try:
        after, partial = _acknowledged(writer.stdout.fileno(), at_least=after)
        writer.send_signal(signal.SIGKILL)
        writer.wait(TIME_LIMIT)
        rest = (partial + writer.stdout.read()).split()
    finally:
        if writer.poll() is None:
            writer.kill()
        writer.stdout.close()
    last = max([int(word) for word in rest], default=0)
    acknowledged = max(last, after)
    opened = open_history(path, now=NOW)
    assert opened.notice is None
    with opened.store as store:
        assert store.integrity_problems() == []
        kept = [event.seconds for event in store.events(*ALL_TIME)]
    assert acknowledged <= len(kept) <= acknowledged + 1
    assert kept == list(range(1, len(kept) + 1))


def test_without_a_zone_days_follow_the_system_local_time_across_a_dst_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    try:
        with open_history(tmp_path / "history.sqlite3").store as store:
            # 29 March 2026 has 23 hours in Berlin: 23:30 local is 21:30 UTC.
            store.record(BreakEvent(datetime(2026, 3, 29, 21, 30, tzinfo=UTC), EventKind.SKIPPED))
            store.record(BreakEvent(datetime(2026, 3, 29, 22, 30, tzinfo=UTC), EventKind.SKIPPED))
            tallies = store.day_tallies(date(2026, 3, 29), date(2026, 3, 30), None)
    finally:
        monkeypatch.undo()
        time.tzset()
    assert {day: tally.skipped for day, tally in tallies.items()} == {
        date(2026, 3, 29): 1,
        date(2026, 3, 30): 1,
    }
