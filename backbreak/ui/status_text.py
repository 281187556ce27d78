"""How the planner's status reads to a person (tray tooltip, menu info line).

The tray speaks the user's language and writes times the way their locale does; the command
line's ``backbreak status`` asks for the same line in English (``english=True``), as all CLI
output is.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale, QTimeZone

from backbreak.core.planner import Phase, Status
from backbreak.history.stats import DayTally
from backbreak.ui.language import Plural, arg
from backbreak.ui.language import translate as in_language

Translate = Callable[[str, str], str]


def _untranslated(_context: str, text: str) -> str:
    return text


def _when(moment: datetime, now: datetime, english: bool = False) -> str:
    """Today: the time of day; this week: the weekday and time; later: the date too."""
    local, today = moment.astimezone(), now.astimezone()
    days = (local.date() - today.date()).days
    if english:
        if days == 0:
            return f"{local:%H:%M}"
        return f"{local:%a %H:%M}" if 0 < days < 7 else f"{local:%a %d %b %H:%M}"
    locale = QLocale()
    offset = local.utcoffset()
    zone = QTimeZone(int(offset.total_seconds()) if offset is not None else 0)
    when = QDateTime.fromSecsSinceEpoch(int(local.timestamp()), zone)
    time = locale.toString(when.time(), QLocale.FormatType.ShortFormat)
    if days == 0:
        return time
    weekday = locale.dayName(when.date().dayOfWeek(), QLocale.FormatType.ShortFormat)
    if 0 < days < 7:
        return f"{weekday} {time}"
    month = locale.monthName(when.date().month(), QLocale.FormatType.ShortFormat)
    return f"{weekday} {when.date().day()} {month} {time}"


def status_line(status: Status, now: datetime, *, english: bool = False) -> str:
    """One line: what happens next."""
    translate: Translate = _untranslated if english else in_language
    if status.phase is Phase.BREAK:
        return translate("Status", "Break in progress")
    if status.phase is Phase.PROMPT:
        return translate("Status", "Break due now")

    def when(moment: datetime) -> str:
        return _when(moment, now, english)

    if status.meeting:
        if status.meeting_until is None:
            return translate("Status", "In a meeting: no breaks until you end it")
        return arg(translate("Status", "In a meeting until %1"), when(status.meeting_until))
    if status.paused_until is not None:
        line = arg(translate("Status", "Paused until %1"), when(status.paused_until))
        if status.next_prompt is not None:
            more = translate("Status", "%1 · next break %2")
            line = arg(more, line, when(status.next_prompt))
        return line
    if status.next_prompt is None:
        return translate("Status", "No breaks planned (check your work days and hours)")
    if status.phase is Phase.SNOOZED:
        return arg(translate("Status", "Snoozed until %1"), when(status.next_prompt))
    if status.deferred_by and status.next_prompt <= now:
        waiting = translate("Status", "Break due: waiting (%1)")
        return arg(waiting, ", ".join(status.deferred_by))
    return arg(translate("Status", "Next break at %1"), when(status.next_prompt))


def progress_line(today: DayTally | None, goal: int) -> str | None:
    """Today's breaks against the daily goal, e.g. "3 of 6 breaks today" (``None``: unknown)."""
    if today is None:
        return None
    return arg(Plural.tr("%1 of %n break(s) today", "", goal), today.taken)


def tooltip(status: Status, now: datetime, progress: str | None = None) -> str:
    line = f"backbreak — {status_line(status, now)}"
    return line if progress is None else f"{line}\n{progress}"
