"""The system's local time zone as a ``tzinfo``, for calendar days in the history.

``datetime.astimezone()`` gives a fixed offset, right for one instant but wrong for a span
of days across a daylight-saving change; this one asks the C library for each moment, as
``astimezone()`` does, so a day is 23 or 25 hours where it should be.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta, tzinfo


class SystemLocal(tzinfo):
    """The zone ``TZ`` (or the system's setting) names, whatever its rules."""

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        if dt is None:
            return None
        return dt.replace(tzinfo=None).astimezone().utcoffset()

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None

    def tzname(self, dt: datetime | None) -> str | None:
        if dt is None:
            return None
        return dt.replace(tzinfo=None).astimezone().tzname()

    def fromutc(self, dt: datetime) -> datetime:
        instant = dt.replace(tzinfo=UTC).astimezone()
        local = instant.replace(tzinfo=self)
        if local.utcoffset() != instant.utcoffset():  # the second of a repeated hour
            local = local.replace(fold=1)
        return local


def usable_local_zone(prog: str) -> tzinfo:
    """The local zone; UTC, with a warning on stderr, where the local zone is unusable."""
    from backbreak.platform.local_zone import zone_problem

    problem = zone_problem()
    if problem is not None:
        print(f"{prog}: warning: {problem}; using UTC", file=sys.stderr)
        return UTC
    return SystemLocal()


def store_zone(zone: tzinfo) -> tzinfo | None:
    """``zone`` as the history store takes it: ``None`` for the system's local time, which the
    store works out day by day with one C call each (ten years are 3,650 days)."""
    return None if isinstance(zone, SystemLocal) else zone
