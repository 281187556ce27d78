"""DURATION arguments (``30m``, ``1h``, ``1h30m``, ``90m``): whole minutes, bounded."""

from __future__ import annotations

import re

MIN_MINUTES = 1
MAX_MINUTES = 24 * 60

_DURATION = re.compile(r"(?:(?P<hours>[0-9]{1,4})h)?(?:(?P<minutes>[0-9]{1,5})m)?")


class DurationError(ValueError):
    """Not a duration, or one out of bounds; the message is one line for the user."""


def parse_minutes(text: str, *, lowest: int = MIN_MINUTES, highest: int = MAX_MINUTES) -> int:
    """The minutes ``text`` names: hours and/or minutes with their unit, e.g. ``1h30m``.

    A bare number is refused rather than guessed at (minutes? hours?).
    """
    cleaned = text.strip().lower()
    match = _DURATION.fullmatch(cleaned)
    if not cleaned or match is None or not any(match.groups()):
        raise DurationError(f"'{text}' is not a duration; write it like 30m, 1h, 1h30m or 90m")
    minutes = int(match["hours"] or 0) * 60 + int(match["minutes"] or 0)
    if not lowest <= minutes <= highest:
        raise DurationError(f"'{text}' is outside {describe(lowest)}..{describe(highest)}")
    return minutes


def describe(minutes: int) -> str:
    """``90`` -> ``1h30m``: how a duration is written back to the user."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest}m"
    return f"{hours}h{rest}m" if rest else f"{hours}h"
