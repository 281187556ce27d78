"""The window's words: every sentence it shows or gives a screen reader, from a Summary.

Kept apart from the drawing so that what a chart shows and what its text alternative says
come from the same numbers, and tests read them without painting anything. Day names, dates
and numbers follow the ``QLocale`` handed in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from PySide6.QtCore import QDate, QLocale

from backbreak.history.stats import DayTally, Summary, WeekTally

SETTINGS_BREAK = "Settings → Break"
SETTINGS_HISTORY = "Settings → History"
HISTORY_OFF = f"History is off: new breaks are not recorded. Turn it on in {SETTINGS_HISTORY}."
EMPTY = (
    "Nothing recorded yet. Each break you take, skip or get by being away shows up here: "
    "today, this week and the last 12 weeks."
)
UNREADABLE = "Your breaks cannot be shown: the history cannot be read."
NO_ROUTINE = (
    "Your rotation has no exercise of the mid-back routine; choose one in "
    f"{SETTINGS_BREAK} to follow the weekly programme."
)


def plural(count: int, one: str, many: str, locale: QLocale) -> str:
    return f"{locale.toString(count)} {one if count == 1 else many}"


def day_name(day: date, locale: QLocale, *, short: bool = True) -> str:
    form = QLocale.FormatType.ShortFormat if short else QLocale.FormatType.LongFormat
    return locale.dayName(day.isoweekday(), form)


def day_date(day: date, locale: QLocale) -> str:
    """The day and month, in the locale's order ("1 Dec", "Dec 1")."""
    return locale.toString(QDate(day.year, day.month, day.day), "d MMM")


def month_name(day: date, locale: QLocale) -> str:
    return locale.monthName(day.month, QLocale.FormatType.ShortFormat)


def full_date(day: date, locale: QLocale) -> str:
    return f"{day_name(day, locale, short=False)} {day_date(day, locale)}"


def today_line(summary: Summary, locale: QLocale) -> str:
    """ "3 breaks taken of 4 due · 7 min moving" """
    today = summary.today
    taken = plural(today.taken, "break", "breaks", locale)
    moving = f"{locale.toString(summary.minutes_moved_today)} min moving"
    if today.due == 0:
        return f"No breaks yet today · {moving}"
    return f"{taken} taken of {locale.toString(today.due)} due · {moving}"


def goal_line(summary: Summary, locale: QLocale) -> str:
    """ "Daily goal: 3 of 6" (met: said so)"""
    goal = summary.goals.breaks_per_day
    taken = summary.today.taken
    met = " — met" if taken >= goal else ""
    return f"Daily goal: {locale.toString(taken)} of {locale.toString(goal)}{met}"


def streak_line(summary: Summary, locale: QLocale) -> str:
    """ "5 days in a row with your daily goal met · best 12" """
    best = f"best {locale.toString(summary.best_streak)}"
    if summary.streak == 0:
        goal = plural(summary.goals.breaks_per_day, "break", "breaks", locale)
        return f"No streak yet: take {goal} on a day to start one · {best}"
    days = plural(summary.streak, "day", "days", locale)
    return f"{days} in a row with your daily goal met · {best}"


def programme_line(summary: Summary, locale: QLocale) -> str:
    """ "Mid-back routine: done on 2 of 3 days this week" """
    goal = summary.goals.routines_per_week
    done = summary.routines_this_week
    met = " — done for this week" if done >= goal else ""
    return (
        f"Mid-back routine: done on {locale.toString(done)} of "
        f"{plural(goal, 'day', 'days', locale)} this week{met}"
    )


def programme_dots(summary: Summary) -> str:
    """One dot a day of the weekly goal: filled for each day the routine was done."""
    goal = summary.goals.routines_per_week
    done = summary.routines_this_week
    return " ".join(["●"] * done + ["○"] * max(0, goal - done))


def routine_line(routine: Sequence[str], titles: Mapping[str, str]) -> str:
    """The routine's exercises by title (the rotation may hold one without a title)."""
    if not routine:
        return NO_ROUTINE
    names = [titles.get(exercise, exercise) for exercise in routine]
    return "A routine is each of these done in full on one day: " + ", ".join(names) + "."


def is_empty(summary: Summary) -> bool:
    """Nothing in the weeks shown and no streak ever: nothing to chart."""
    return summary.best_streak == 0 and all(w.taken + w.skipped == 0 for w in summary.weeks)


def day_words(tally: DayTally, locale: QLocale, today: date) -> str:
    """One day for the selection label and the text alternative."""
    name = full_date(tally.day, locale)
    if tally.day > today:
        return f"{name}: still to come"
    if tally.due == 0:
        return f"{name}: no breaks recorded"
    moved = round(tally.seconds_moved / 60)
    return (
        f"{name}: {tally.taken} taken of {tally.due} due "
        f"({tally.exercised} exercised, {tally.natural} by being away, {tally.skipped} skipped)"
        f", {locale.toString(moved)} min moving"
    )


def week_words(week: WeekTally, locale: QLocale, routine_goal: int) -> str:
    """One week of the strip, for its selection label and its text alternative."""
    name = f"Week of {day_date(week.first_day, locale)}"
    due = week.taken + week.skipped
    if due == 0:
        return f"{name}: no breaks recorded"
    return (
        f"{name}: {locale.toString(week.taken)} taken of {locale.toString(due)} due "
        f"({locale.toString(week.exercised)} exercised, {locale.toString(week.natural)} by "
        f"being away, {locale.toString(week.skipped)} skipped); daily goal met on "
        f"{plural(week.goal_days, 'day', 'days', locale)}; mid-back routine on "
        f"{locale.toString(week.routines)} of {locale.toString(routine_goal)}"
    )


def week_description(summary: Summary, locale: QLocale) -> str:
    """The week chart's text alternative: every day's numbers, the goal, which day is today."""
    days = "; ".join(day_words(tally, locale, summary.today.day) for tally in summary.week)
    return (
        f"Breaks each day this week, goal {summary.goals.breaks_per_day} a day; "
        f"today is {day_name(summary.today.day, locale, short=False)}. {days}."
    )


def weeks_description(summary: Summary, locale: QLocale) -> str:
    """The strip's text alternative: each of the last weeks, oldest first."""
    goal = summary.goals.routines_per_week
    weeks = "; ".join(week_words(week, locale, goal) for week in summary.weeks)
    return f"Breaks taken each week, the last {len(summary.weeks)} weeks, oldest first. {weeks}."


def exported(count: int, where: str, locale: QLocale) -> str:
    return f"Exported {plural(count, 'event', 'events', locale)} to {where}."


def clear_question(summary: Summary | None, locale: QLocale) -> str:
    """The confirmation's text: what will be lost, in numbers where known."""
    lost = "every break recorded so far"
    if summary is not None:
        taken = sum(week.taken for week in summary.weeks)
        lost += (
            f" (in the last {len(summary.weeks)} weeks alone, "
            f"{plural(taken, 'break', 'breaks', locale)} taken)"
        )
        if summary.best_streak:
            lost += f", your streaks (best {locale.toString(summary.best_streak)} days)"
    return (
        f"Clear the history? This deletes {lost} and the weekly programme's progress. "
        "Export it first if you want to keep a copy. This cannot be undone."
    )
