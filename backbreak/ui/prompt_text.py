"""What the break prompt says, in one place for both of its presentations.

The prompt window (:mod:`backbreak.ui.prompt`) and the desktop notification
(:mod:`backbreak.shell.prompt_notice`) show the same words: a heading that follows the
exercise that is due (stand up, stay seated, breathe, get down on the floor), the
exercise and its length, what it needs beyond a desk and a chair, and its summary.
"""

from __future__ import annotations

from dataclasses import dataclass

from backbreak.core.exercises import Exercise

_HEADINGS = {
    "standing": "Time to stand up and move",
    "seated": "Time for a seated exercise at your desk",
    "floor": "Time for an exercise on the floor",
}
BREATHING_HEADING = "Time for a breathing break"
FALLBACK_HEADING = "Time for a break"
FLOOR_SPACE = "floor space"
_GIVEN = frozenset({"chair"})
"""Equipment every desk has: not worth a line in the prompt."""


def describe_duration(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    if minutes and rest:
        return f"{minutes} min {rest} s"
    return f"{minutes} min" if minutes else f"{rest} s"


def needs(exercise: Exercise) -> tuple[str, ...]:
    """What the exercise needs beyond a desk chair: floor space for a floor exercise, then its
    equipment as the exercise file names it."""
    wanted = [FLOOR_SPACE] if exercise.position == "floor" else []
    wanted += [item for item in exercise.equipment if item.casefold() not in _GIVEN]
    unique: dict[str, str] = {}
    for item in wanted:
        unique.setdefault(item.casefold(), item)
    return tuple(unique.values())


@dataclass(frozen=True)
class PromptText:
    heading: str
    """"Time to stand up and move", "Time for a breathing break", ..."""
    detail: str
    """The exercise and how long it lasts: "Paced breathing · 2 min 23 s"."""
    needs: str
    """"Needs: floor space, foam roller", or "" when a desk and a chair will do."""
    summary: str

    @property
    def body(self) -> str:
        """Everything below the heading, one line each (the notification's body)."""
        return "\n".join(line for line in (self.detail, self.needs, self.summary) if line)


def prompt_text(exercise: Exercise) -> PromptText:
    """The words of the prompt for ``exercise``."""
    if exercise.mostly_breathing:
        heading = BREATHING_HEADING
    else:
        heading = _HEADINGS.get(exercise.position, FALLBACK_HEADING)
    required = needs(exercise)
    return PromptText(
        heading=heading,
        detail=f"{exercise.title} · {describe_duration(exercise.duration.total_seconds())}",
        needs=f"Needs: {', '.join(required)}" if required else "",
        summary=exercise.summary,
    )
