"""The statistics' definitions, on hand-made tallies (the README states the same words)."""

from __future__ import annotations

from datetime import date, timedelta

from backbreak.config.schema import build_settings
from backbreak.history.stats import (
    WEEKS_SHOWN,
    DayTally,
    Goals,
    goals_of,
    routine_days,
    streaks,
    summarize,
    week_start_of,
)

MONDAY = date(2026, 3, 2)
MATRIX, ROWS = "seated-t-spine-matrix", "sport-cord-rows"


def day(n: int, **counts: object) -> DayTally:
    return DayTally(MONDAY + timedelta(n), **counts)  # type: ignore[arg-type]


def test_taken_counts_exercised_and_natural_and_due_adds_skipped() -> None:
    tally = day(0, exercised=2, natural=1, skipped=3, snoozed=4, deferred=5, prompted=9)
    assert (tally.taken, tally.due) == (3, 6)
    assert day(0).recorded is False
    assert day(0, prompted=1).recorded is True


def test_a_streak_is_the_run_of_goal_days_up_to_today_and_today_ends_it_only_once_over() -> None:
    tallies = {t.day: t for t in [day(0, exercised=3), day(1, natural=3), day(2, exercised=1)]}
    assert streaks(tallies, MONDAY + timedelta(2), 3) == (2, 2)  # today under way
    assert streaks(tallies, MONDAY + timedelta(3), 3) == (0, 2)  # yesterday missed it


def test_days_without_any_recorded_break_neither_end_nor_extend_a_streak() -> None:
    tallies = {t.day: t for t in [day(0, exercised=3), day(3, exercised=3)]}
    assert streaks(tallies, MONDAY + timedelta(3), 3) == (2, 2)


def test_a_day_off_below_the_goal_never_ends_a_streak_but_meeting_it_extends_it() -> None:
    friday, saturday, sunday, monday = (date(2026, 3, 6) + timedelta(n) for n in range(4))
    tallies = {
        friday: DayTally(friday, exercised=6),
        saturday: DayTally(saturday, exercised=1),  # one break on a day off
        sunday: DayTally(sunday, exercised=6),
        monday: DayTally(monday, exercised=6),
    }
    weekdays = frozenset(range(5))
    assert streaks(tallies, monday, 6, weekdays) == (3, 3)
    assert streaks(tallies, monday, 6) == (2, 2)  # every day a work day: Saturday ends it
    summary = summarize(tallies, monday, Goals(6, 3, weekdays), ())
    assert (summary.streak, summary.best_streak) == (3, 3)


def test_the_goals_follow_the_settings_work_days() -> None:
    settings = build_settings({"schedule.work_days": ["mon", "wed"], "goals.breaks_per_day": 4})
    assert goals_of(settings) == Goals(4, 3, frozenset({0, 2}))


def test_the_routine_is_done_on_a_day_each_of_its_exercises_was_completed() -> None:
    tallies = {
        t.day: t
        for t in [
            day(0, completed_exercises=frozenset({MATRIX, ROWS, "breathing"})),
            day(1, completed_exercises=frozenset({MATRIX})),
            day(2, completed_exercises=frozenset({ROWS, MATRIX})),
        ]
    }
    assert routine_days(tallies, [MATRIX, ROWS]) == {MONDAY, MONDAY + timedelta(2)}
    assert routine_days(tallies, []) == set()
    summary = summarize(tallies, MONDAY + timedelta(4), Goals(), [ROWS, MATRIX])
    assert summary.routines_this_week == 2
    assert summary.routine == (MATRIX, ROWS)


def test_the_week_and_the_strip_cover_the_right_days_from_the_chosen_first_weekday() -> None:
    wednesday = MONDAY + timedelta(2)
    assert week_start_of(wednesday) == MONDAY
    assert week_start_of(wednesday, first_weekday=6) == MONDAY - timedelta(1)
    old = MONDAY - timedelta(weeks=WEEKS_SHOWN - 1)
    tallies = {
        t.day: t
        for t in [
            DayTally(old, exercised=2, skipped=1),
            DayTally(old - timedelta(1), exercised=9),  # the week before the strip
            DayTally(wednesday, natural=4),
        ]
    }
    summary = summarize(tallies, wednesday, Goals(breaks_per_day=4), [])
    assert [t.day for t in summary.week] == [MONDAY + timedelta(n) for n in range(7)]
    assert summary.week[2].natural == 4
    assert len(summary.weeks) == WEEKS_SHOWN
    assert summary.weeks[0].first_day == old
    assert (summary.weeks[0].exercised, summary.weeks[0].skipped) == (2, 1)
    assert (summary.weeks[-1].natural, summary.weeks[-1].goal_days) == (4, 1)
    assert sum(week.taken for week in summary.weeks) == 6
    assert summary.today.natural == 4
