"""Words of the settings dialog: tab of each key, short labels, mnemonics and time spans.

Everything here derives from :data:`backbreak.config.schema.KEYS`; a key added to the registry
gets a tab, a label and a mnemonic without anyone editing this file (the short labels below only
make the known keys read better than their humanised names).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence

from backbreak.config.schema import KeySpec
from backbreak.core.exercises import BREATHING_PATTERNS, Exercise

TABS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Schedule", ("schedule",)),
    ("Break", ("break",)),
    ("Sound", ("sound",)),
    ("Awareness", ("presence", "interruptions")),
)
"""Tab titles and the settings sections each one shows, in order. Sections not listed get a tab
of their own after these, titled after the section; the General tab comes last."""

GENERAL_TAB = "General"

LABELS: dict[str, str] = {
    "schedule.interval_minutes": "Interval between breaks",
    "schedule.work_days": "Work days",
    "schedule.work_start": "Work starts at",
    "schedule.work_end": "Work ends at",
    "schedule.snooze_minutes": "Snooze for",
    "break.exercise": "Exercise",
    "break.breathing_pattern": "Breathing pattern",
    "break.reduce_motion": "Reduce motion in the breathing pacer",
    "sound.chime": "Chime at each step",
    "sound.volume": "Chime volume",
    "sound.speak": "Read the steps aloud",
    "presence.idle_minutes": "Count as away after",
    "interruptions.fullscreen": "Hold breaks back while a window is full screen",
    "interruptions.do_not_disturb": "Hold breaks back while do-not-disturb is on",
    "interruptions.calls": "Hold breaks back during calls, presentations and videos",
}

HELP: dict[str, str] = {
    "schedule.interval_minutes": "How long you work at the computer between two breaks.",
    "schedule.work_days": "The days on which backbreak reminds you to take breaks.",
    "schedule.work_start": "When your working day starts, in local time (24-hour clock).",
    "schedule.work_end": (
        "When your working day ends. A time before “Work starts at” means the day runs past "
        "midnight (a night shift); the same time means around the clock."
    ),
    "schedule.snooze_minutes": "How long “Snooze” puts a break off.",
    "break.exercise": (
        "What a break shows. Alternate takes the office exercises in turn, each followed by "
        "paced breathing; pick one exercise to always do that one, or “Rotate through…” to "
        "tick several and put them in order."
    ),
    "break.breathing_pattern": (
        "The pace of paced breathing. Box: breathe in, hold, breathe out and hold for 4 "
        "seconds each. Slow: breathe in and out for 5.5 seconds each, without holding."
    ),
    "break.reduce_motion": (
        "Show the breathing pacer as a countdown with the phase name instead of a moving shape."
    ),
    "sound.chime": "Play a soft chime when an exercise moves on to its next step.",
    "sound.volume": "How loud the chime is.",
    "sound.speak": "Read each step aloud where the system has a speech engine.",
    "presence.idle_minutes": (
        "How long without keyboard or mouse input counts as being away from the computer, "
        "so that reading something for a while is not mistaken for a break."
    ),
}
"""Help under each field, naming the labels the user sees; keys not listed show the
registry's description, which is written for the settings file."""

DAY_NAMES: dict[str, str] = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}

LOCKED_NOTE = "set by your organisation"
NO_WORK_DAYS = "No work days: no breaks will be planned."
NOT_A_TIME = "Not a time: type one from 00:00 to 23:59, such as 22:00, 2200 or 22."


def tab_plan(keys: Iterable[KeySpec]) -> list[tuple[str, list[KeySpec]]]:
    """The settings tabs in order, each with its keys in registry order; empty tabs left out."""
    specs = list(keys)
    plan: list[tuple[str, list[KeySpec]]] = []
    placed: set[str] = set()
    for title, sections in TABS:
        placed.update(sections)
        plan.append((title, [spec for spec in specs if spec.section in sections]))
    extra = dict.fromkeys(spec.section for spec in specs if spec.section not in placed)
    for section in extra:
        plan.append((humanise(section), [spec for spec in specs if spec.section == section]))
    return [(title, members) for title, members in plan if members]


def humanise(name: str) -> str:
    """``"do_not_disturb"`` → ``"Do not disturb"``."""
    words = name.replace("_", " ").replace("-", " ").split()
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def label_for(spec: KeySpec) -> str:
    """The short label of a key, without mnemonic or colon."""
    return LABELS.get(spec.dotted, humanise(spec.name))


def help_for(spec: KeySpec) -> str:
    """The help shown under a key's field, in its tooltip and accessible description."""
    return HELP.get(spec.dotted, spec.description)


_OBVIOUS_EQUIPMENT = {"seated": {"chair"}, "floor": {"floor space"}}
"""What goes without saying for a position: a seated exercise needs a chair."""


def exercise_title(exercise: Exercise) -> str:
    """An exercise as the dialog lists it: its title, where it is done and what it needs,
    e.g. "Foam-roller thoracic extension — floor, foam roller"."""
    obvious = _OBVIOUS_EQUIPMENT.get(exercise.position, set())
    marks = [exercise.position, *(item for item in exercise.equipment if item not in obvious)]
    return f"{exercise.title} — {', '.join(marks)}"


def by_name(catalogue: Mapping[str, Exercise]) -> list[str]:
    """Exercise ids in the order people look for them: by title, ignoring case."""
    return sorted(catalogue, key=lambda key: (catalogue[key].title.casefold(), key))


def suffix_for(spec: KeySpec) -> str:
    """The unit shown in a number field, read off the key's name (and description)."""
    name = spec.name.lower()
    if "minute" in name:
        return " min"
    if "percent" in name or "volume" in name or "in percent" in spec.description.lower():
        return " %"
    if "second" in name:
        return " s"
    return ""


def choice_title(spec: KeySpec, choice: str) -> str:
    """What a combo box shows for one of a "choice" key's values."""
    if spec.name == "breathing_pattern" and choice in BREATHING_PATTERNS:
        return BREATHING_PATTERNS[choice].title
    return humanise(choice)


def with_mnemonic(text: str, taken: set[str]) -> str:
    """``text`` with ``&`` before a letter not in ``taken`` (which it then joins).

    Word-initial letters are preferred, then any other letter; with none free the text is
    returned without a mnemonic. A literal ``&`` in ``text`` is doubled.
    """
    escaped = text.replace("&", "&&")
    candidates: list[int] = []
    for index, char in enumerate(escaped):
        if char.isalnum() and (index == 0 or not escaped[index - 1].isalnum()):
            candidates.append(index)
    candidates += [i for i, char in enumerate(escaped) if char.isalnum() and i not in candidates]
    for index in candidates:
        letter = escaped[index].lower()
        if letter not in taken:
            taken.add(letter)
            return escaped[:index] + "&" + escaped[index:]
    return escaped


def mnemonic_of(text: str) -> str | None:
    """The mnemonic letter of a text with ``&``, lower case, or ``None``."""
    index = 0
    while index < len(text) - 1:
        if text[index] == "&":
            if text[index + 1] != "&":
                return text[index + 1].lower()
            index += 1
        index += 1
    return None


def reserve(texts: Sequence[str]) -> set[str]:
    """The mnemonic letters already used by ``texts``."""
    return {letter for text in texts if (letter := mnemonic_of(text)) is not None}


def span_text(start: datetime.time, end: datetime.time) -> str:
    """How the work period between two wall-clock times reads next to the times."""
    if start == end:
        return "24 hours"
    if end < start:
        return f"{start:%H:%M} → {end:%H:%M} next day"
    return f"{start:%H:%M} → {end:%H:%M}"
