"""What the history means for the user: today, this week, the last weeks, streaks, the programme.

Pure: it works on per-day tallies (read from the store by
:meth:`backbreak.history.store.HistoryStore.day_tallies`), so the window, the tray tooltip and
``backbreak stats`` say the same and tests need no database. Definitions, as the README states:

- a break is *taken* when it was exercised (completed or ended early) or came about naturally
  (away long enough); it was *due* when it was taken or skipped;
- the *daily goal* is met on a day with at least ``breaks_per_day`` breaks taken; a *streak* is
  the run of days with the goal met, up to today; days without any recorded break, and days
  that are not work days (``Goals.work_days``), never end it (a work day below the goal does,
  once it is over), though a day off with the goal met extends it;
- the *mid-back routine* is the set of routine exercises in the user's rotation; it is done on
  a day on which each of them was completed at least once; the weekly programme counts such
  days in the week.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from backbreak.config.kinds import WEEKDAYS

if TYPE_CHECKING:
    from backbreak.config.schema import Settings
from datetime import date, timedelta

WEEKS_SHOWN = 12


@dataclass(frozen=True, slots=True)
class DayTally:
    """What happened to breaks on one calendar day."""

    day: date
    exercised: int = 0
    """Breaks with an exercise done: completed or ended early."""
    natural: int = 0
    """Breaks that came about by being away long enough."""
    skipped: int = 0
    snoozed: int = 0
    deferred: int = 0
    prompted: int = 0
    started: int = 0
    paused: int = 0
    seconds_moved: int = 0
    """Time spent on exercises (completed and ended early)."""
    completed_exercises: frozenset[str] = field(default_factory=frozenset)
    """The exercises completed in full that day."""

    @property
    def taken(self) -> int:
        return self.exercised + self.natural

    @property
    def due(self) -> int:
        return self.taken + self.skipped

    @property
    def recorded(self) -> bool:
        """Whether any break event fell on this day (a day off has none)."""
        counts = (self.exercised, self.natural, self.skipped, self.snoozed, self.deferred)
        return any(counts) or bool(self.prompted or self.started)


@dataclass(frozen=True, slots=True)
class Goals:
    breaks_per_day: int = 6
    routines_per_week: int = 3
    work_days: frozenset[int] = frozenset(range(7))
    """The weekdays (0 is Monday) on which missing the daily goal ends a streak."""


def goals_of(settings: Settings) -> Goals:
    """The goals as the settings set them (the work days from the schedule)."""
    return Goals(
        breaks_per_day=settings.goals.breaks_per_day,
        routines_per_week=settings.goals.routines_per_week,
        work_days=frozenset(WEEKDAYS.index(day) for day in settings.schedule.work_days),
    )


@dataclass(frozen=True, slots=True)
class WeekTally:
    """One week of the strip: its first day and its totals."""

    first_day: date
    exercised: int
    natural: int
    skipped: int
    routines: int
    goal_days: int
    """Days of the week on which the daily goal was met."""

    @property
    def taken(self) -> int:
        return self.exercised + self.natural


@dataclass(frozen=True, slots=True)
class Summary:
    """Everything the "Your breaks" window and ``backbreak stats`` show."""

    today: DayTally
    week: tuple[DayTally, ...]
    """The seven days of the current week, its first day first (future days are empty)."""
    weeks: tuple[WeekTally, ...]
    """The last :data:`WEEKS_SHOWN` weeks, oldest first; the current week is the last."""
    streak: int
    best_streak: int
    routines_this_week: int
    routine: tuple[str, ...]
    """The exercises one routine is made of (empty: the rotation has none of them)."""
    goals: Goals

    @property
    def minutes_moved_today(self) -> int:
        return round(self.today.seconds_moved / 60)


def week_start_of(day: date, first_weekday: int = 0) -> date:
    """The first day of ``day``'s week; ``first_weekday`` 0 is Monday, 6 is Sunday."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def routine_days(tallies: Mapping[date, DayTally], routine: Collection[str]) -> set[date]:
    """The days on which the whole routine was done (none when the routine is empty)."""
    needed = frozenset(routine)
    if not needed:
        return set()
    return {day for day, tally in tallies.items() if needed <= tally.completed_exercises}


def streaks(
    tallies: Mapping[date, DayTally],
    today: date,
    goal: int,
    work_days: Collection[int] = range(7),
) -> tuple[int, int]:
    """(current, best) runs of days with at least ``goal`` breaks taken; see the module."""
    best = run = 0
    for day in sorted(tallies):
        if day > today:
            break
        tally = tallies[day]
        if not tally.recorded:
            continue
        if tally.taken >= goal:
            run += 1
            best = max(best, run)
        elif day != today and day.weekday() in work_days:
            run = 0
    return run, best


def summarize(
    tallies: Mapping[date, DayTally],
    today: date,
    goals: Goals,
    routine: Collection[str],
    *,
    first_weekday: int = 0,
) -> Summary:
    """The summary as of ``today`` from the tallies of (at least) every day with events."""
    done_days = routine_days(tallies, routine)
    this_week = week_start_of(today, first_weekday)
    week = tuple(
        tallies.get(day, DayTally(day)) for day in (this_week + timedelta(n) for n in range(7))
    )
    weeks = []
    for back in range(WEEKS_SHOWN - 1, -1, -1):
        first = this_week - timedelta(weeks=back)
        days = [tallies.get(first + timedelta(n), DayTally(first + timedelta(n))) for n in range(7)]
        weeks.append(
            WeekTally(
                first_day=first,
                exercised=sum(d.exercised for d in days),
                natural=sum(d.natural for d in days),
                skipped=sum(d.skipped for d in days),
                routines=sum(d.day in done_days for d in days),
                goal_days=sum(d.recorded and d.taken >= goals.breaks_per_day for d in days),
            )
        )
    current, best = streaks(tallies, today, goals.breaks_per_day, goals.work_days)
    return Summary(
        today=tallies.get(today, DayTally(today)),
        week=week,
        weeks=tuple(weeks),
        streak=current,
        best_streak=best,
        routines_this_week=weeks[-1].routines,
        routine=tuple(sorted(frozenset(routine))),
        goals=goals,
    )
