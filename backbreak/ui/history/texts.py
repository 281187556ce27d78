"""The window's words: every sentence it shows or gives a screen reader, from a Summary.

Kept apart from the drawing so that what a chart shows and what its text alternative says
come from the same numbers, and tests read them without painting anything. Day names, dates
and numbers follow the ``QLocale`` handed in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from PySide6.QtCore import QDate, QLocale

from backbreak.config.i18n import QT_TRANSLATE_NOOP
from backbreak.history.stats import DayTally, Summary, WeekTally
from backbreak.ui.language import Plural, arg, translate

SETTINGS_BREAK = QT_TRANSLATE_NOOP("YourBreaks", "Settings → Break")
SETTINGS_HISTORY = QT_TRANSLATE_NOOP("YourBreaks", "Settings → History")
HISTORY_OFF = QT_TRANSLATE_NOOP(
    "YourBreaks", "History is off: new breaks are not recorded. Turn it on in %1."
)
EMPTY = QT_TRANSLATE_NOOP(
    "YourBreaks",
    "Nothing recorded yet. Each break you take, skip or get by being away shows up here: "
    "today, this week and the last 12 weeks.",
)
UNREADABLE = QT_TRANSLATE_NOOP(
    "YourBreaks", "Your breaks cannot be shown: the history cannot be read."
)
NO_ROUTINE = QT_TRANSLATE_NOOP(
    "YourBreaks",
    "Your rotation has no exercise of the mid-back routine; choose one in %1 to follow the "
    "weekly programme.",
)


def history_off() -> str:
    return arg(translate("YourBreaks", HISTORY_OFF), translate("YourBreaks", SETTINGS_HISTORY))


def no_routine() -> str:
    return arg(tr(NO_ROUTINE), tr(SETTINGS_BREAK))


def tr(text: str) -> str:
    """One of the texts above in the language shown."""
    return translate("YourBreaks", text)


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
    moving = arg(
        translate("YourBreaks", "%1 min moving"), locale.toString(summary.minutes_moved_today)
    )
    if today.due == 0:
        return arg(translate("YourBreaks", "No breaks yet today · %1"), moving)
    taken = Plural.tr("%n break(s) taken of %1 due · %2", "", today.taken)
    return arg(taken, locale.toString(today.due), moving)


def goal_line(summary: Summary, locale: QLocale) -> str:
    """ "Daily goal: 3 of 6" (met: said so)"""
    goal = summary.goals.breaks_per_day
    taken = summary.today.taken
    if taken >= goal:
        line = translate("YourBreaks", "Daily goal: %1 of %2 — met")
    else:
        line = translate("YourBreaks", "Daily goal: %1 of %2")
    return arg(line, locale.toString(taken), locale.toString(goal))


def streak_line(summary: Summary, locale: QLocale) -> str:
    """ "5 days in a row with your daily goal met · best 12" """
    best = locale.toString(summary.best_streak)
    if summary.streak == 0:
        line = Plural.tr(
            "No streak yet: take %n break(s) on a day to start one · best %1",
            "",
            summary.goals.breaks_per_day,
        )
        return arg(line, best)
    line = Plural.tr("%n day(s) in a row with your daily goal met · best %1", "", summary.streak)
    return arg(line, best)


def programme_line(summary: Summary, locale: QLocale) -> str:
    """ "Mid-back routine: done on 2 of 3 days this week" """
    goal = summary.goals.routines_per_week
    done = summary.routines_this_week
    if done >= goal:
        line = Plural.tr(
            "Mid-back routine: done on %1 of %n day(s) this week — done for this week", "", goal
        )
    else:
        line = Plural.tr("Mid-back routine: done on %1 of %n day(s) this week", "", goal)
    return arg(line, locale.toString(done))


def programme_dots(summary: Summary) -> str:
    """One dot a day of the weekly goal: filled for each day the routine was done."""
    goal = summary.goals.routines_per_week
    done = summary.routines_this_week
    return " ".join(["●"] * done + ["○"] * max(0, goal - done))


def routine_line(routine: Sequence[str], titles: Mapping[str, str]) -> str:
    """The routine's exercises by title (the rotation may hold one without a title)."""
    if not routine:
        return no_routine()
    names = [titles.get(exercise, exercise) for exercise in routine]
    line = translate("YourBreaks", "A routine is each of these done in full on one day: %1.")
    return arg(line, ", ".join(names))


def is_empty(summary: Summary) -> bool:
    """Nothing in the weeks shown and no streak ever: nothing to chart."""
    return summary.best_streak == 0 and all(w.taken + w.skipped == 0 for w in summary.weeks)


def day_words(tally: DayTally, locale: QLocale, today: date) -> str:
    """One day for the selection label and the text alternative."""
    name = full_date(tally.day, locale)
    if tally.day > today:
        return arg(translate("YourBreaks", "%1: still to come"), name)
    if tally.due == 0:
        return arg(translate("YourBreaks", "%1: no breaks recorded"), name)
    moved = round(tally.seconds_moved / 60)
    words = translate(
        "YourBreaks",
        "%1: %2 taken of %3 due (%4 exercised, %5 by being away, %6 skipped), %7 min moving",
    )
    numbers = (tally.taken, tally.due, tally.exercised, tally.natural, tally.skipped, moved)
    return arg(words, name, *(locale.toString(number) for number in numbers))


def week_words(week: WeekTally, locale: QLocale, routine_goal: int) -> str:
    """One week of the strip, for its selection label and its text alternative."""
    name = arg(translate("YourBreaks", "Week of %1"), day_date(week.first_day, locale))
    due = week.taken + week.skipped
    if due == 0:
        return arg(translate("YourBreaks", "%1: no breaks recorded"), name)
    words = Plural.tr(
        "%1: %2 taken of %3 due (%4 exercised, %5 by being away, %6 skipped); daily goal met "
        "on %n day(s); mid-back routine on %7 of %8",
        "",
        week.goal_days,
    )
    numbers = (week.taken, due, week.exercised, week.natural, week.skipped)
    routines = (week.routines, routine_goal)
    return arg(
        words,
        name,
        *(locale.toString(number) for number in numbers),
        *(locale.toString(number) for number in routines),
    )


def week_description(summary: Summary, locale: QLocale) -> str:
    """The week chart's text alternative: every day's numbers, the goal, which day is today."""
    days = "; ".join(day_words(tally, locale, summary.today.day) for tally in summary.week)
    words = translate("YourBreaks", "Breaks each day this week, goal %1 a day; today is %2. %3.")
    return arg(
        words,
        locale.toString(summary.goals.breaks_per_day),
        day_name(summary.today.day, locale, short=False),
        days,
    )


def weeks_description(summary: Summary, locale: QLocale) -> str:
    """The strip's text alternative: each of the last weeks, oldest first."""
    goal = summary.goals.routines_per_week
    weeks = "; ".join(week_words(week, locale, goal) for week in summary.weeks)
    words = Plural.tr(
        "Breaks taken each week, the last %n week(s), oldest first. %1.", "", len(summary.weeks)
    )
    return arg(words, weeks)


def exported(count: int, where: str, locale: QLocale) -> str:
    # The count as the window's locale writes it ("1,234"), in the form it takes.
    return arg(Plural.tr("Exported %1 event(s) to %2.", "", count), locale.toString(count), where)


def clear_question(summary: Summary | None, locale: QLocale) -> str:
    """The confirmation's text: what will be lost, in numbers where known."""
    lost = translate("YourBreaks", "every break recorded so far")
    if summary is not None:
        taken = sum(week.taken for week in summary.weeks)
        alone = Plural.tr(" (in the last %1 weeks alone, %n break(s) taken)", "", taken)
        lost += arg(alone, len(summary.weeks))
        if summary.best_streak:
            streaks = translate("YourBreaks", ", your streaks (best %1 days)")
            lost += arg(streaks, locale.toString(summary.best_streak))
    question = translate(
        "YourBreaks",
        "Clear the history? This deletes %1 and the weekly programme's progress. "
        "Export it first if you want to keep a copy. This cannot be undone.",
    )
    return arg(question, lost)
