"""The exports say every event as it is stored, in the user's zone."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from backbreak.history.events import BreakEvent, EventKind
from backbreak.history.export import write

BERLIN = ZoneInfo("Europe/Berlin")
EVENTS = [
    BreakEvent(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), EventKind.PROMPTED, exercise="breathing"),
    BreakEvent(
        datetime(2026, 7, 2, 9, 0, 30, tzinfo=UTC), EventKind.COMPLETED, 95, exercise="breathing"
    ),
    BreakEvent(datetime(2026, 7, 2, 10, 0, tzinfo=UTC), EventKind.NATURAL, cause="lock"),
]


def test_csv_has_a_header_and_one_line_per_event_in_local_time() -> None:
    out = io.StringIO()
    assert write("csv", EVENTS, BERLIN, out) == 3
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows == [
        {"time": "2026-03-02T10:00:00+01:00", "event": "prompted", "exercise": "breathing",
         "seconds": "", "cause": ""},
        {"time": "2026-07-02T11:00:30+02:00", "event": "completed", "exercise": "breathing",
         "seconds": "95", "cause": ""},
        {"time": "2026-07-02T12:00:00+02:00", "event": "natural", "exercise": "",
         "seconds": "", "cause": "lock"},
    ]  # fmt: skip


def test_json_round_trips_to_the_same_events() -> None:
    out = io.StringIO()
    assert write("json", EVENTS, BERLIN, out) == 3
    rows = json.loads(out.getvalue())
    back = [
        BreakEvent(
            datetime.fromisoformat(row["time"]),
            EventKind(row["event"]),
            row["seconds"],
            row["cause"],
            row["exercise"] or "",
        )
        for row in rows
    ]
    assert back == EVENTS


def test_an_empty_history_is_a_header_or_an_empty_list() -> None:
    out = io.StringIO()
    assert write("csv", [], UTC, out) == 0
    assert out.getvalue() == "time,event,exercise,seconds,cause\n"
    out = io.StringIO()
    write("json", [], UTC, out)
    assert json.loads(out.getvalue()) == []


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="csv, json"):
        write("xml", EVENTS, UTC, io.StringIO())
