"""A history without a database for the "Your breaks" tests: a fake access and seeded summaries."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from backbreak.history.stats import DayTally, Goals, Summary, summarize

#: Tuesday: the week shown runs Monday 30 Nov to Sunday 6 Dec, today the second day.
TODAY = date(2026, 12, 1)
ROUTINE = (
    "foam-roll-thoracic-extension",
    "seated-t-spine-matrix",
    "sport-cord-rows",
    "t-spine-rotation-all-fours",
)


def seeded_tallies(today: date = TODAY, weeks: int = 14, seed: int = 7) -> dict[date, DayTally]:
    """A plausible working life: weekdays with 3-8 breaks due, most taken, weekends off,
    the routine done a few days a week; today under way."""
    pick = random.Random(seed)
    tallies = {}
    first = today - timedelta(weeks=weeks)
    for offset in range((today - first).days + 1):
        day = first + timedelta(days=offset)
        if day.weekday() >= 5 or pick.random() < 0.06:
            continue  # weekends and the odd day off
        due = pick.randint(3, 8) if day != today else 4
        skipped = pick.choice((0, 0, 0, 1, 1, 2)) if day != today else 1
        natural = pick.randint(0, 2) if day != today else 1
        exercised = max(0, due - skipped - natural)
        done = frozenset(ROUTINE) if pick.random() < 0.5 else frozenset(ROUTINE[:2])
        tallies[day] = DayTally(
            day,
            exercised=exercised,
            natural=natural,
            skipped=skipped,
            prompted=due,
            started=exercised,
            seconds_moved=exercised * 140 if day != today else 420,
            completed_exercises=done if exercised >= 4 or day == today else frozenset(),
        )
    return tallies


SEEDED_GOALS = Goals(breaks_per_day=4, routines_per_week=3)


def seeded_summary(
    today: date = TODAY, goals: Goals = SEEDED_GOALS, routine: tuple[str, ...] = ROUTINE
) -> Summary:
    return summarize(seeded_tallies(today), today, goals, routine)


def empty_summary(today: date = TODAY, routine: tuple[str, ...] = ROUTINE) -> Summary:
    return summarize({}, today, Goals(), routine)


@dataclass
class FakeHistory:
    """Stands in for the shell's recorder; records what the window asked of it."""

    current: Summary | None = field(default_factory=seeded_summary)
    trouble: str | None = None
    on: bool = True
    exports: list[tuple[Path, str]] = field(default_factory=list)
    export_error: Exception | None = None
    exported_count: int = 1234
    cleared: int = 0
    reads: int = 0

    def summary(self) -> Summary | None:
        self.reads += 1
        return self.current

    def problem(self) -> str | None:
        return self.trouble

    def recording(self) -> bool:
        return self.on

    def export(self, path: Path, kind: str) -> int:
        if self.export_error is not None:
            raise self.export_error
        self.exports.append((path, kind))
        return self.exported_count

    def clear(self) -> None:
        self.cleared += 1
        self.current = empty_summary()
