"""The break history at ten years' size: file size, per-day counts over all of it, insert time.

Writes 60,000 events (16 a day for 3,750 days, ten years and a bit, in the mix of a working day:
prompts, starts, completions, snoozes, skips, natural breaks, deferrals) one insert at a time,
the way the app records them, then times what the statistics and ``backbreak stats`` will do:
a read-only open and the per-day counts over the whole history.

    .venv/bin/python bench/history_bench.py [--events 60000] [--folder /tmp/somewhere]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from backbreak.history.events import BreakEvent, EventKind  # noqa: E402
from backbreak.history.store import open_history, open_history_read_only  # noqa: E402

ZONE = ZoneInfo("Europe/Berlin")
_DAY = [
    (EventKind.PROMPTED, None, None),
    (EventKind.STARTED, None, None),
    (EventKind.COMPLETED, 120, None),
    (EventKind.PROMPTED, None, None),
    (EventKind.SNOOZED, None, None),
    (EventKind.PROMPTED, None, None),
    (EventKind.STARTED, None, None),
    (EventKind.ENDED_EARLY, 45, None),
    (EventKind.NATURAL, None, "idle"),
    (EventKind.DEFERRED, None, "meeting"),
    (EventKind.PROMPTED, None, None),
    (EventKind.SKIPPED, None, None),
    (EventKind.PROMPTED, None, None),
    (EventKind.STARTED, None, None),
    (EventKind.COMPLETED, 300, None),
    (EventKind.NATURAL, None, "lock"),
]


def events(count: int) -> list[BreakEvent]:
    start = datetime(2016, 1, 4, 8, 0, tzinfo=ZONE)
    per_day = len(_DAY)
    made = []
    for number in range(count):
        day, slot = divmod(number, per_day)
        kind, seconds, cause = _DAY[slot % len(_DAY)]
        at = start + timedelta(days=day, minutes=30 * slot)
        made.append(BreakEvent(at, kind, seconds, cause, "seated-t-spine-matrix"))
    return made


def milliseconds(seconds: float) -> str:
    return f"{seconds * 1000:.3f} ms"


def run(folder: Path, count: int) -> None:
    path = folder / "history.sqlite3"
    path.unlink(missing_ok=True)
    batch = events(count)
    inserts = []
    with open_history(path).store as store:
        for event in batch:
            began = time.perf_counter()
            store.record(event)
            inserts.append(time.perf_counter() - began)
    size = path.stat().st_size

    began = time.perf_counter()
    opened = open_history(path)
    open_writable = time.perf_counter() - began
    opened.store.close()

    count_times = []
    open_times = []
    for _ in range(5):
        began = time.perf_counter()
        store = open_history_read_only(path)
        opened_at = time.perf_counter()
        span = store.span()
        assert span is not None
        counts = store.day_tallies(
            span[0].astimezone(ZONE).date(), span[1].astimezone(ZONE).date(), ZONE
        )
        done = time.perf_counter()
        store.close()
        open_times.append(opened_at - began)
        count_times.append(done - opened_at)
    counted = sum(
        t.exercised + t.natural + t.skipped + t.snoozed + t.deferred + t.prompted + t.started
        for t in counts.values()
    )
    assert counted == count, (counted, count)

    inserts.sort()
    print(f"events:                     {count} over {len(counts)} days")
    print(f"file size:                  {size / 1024 / 1024:.2f} MiB ({size} bytes)")
    print(f"insert, median:             {milliseconds(statistics.median(inserts))}")
    print(f"insert, 99th percentile:    {milliseconds(inserts[int(len(inserts) * 0.99)])}")
    print(f"insert, slowest:            {milliseconds(inserts[-1])}")
    print(f"open for recording (check): {milliseconds(open_writable)}")
    print(f"open read-only, median:     {milliseconds(statistics.median(open_times))}")
    print(f"per-day counts, all, median:{milliseconds(statistics.median(count_times))}")
    print(
        f"  (at {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, best of 5 runs: "
        f"{milliseconds(min(count_times))})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--events", type=int, default=60_000)
    parser.add_argument("--folder", type=Path, default=None)
    options = parser.parse_args()
    if options.folder is not None:
        options.folder.mkdir(parents=True, exist_ok=True)
        run(options.folder, options.events)
        return
    with tempfile.TemporaryDirectory() as folder:
        run(Path(folder), options.events)


if __name__ == "__main__":
    main()
