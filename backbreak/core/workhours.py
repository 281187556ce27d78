"""Work periods: local wall-clock hours on chosen weekdays, as real (UTC) instants.

A period belongs to the day it starts on, so a Friday 22:00-06:00 shift is a
Friday period. Work hours are wall-clock times; everything else is elapsed
time, so periods are built per day and converted to UTC, which keeps them
right on 23- and 25-hour days.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo


@dataclass(frozen=True)
class Period:
    """One work period, [start, end) in UTC."""

    start: datetime
    end: datetime

    def contains(self, t: datetime) -> bool:
        return self.start <= t < self.end


def localize(naive: datetime, zone: tzinfo | None) -> datetime:
    """Attach a zone to a local wall-clock time; ``None`` means the system's local time."""
    if zone is None:
        return naive.astimezone()
    return naive.replace(tzinfo=zone)


def to_local(t: datetime, zone: tzinfo | None) -> datetime:
    """The local wall-clock view of an instant."""
    return t.astimezone(zone) if zone is not None else t.astimezone()


@dataclass(frozen=True)
class WorkHours:
    """Which days are work days and when their period starts and ends (local time)."""

    days: frozenset[int]  # 0 = Monday
    start: time
    end: time
    zone: tzinfo | None = None

    def period_on(self, day: date) -> Period | None:
        """The period that starts on ``day``, if it is a work day."""
        if day.weekday() not in self.days:
            return None
        end_day = day if self.end > self.start else day + timedelta(days=1)
        begin = localize(datetime.combine(day, self.start), self.zone).astimezone(UTC)
        finish = localize(datetime.combine(end_day, self.end), self.zone).astimezone(UTC)
        if finish <= begin:  # a period swallowed by a DST jump
            return None
        return Period(begin, finish)

    def periods_from(self, t: datetime) -> Iterator[Period]:
        """Periods that end after ``t``, in order, beginning with the one containing ``t``.

        Endless when there are work days; callers bound the walk.
        """
        if not self.days:
            return
        day = to_local(t, self.zone).date() - timedelta(days=1)
        while True:
            period = self.period_on(day)
            if period is not None and period.end > t:
                yield period
            day += timedelta(days=1)

    def period_at(self, t: datetime) -> Period | None:
        """The period containing ``t``, or None outside work hours."""
        for period in self.periods_from(t):
            return period if period.contains(t) else None
        return None

    def next_start_after(self, t: datetime) -> datetime | None:
        """When the next period after ``t`` begins (None with no work days)."""
        for period in self.periods_from(t):
            if period.start > t:
                return period.start
        return None
