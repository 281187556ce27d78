"""The history as CSV or JSON, for the user's own spreadsheets and scripts.

One format for the window's Export and ``backbreak history --csv/--json``: one row (object) per
event, oldest first, with the time in the user's zone and its UTC offset (ISO 8601), so a row
reads as the user lived it and still sorts and converts without ambiguity.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import tzinfo
from typing import TextIO

from backbreak.history.events import BreakEvent

COLUMNS = ("time", "event", "exercise", "seconds", "cause")
FORMATS = ("csv", "json")


def as_row(event: BreakEvent, zone: tzinfo | None) -> dict[str, object]:
    """One event as the exports name its fields (``None`` for a detail its kind lacks)."""
    return {
        "time": event.at.astimezone(zone).isoformat(timespec="seconds"),
        "event": event.kind.value,
        "exercise": event.exercise or None,
        "seconds": event.seconds,
        "cause": event.cause,
    }


def write_csv(events: Iterable[BreakEvent], zone: tzinfo | None, stream: TextIO) -> int:
    """Write a header and one line per event; returns the number of events written."""
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for event in events:
        row = as_row(event, zone)
        writer.writerow({key: "" if value is None else value for key, value in row.items()})
        count += 1
    return count


def write_json(events: Iterable[BreakEvent], zone: tzinfo | None, stream: TextIO) -> int:
    """Write a JSON array of event objects; returns the number of events written."""
    rows = [as_row(event, zone) for event in events]
    json.dump(rows, stream, indent=1, ensure_ascii=False)
    stream.write("\n")
    return len(rows)


def write(kind: str, events: Iterable[BreakEvent], zone: tzinfo | None, stream: TextIO) -> int:
    """Write in the format named ``kind`` (one of :data:`FORMATS`)."""
    if kind == "csv":
        return write_csv(events, zone, stream)
    if kind == "json":
        return write_json(events, zone, stream)
    raise ValueError(f"unknown export format {kind!r}; use one of {', '.join(FORMATS)}")
