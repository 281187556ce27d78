"""How the planner's status reads to a person (tray tooltip, menu info line)."""

from __future__ import annotations

from datetime import datetime

from backbreak.core.planner import Phase, Status
from backbreak.history.stats import DayTally


def _when(moment: datetime, now: datetime) -> str:
    local, today = moment.astimezone(), now.astimezone()
    if local.date() == today.date():
        return f"{local:%H:%M}"
    if 0 < (local.date() - today.date()).days < 7:
        return f"{local:%a %H:%M}"
    return f"{local:%a %d %b %H:%M}"


def status_line(status: Status, now: datetime) -> str:
    """One line: what happens next."""
    if status.phase is Phase.BREAK:
        return "Break in progress"
    if status.phase is Phase.PROMPT:
        return "Break due now"
    if status.meeting:
        if status.meeting_until is None:
            return "In a meeting: no breaks until you end it"
        return f"In a meeting until {_when(status.meeting_until, now)}"
    if status.paused_until is not None:
        line = f"Paused until {_when(status.paused_until, now)}"
        if status.next_prompt is not None:
            line += f" · next break {_when(status.next_prompt, now)}"
        return line
    if status.next_prompt is None:
        return "No breaks planned (check your work days and hours)"
    if status.phase is Phase.SNOOZED:
        return f"Snoozed until {_when(status.next_prompt, now)}"
    if status.deferred_by and status.next_prompt <= now:
        return f"Break due: waiting ({', '.join(status.deferred_by)})"
    return f"Next break at {_when(status.next_prompt, now)}"


def progress_line(today: DayTally | None, goal: int) -> str | None:
    """Today's breaks against the daily goal, e.g. "3 of 6 breaks today" (``None``: unknown)."""
    if today is None:
        return None
    noun = "break" if goal == 1 else "breaks"
    return f"{today.taken} of {goal} {noun} today"


def tooltip(status: Status, now: datetime, progress: str | None = None) -> str:
    line = f"backbreak — {status_line(status, now)}"
    return line if progress is None else f"{line}\n{progress}"
