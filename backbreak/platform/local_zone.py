"""The process's local time zone: usable, or replaced by UTC rather than crash at every read."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime

from backbreak.core.clock import local_time_works

__all__ = ["use_utc_if_unusable", "zone_problem"]


def zone_problem(at: datetime | None = None) -> str | None:
    """Why local time cannot be used here (one sentence for the user), or None when it can."""
    if local_time_works(at or datetime.now(UTC)):
        return None
    zone = os.environ.get("TZ")
    name = "the system time zone" if zone is None else f"the time zone TZ={zone!r}"
    return f"{name} cannot be used: its offset from UTC is 24 hours or more"


def use_utc_if_unusable() -> str | None:
    """Switch this process to UTC when its local zone is unusable; returns the reason, if so.

    Work hours then follow UTC, which is wrong by the zone's offset but keeps
    the app running and prompting; the caller tells the user.
    """
    problem = zone_problem()
    if problem is not None:
        os.environ["TZ"] = "UTC"
        time.tzset()
    return problem
