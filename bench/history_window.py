"""Opening "Your breaks" on ten years of history: read the summary and show the window.

Writes 60,000 events (see ``bench/history_bench.py``) to a temporary database in one
transaction, then times what a click on **Your breaks…** does: open the file read-only, read the
summary (every day from the first event, for the streaks), build the window and show it
(offscreen, laid out and painted). The first run is cold (the window's modules are imported
then); the median is of the five after it. Target: under 300 ms. Figures, not a test.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/history_window.py [--events 60000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from history_bench import ZONE, events  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from backbreak.config.exercise_files import load_catalogue  # noqa: E402
from backbreak.history.reading import load_summary  # noqa: E402
from backbreak.history.stats import Goals, Summary  # noqa: E402
from backbreak.history.store import open_history, open_history_read_only  # noqa: E402
from backbreak.resources import resources_dir  # noqa: E402

TARGET_MS = 300
RUNS = 5


class Shown:
    """The history as the window reads it, already summarised (the timed read is outside)."""

    def __init__(self, summary: Summary) -> None:
        self._summary = summary

    def summary(self) -> Summary | None:
        return self._summary

    def problem(self) -> str | None:
        return None

    def recording(self) -> bool:
        return True

    def export(self, path: Path, kind: str) -> int:
        raise OSError("not in the benchmark")

    def clear(self) -> None:
        raise OSError("not in the benchmark")


def seed(path: Path, count: int) -> datetime:
    """Write ``count`` events in one transaction; returns the last one's time."""
    batch = events(count)
    with open_history(path).store as store:
        connection = store._connection  # one transaction: seeding is not what is measured
        connection.execute("BEGIN")
        for event in batch:
            store.record(event)
        connection.execute("COMMIT")
    return batch[-1].at


def open_window(
    app: QApplication, path: Path, today: datetime, titles: dict[str, str], routine: list[str]
) -> tuple[float, float]:
    """(read, build and show) in seconds."""
    began = time.perf_counter()
    store = open_history_read_only(path)
    try:
        summary = load_summary(store, today.date(), ZONE, Goals(), routine)
    finally:
        store.close()
    read = time.perf_counter()
    from backbreak.ui.history.window import YourBreaksWindow

    window = YourBreaksWindow(Shown(summary), titles)
    window.present()
    window.repaint()
    app.processEvents()
    shown = time.perf_counter()
    window.close()
    window.deleteLater()
    app.processEvents()
    return read - began, shown - read


def milliseconds(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def run(folder: Path, count: int) -> None:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    catalogue = load_catalogue(resources_dir() / "exercises")
    titles = {key: exercise.title for key, exercise in catalogue.items()}
    routine = [key for key, exercise in catalogue.items() if exercise.routine]
    path = folder / "history.sqlite3"
    began = time.perf_counter()
    last = seed(path, count).astimezone(ZONE)
    seeded = time.perf_counter() - began
    cold = open_window(app, path, last, titles, routine)
    warm = [open_window(app, path, last, titles, routine) for _ in range(RUNS)]
    reads = [read for read, _ in warm]
    shows = [show for _, show in warm]
    totals = [read + show for read, show in warm]
    size = path.stat().st_size
    print(
        f"events:                 {count} ({size / 1024 / 1024:.2f} MiB, seeded in {seeded:.1f} s)"
    )
    print(
        f"first (cold):           {milliseconds(sum(cold))}  = read {milliseconds(cold[0])}"
        f" + window {milliseconds(cold[1])}"
    )
    print(
        f"median of {RUNS}:            {milliseconds(statistics.median(totals))}  = read "
        f"{milliseconds(statistics.median(reads))} + window "
        f"{milliseconds(statistics.median(shows))}"
    )
    print(f"slowest of {RUNS}:           {milliseconds(max(totals))}")
    verdict = "within" if max(sum(cold), *totals) < TARGET_MS / 1000 else "OVER"
    print(
        f"target {TARGET_MS} ms:          {verdict}"
        f"  (at {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {QApplication.platformName()})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--events", type=int, default=60_000)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        run(Path(folder), options.events)


if __name__ == "__main__":
    main()
