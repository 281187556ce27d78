"""What the break prompt says, in one place for both of its presentations.

The prompt window (:mod:`backbreak.ui.prompt`) and the desktop notification
(:mod:`backbreak.shell.prompt_notice`) show the same words: a heading that follows the
exercise that is due (stand up, stay seated, breathe, get down on the floor), the
exercise and its length, what it needs beyond a desk and a chair, and its summary.
"""

from __future__ import annotations

from dataclasses import dataclass

from backbreak.config.i18n import QT_TRANSLATE_NOOP
from backbreak.core.exercises import Exercise
from backbreak.ui.language import Plural, arg, translate

_HEADINGS = {
    "standing": QT_TRANSLATE_NOOP("Prompt", "Time to stand up and move"),
    "seated": QT_TRANSLATE_NOOP("Prompt", "Time for a seated exercise at your desk"),
    "floor": QT_TRANSLATE_NOOP("Prompt", "Time for an exercise on the floor"),
}
BREATHING_HEADING = QT_TRANSLATE_NOOP("Prompt", "Time for a breathing break")
FALLBACK_HEADING = QT_TRANSLATE_NOOP("Prompt", "Time for a break")
FLOOR_SPACE = QT_TRANSLATE_NOOP("Prompt", "floor space")
_CHAIR = QT_TRANSLATE_NOOP("Prompt", "chair")
NBSP = "\u00a0"
_GIVEN = frozenset({_CHAIR})
"""Equipment every desk has: not worth a line in the prompt (in English and in the language
shown, as a translated exercise names it in that language)."""


def describe_duration(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    if minutes and rest:
        return arg(translate("Prompt", "%1 min %2 s"), minutes, rest)
    if minutes:
        return Plural.tr("%n min", "", minutes)
    return Plural.tr("%n s", "", rest)


def _unbroken(text: str) -> str:
    """``text`` that wraps as one word: "1 min 9 s" never splits over two lines."""
    return text.replace(" ", NBSP)


def needs(exercise: Exercise) -> tuple[str, ...]:
    """What the exercise needs beyond a desk chair: floor space for a floor exercise, then its
    equipment as the exercise file names it."""
    given = {*_GIVEN, translate("Prompt", _CHAIR).casefold()}
    wanted = [translate("Prompt", FLOOR_SPACE)] if exercise.position == "floor" else []
    wanted += [item for item in exercise.equipment if item.casefold() not in given]
    unique: dict[str, str] = {}
    for item in wanted:
        unique.setdefault(item.casefold(), item)
    return tuple(unique.values())


@dataclass(frozen=True)
class PromptText:
    heading: str
    """"Time to stand up and move", "Time for a breathing break", ..."""
    detail: str
    """The exercise and how long it lasts: "Paced breathing · 2 min 23 s" (the length joined
    by no-break spaces)."""
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
        heading = translate("Prompt", BREATHING_HEADING)
    else:
        heading = translate("Prompt", _HEADINGS.get(exercise.position, FALLBACK_HEADING))
    required = needs(exercise)
    length = _unbroken(describe_duration(exercise.duration.total_seconds()))
    return PromptText(
        heading=heading,
        detail=f"{exercise.title} · {length}",
        needs=arg(translate("Prompt", "Needs: %1"), ", ".join(required)) if required else "",
        summary=exercise.summary,
    )
