"""The break history on disk: an SQLite file the app appends to and the command line reads.

Losing it would lose what the user came for ("did I take my breaks?"), so it is handled like the
settings file. WAL mode: each event is its own transaction, a kill at any moment loses at most
the event being written, and readers (``backbreak history``) never block the app's writes. A
file that is not a database is moved aside (see :func:`backbreak.config.store.quarantine`) and
reported once; a file from a newer backbreak is refused and never written; only a regular file
is ever opened, so a FIFO or a device at the path is an error, not a hang. The version of the
layout lives in ``PRAGMA user_version``; :func:`migrate` brings an older file up to date.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from types import TracebackType

from backbreak.config.files import UnusableFileError
from backbreak.config.store import quarantine
from backbreak.history.events import BreakEvent, EventKind
from backbreak.history.location import FILE_NAME, history_path
from backbreak.history.stats import DayTally

MIGRATIONS: tuple[str, ...] = (
    # 0 -> 1: the events table; the index also covers the per-day counts (no table lookups).
    """
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        at_us INTEGER NOT NULL,
        kind TEXT NOT NULL,
        seconds INTEGER,
        cause TEXT,
        exercise TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX events_at ON events (at_us, kind);
    """,
)
"""``MIGRATIONS[n]`` turns a file at version ``n`` into one at version ``n + 1``."""

SCHEMA_VERSION = len(MIGRATIONS)

BUSY_TIMEOUT = 1.0
"""Seconds to wait for another connection's lock: only a checkpoint can hold one, briefly."""

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_CORRUPTION_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
_SIDECARS = ("-wal", "-journal")

__all__ = [
    "FILE_NAME",
    "CorruptHistoryError",
    "HistoryError",
    "HistoryStore",
    "NewerHistoryError",
    "OpenedHistory",
    "history_path",
    "migrate",
    "open_history",
    "open_history_read_only",
]


class HistoryError(Exception):
    """The history file cannot be used; the message says why, for the user."""


class NewerHistoryError(HistoryError):
    """The file was written by a newer backbreak: it is neither read nor written."""

    def __init__(self, path: Path, version: int) -> None:
        self.path = path
        self.version = version
        super().__init__(
            f"not using {path}: it was written by a newer version of backbreak "
            f"(history version {version}; this version understands {SCHEMA_VERSION})"
        )


class CorruptHistoryError(HistoryError):
    """The file is not a usable database (raised when opening read-only: nothing is moved)."""


@dataclass(frozen=True, slots=True)
class OpenedHistory:
    """A writable store and, the one time it happens, what was done to an unusable file."""

    store: HistoryStore
    notice: str | None = None


class HistoryStore:
    """One connection to the history file. Use it from one thread (the GUI thread)."""

    def __init__(self, connection: sqlite3.Connection, path: Path, *, read_only: bool) -> None:
        self._connection = connection
        self.path = path
        self.read_only = read_only
        self._empty = _user_version(connection) == 0

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._connection.close()

    def record(self, event: BreakEvent) -> None:
        """Append ``event``; it is on disk (committed) when this returns."""
        self._connection.execute(
            "INSERT INTO events (at_us, kind, seconds, cause, exercise) VALUES (?, ?, ?, ?, ?)",
            (_to_us(event.at), event.kind.value, event.seconds, event.cause, event.exercise),
        )

    def clear(self) -> None:
        """Delete every event, and their traces in the file's free pages and the WAL."""
        self._connection.execute("DELETE FROM events")
        self._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._connection.execute("VACUUM")

    def events(self, start: datetime, end: datetime) -> list[BreakEvent]:
        """The events from ``start`` (included) to ``end`` (excluded), oldest first."""
        if self._empty:
            return []
        rows = self._connection.execute(
            "SELECT at_us, kind, seconds, cause, exercise FROM events"
            " WHERE at_us >= ? AND at_us < ? ORDER BY at_us, id",
            (_to_us(start), _to_us(end)),
        )
        return [
            BreakEvent(_from_us(at), EventKind(kind), seconds, cause, exercise)
            for at, kind, seconds, cause, exercise in rows
        ]

    def span(self) -> tuple[datetime, datetime] | None:
        """The times of the first and the last event, or ``None`` for an empty history."""
        if self._empty:
            return None
        first, last = self._connection.execute(
            "SELECT min(at_us), max(at_us) FROM events"
        ).fetchone()
        if first is None:
            return None
        return _from_us(first), _from_us(last)

    def day_tallies(self, first: date, last: date, zone: tzinfo | None) -> dict[date, DayTally]:
        """What happened on each day from ``first`` to ``last`` (included), for the statistics.

        Days are the user's calendar days in ``zone`` (``None``: the system's local time; a DST
        day has 23 or 25 hours); days without events are left out. One pass over the rows in
        time order, read as plain tuples, against the days' starts worked out beforehand (per
        row, SQLite's own GROUP BY was measured no faster): ten years of history take well
        under a tenth of a second.
        """
        if self._empty or last < first:
            return {}
        bounds = _midnights(first, (last - first).days + 2, zone)
        rows = self._connection.execute(
            "SELECT at_us, kind, seconds, exercise FROM events"
            " WHERE at_us >= ? AND at_us < ? ORDER BY at_us",
            (bounds[0], bounds[-1]),
        )
        tallies: dict[date, DayTally] = {}
        n = 0
        boundary = bounds[1]
        counts: dict[str, int] = {}
        moved = 0
        completed: set[str] = set()
        for at, kind, seconds, exercise in rows:
            if at >= boundary:
                if counts:
                    day = first + timedelta(days=n)
                    tallies[day] = _tally(day, counts, moved, completed)
                    counts, moved, completed = {}, 0, set()
                while at >= boundary:
                    n += 1
                    boundary = bounds[n + 1]
            counts[kind] = counts.get(kind, 0) + 1
            if seconds is not None and kind in _MOVING:
                moved += seconds
            if kind == _COMPLETED:
                completed.add(exercise)
        if counts:
            day = first + timedelta(days=n)
            tallies[day] = _tally(day, counts, moved, completed)
        return tallies

    def integrity_problems(self) -> list[str]:
        """What ``PRAGMA integrity_check`` finds wrong (empty when the file is sound)."""
        rows = [row[0] for row in self._connection.execute("PRAGMA integrity_check")]
        return [] if rows == ["ok"] else rows


def open_history(path: Path, *, now: datetime | None = None) -> OpenedHistory:
    """Open (creating or upgrading it if needed) the history at ``path`` for recording.

    A file that is not a database is moved aside as ``<name>.corrupt-YYYYMMDD-HHMMSS`` (UTC of
    ``now``), with its WAL file, and a fresh history is started; the returned ``notice`` says so
    (it is ``None`` otherwise), for the caller to tell the user once. Raises
    :class:`NewerHistoryError` (file untouched) for a file from a newer backbreak,
    :class:`~backbreak.config.files.UnusableFileError` for anything but a regular file, and
    ``sqlite3.Error`` / ``OSError`` for other failures (a read-only folder, a full disk).
    """
    _check_existing(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    notice = None
    try:
        connection = _checked_connection(path, "rwc", full_check=True)
    except CorruptHistoryError as error:
        moved = _move_aside(path, now if now is not None else datetime.now(UTC))
        notice = f"{error}; it was moved to {moved} and a new history was started"
        connection = _checked_connection(path, "rwc", full_check=False)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        # In WAL mode NORMAL commits without fsync: a killed app loses nothing committed; a
        # power cut may lose the last events but never leaves a broken file.
        connection.execute("PRAGMA synchronous = NORMAL")
        migrate(connection)
    except BaseException:
        connection.close()
        raise
    return OpenedHistory(HistoryStore(connection, path, read_only=False), notice)


def open_history_read_only(path: Path) -> HistoryStore:
    """Open the history at ``path`` for reading only (``mode=ro``): the file is never written.

    Works while the app is recording. Raises ``FileNotFoundError`` when there is no history
    yet, :class:`CorruptHistoryError` or :class:`NewerHistoryError` for a file that cannot be
    read (nothing is moved or changed), and ``UnusableFileError`` for anything but a regular file.
    """
    _check_existing(path, missing_ok=False)
    connection = _checked_connection(path, "ro", full_check=False)
    return HistoryStore(connection, path, read_only=True)


def migrate(connection: sqlite3.Connection) -> int:
    """Bring the file up to :data:`SCHEMA_VERSION` in one transaction; return the old version.

    The version is read again under the write lock, so two processes upgrading at once apply
    each step once. Raises :class:`HistoryError` (nothing changed) if the file is newer.
    """
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = _user_version(connection)
        if version > SCHEMA_VERSION:
            raise HistoryError(f"history version {version} is newer than {SCHEMA_VERSION}")
        for script in MIGRATIONS[version:]:
            for statement in _statements(script):
                connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    return version


def _statements(script: str) -> Iterator[str]:
    """The statements of a migration, run one by one (``executescript`` would commit)."""
    for part in script.split(";"):
        if part.strip():
            yield part


def _check_existing(path: Path, *, missing_ok: bool = True) -> None:
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if missing_ok:
            return
        raise
    if not stat.S_ISREG(mode):
        # Never opened: a FIFO would block the open, a device would be read or written.
        raise UnusableFileError(path, "not a regular file")


def _checked_connection(path: Path, mode: str, *, full_check: bool) -> sqlite3.Connection:
    """A connection to ``path`` whose file is a database of a version this one understands."""
    uri = f"{path.absolute().as_uri()}?mode={mode}"
    connection = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT, isolation_level=None)
    try:
        version = _user_version(connection)
        if version > SCHEMA_VERSION:
            raise NewerHistoryError(path, version)
        if full_check:
            rows = [row[0] for row in connection.execute("PRAGMA quick_check")]
            if rows != ["ok"]:
                raise CorruptHistoryError(f"{path} is damaged ({rows[0]})")
    except sqlite3.DatabaseError as error:
        connection.close()
        if getattr(error, "sqlite_errorcode", None) in _CORRUPTION_CODES:
            raise CorruptHistoryError(f"{path} is not a usable history ({error})") from error
        raise
    except BaseException:
        connection.close()
        raise
    return connection


def _move_aside(path: Path, now: datetime) -> Path:
    """Quarantine the database and its WAL (a stale WAL must never meet a new database)."""
    moved = quarantine(path, now)
    for suffix in _SIDECARS:
        sidecar = path.with_name(path.name + suffix)
        if os.path.lexists(sidecar):
            quarantine(sidecar, now)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path.with_name(path.name + "-shm"))
    return moved


def _user_version(connection: sqlite3.Connection) -> int:
    version: int = connection.execute("PRAGMA user_version").fetchone()[0]
    return version


_MOVING = frozenset({EventKind.COMPLETED.value, EventKind.ENDED_EARLY.value})
_COMPLETED = EventKind.COMPLETED.value


def _tally(day: date, counts: dict[str, int], moved: int, completed: set[str]) -> DayTally:
    number = counts.get
    return DayTally(
        day=day,
        exercised=number(EventKind.COMPLETED, 0) + number(EventKind.ENDED_EARLY, 0),
        natural=number(EventKind.NATURAL, 0),
        skipped=number(EventKind.SKIPPED, 0),
        snoozed=number(EventKind.SNOOZED, 0),
        deferred=number(EventKind.DEFERRED, 0),
        prompted=number(EventKind.PROMPTED, 0),
        started=number(EventKind.STARTED, 0),
        paused=number(EventKind.PAUSED, 0),
        seconds_moved=moved,
        completed_exercises=frozenset(completed),
    )


def _midnights(first: date, count: int, zone: tzinfo | None) -> list[int]:
    """The starts of ``count`` days from ``first`` in ``zone``, in microseconds since the epoch.

    For the system's local time one ``time.mktime`` per day, where ``datetime.astimezone``
    takes several calls: it counts over the 3,650 days of ten years.
    """
    days = [first + timedelta(days=n) for n in range(count)]
    if zone is not None:
        return [_to_us(datetime.combine(day, time(0), tzinfo=zone)) for day in days]
    import time as clock

    return [
        int(clock.mktime((day.year, day.month, day.day, 0, 0, 0, 0, 0, -1))) * 1_000_000
        for day in days
    ]


def _to_us(moment: datetime) -> int:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("history times must be timezone-aware")
    return (moment - _EPOCH) // _MICROSECOND


def _from_us(microseconds: int) -> datetime:
    return _EPOCH + timedelta(microseconds=microseconds)
