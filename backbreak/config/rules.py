"""Settings translated into the planner's terms."""

from __future__ import annotations

from datetime import timedelta, tzinfo

from backbreak.config.schema import WEEKDAYS, Settings
from backbreak.core.planner import Rules
from backbreak.core.workhours import WorkHours


def planner_rules(settings: Settings, zone: tzinfo | None = None) -> Rules:
    """``zone=None`` means the system's local time (honouring ``TZ``)."""
    schedule = settings.schedule
    work = WorkHours(
        days=frozenset(WEEKDAYS.index(day) for day in schedule.work_days),
        start=schedule.work_start,
        end=schedule.work_end,
        zone=zone,
    )
    return Rules(
        work=work,
        interval=timedelta(minutes=schedule.interval_minutes),
        snooze=timedelta(minutes=schedule.snooze_minutes),
    )
