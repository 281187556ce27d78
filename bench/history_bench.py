"""The break history at ten years' size: file size, per-day counts over all of it, insert time,
and ``backbreak stats`` / ``backbreak history --days 7`` as the user runs them.

Writes 60,000 events (16 a day for 3,750 days, ten years and a bit up to today, in the mix of a
working day: prompts, starts, completions, snoozes, skips, natural breaks, deferrals) one insert
at a time, the way the app records them, then times what the statistics and ``backbreak stats``
will do: a read-only open and the per-day counts over the whole history. Last, the two commands
run as subprocesses on that file (wall time, first run and median of five; ``backbreak
--version`` for the interpreter's own start). Targets: stats under 200 ms, file under 10 MB.
Figures, not a test.

    .venv/bin/python bench/history_bench.py [--events 60000] [--folder /tmp/somewhere]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
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


STATS_TARGET_MS = 200
SIZE_TARGET_MB = 10
CLI_RUNS = 5


def events(count: int, *, up_to_today: bool = False) -> list[BreakEvent]:
    """``count`` events from 2016-01-04 on, or ending today with ``up_to_today``."""
    per_day = len(_DAY)
    start = datetime(2016, 1, 4, 8, 0, tzinfo=ZONE)
    if up_to_today:
        days = -(-count // per_day)
        today = datetime.now(ZONE).replace(hour=8, minute=0, second=0, microsecond=0)
        start = today - timedelta(days=days - 1)
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
    path = folder / "data" / "backbreak" / "history.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    batch = events(count, up_to_today=True)
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
    verdict = "within" if size < SIZE_TARGET_MB * 1000 * 1000 else "OVER"
    print(f"file size target {SIZE_TARGET_MB} MB:  {verdict}")
    commands(folder)


def commands(folder: Path) -> None:
    """The CLI on that history, as the user runs it: a fresh interpreter each time."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("XDG_", "DBUS_"))}
    env.update(
        HOME=str(folder),
        XDG_DATA_HOME=str(folder / "data"),
        XDG_CONFIG_HOME=str(folder / "config"),
        XDG_STATE_HOME=str(folder / "state"),
        XDG_RUNTIME_DIR=str(folder),
    )
    for args in (["--version"], ["stats"], ["stats", "--json"], ["history", "--days", "7"]):
        times = []
        for _ in range(1 + CLI_RUNS):
            began = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "backbreak", *args],
                cwd=REPO,
                env=env,
                capture_output=True,
                timeout=60,
                check=False,
            )
            times.append(time.perf_counter() - began)
            if done.returncode != 0:
                raise RuntimeError(f"backbreak {' '.join(args)}: {done.stderr.decode()}")
        first, median = times[0], statistics.median(times[1:])
        name = "backbreak " + " ".join(args)
        line = f"{name + ':':27} first {first * 1000:6.0f} ms, median of {CLI_RUNS}"
        line += f" {median * 1000:6.0f} ms"
        if args[0] == "stats":
            verdict = "within" if max(first, median) < STATS_TARGET_MS / 1000 else "OVER"
            line += f"  (target {STATS_TARGET_MS} ms: {verdict})"
        print(line)


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
