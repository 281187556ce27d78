"""``backbreak history``: the recorded break events of the last days, as a table, CSV or JSON.

Reads the history file the app writes (read-only: never moved, changed or created), so it
works whether or not the app runs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from backbreak.cli.local_time import usable_local_zone
from backbreak.cli.parser import EXIT_FAILED, EXIT_OK
from backbreak.history.events import BreakEvent

if TYPE_CHECKING:
    from backbreak.history.store import HistoryStore


T = TypeVar("T")


class Unreadable(Exception):
    """The history file exists but cannot be read; the message is one line for the user."""


def open_read_only(path: Path) -> HistoryStore | None:
    """The store at ``path`` opened read-only, or None when there is no history yet."""
    import sqlite3

    from backbreak.config.files import UnusableFileError
    from backbreak.history.store import HistoryError, open_history_read_only

    try:
        return open_history_read_only(path)
    except FileNotFoundError:
        return None
    except (HistoryError, UnusableFileError, sqlite3.Error, OSError) as exc:
        raise Unreadable(_unreadable(path, exc)) from None


class Reading(Generic[T]):
    """What a read of the history gave: ``value``, and whether there was a history at all."""

    def __init__(self, value: T, *, recorded: bool) -> None:
        self.value = value
        self.recorded = recorded


def read_history(
    path: Path, prog: str, read: Callable[[HistoryStore], T], empty: Callable[[], T]
) -> Reading[T] | None:
    """``read`` on the history at ``path`` opened read-only (``empty()`` when there is none
    yet); ``None`` after saying in one line on stderr why it cannot be read."""
    import sqlite3

    try:
        store = open_read_only(path)
        if store is None:
            return Reading(empty(), recorded=False)
        with store:
            return Reading(read(store), recorded=True)
    except Unreadable as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
    except sqlite3.Error as exc:  # damage found while reading
        print(f"{prog}: error: {_unreadable(path, exc)}", file=sys.stderr)
    return None


def _unreadable(path: Path, error: Exception) -> str:
    text = str(error)
    return text if str(path) in text else f"cannot read {path}: {text}"


def no_history_line(path: Path) -> str:
    return f"No breaks recorded yet (backbreak records them in {path} while it runs)."


def history(days: int, form: str) -> int:
    """``form``: "text", "csv" or "json"."""
    from backbreak.history.export import write
    from backbreak.history.store import history_path

    prog = "backbreak history"
    zone = usable_local_zone(prog)
    path = history_path()
    today = datetime.now(zone).date()
    start = datetime.combine(today - timedelta(days=days - 1), time(0), tzinfo=zone)
    end = datetime.combine(today + timedelta(days=1), time(0), tzinfo=zone)

    def none_yet() -> list[BreakEvent]:
        return []

    reading = read_history(path, prog, lambda store: store.events(start, end), none_yet)
    if reading is None:
        return EXIT_FAILED
    events = reading.value
    if form != "text":
        write(form, events, zone, sys.stdout)
        return EXIT_OK
    if not reading.recorded:
        print(no_history_line(path))
        return EXIT_OK
    if not events:
        span = "today" if days == 1 else f"the last {days} days"
        print(f"No break events {span}.")
        return EXIT_OK
    from backbreak.cli.user_setup import exercise_titles

    for line in table(events, zone, exercise_titles()):
        print(line)
    return EXIT_OK


def table(events: Sequence[BreakEvent], zone: tzinfo, titles: Mapping[str, str]) -> list[str]:
    """One aligned line per event: local date and time, event, exercise, seconds, cause."""
    rows = [
        (
            f"{event.at.astimezone(zone):%Y-%m-%d %H:%M:%S}",
            event.kind.value.replace("_", " "),
            titles.get(event.exercise, event.exercise) or "-",
            "" if event.seconds is None else f"{event.seconds} s",
            (event.cause or "").replace("_", " "),
        )
        for event in events
    ]
    header = ("time", "event", "exercise", "moved", "cause")
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    lines = []
    for row in (header, *rows):
        cells = [
            cell.rjust(widths[i]) if i == 3 else cell.ljust(widths[i]) for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
    return lines
