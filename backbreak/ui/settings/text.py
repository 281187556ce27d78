"""Words of the settings dialog besides each key's own: tabs, mnemonics, days and time spans.

A key's label, help, unit and tab are declared with the key (:mod:`backbreak.config.schema`);
this module groups keys into tabs, gives labels free mnemonics and names what no key declares.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable, Mapping, Sequence

from PySide6.QtCore import QLocale

from backbreak.config.i18n import QT_TRANSLATE_NOOP, SETTINGS_CONTEXT
from backbreak.config.kinds import WEEKDAYS
from backbreak.config.schema import KeySpec
from backbreak.core.exercises import Exercise
from backbreak.ui.language import arg, translate

GENERAL_TAB = QT_TRANSLATE_NOOP("Settings", "General")
"""The last tab: the interface keys and start at login, which is no settings-file key."""

LOCKED_NOTE = QT_TRANSLATE_NOOP("Settings", "set by your organisation")
NO_WORK_DAYS = QT_TRANSLATE_NOOP("Settings", "No work days: no breaks will be planned.")
NOT_A_TIME = QT_TRANSLATE_NOOP(
    "Settings", "Not a time: type one from 00:00 to 23:59, such as 22:00, 2200 or 22."
)


def day_name(day: str, *, short: bool = False) -> str:
    """A settings day (``"mon"``...) as the locale names it: "Monday", "mandag"."""
    form = QLocale.FormatType.ShortFormat if short else QLocale.FormatType.LongFormat
    return QLocale().standaloneDayName(WEEKDAYS.index(day) + 1, form) if day in WEEKDAYS else day


def shown(spec: KeySpec) -> KeySpec:
    """``spec`` with the words it declares for the dialog (label, help, unit, tab) in the
    language shown; see :mod:`backbreak.config.i18n`."""
    declaration = spec.declaration

    def tr(text: str) -> str:
        return translate(SETTINGS_CONTEXT, text) if text else text

    words = dataclasses.replace(
        declaration, label=tr(declaration.label), help=tr(declaration.help), unit=tr(spec.unit)
    )
    return dataclasses.replace(spec, tab=tr(spec.tab), declaration=words)


def tab_plan(keys: Iterable[KeySpec]) -> list[tuple[str, list[KeySpec]]]:
    """The settings tabs in the order their sections are declared, each with its keys in
    declaration order; sections declared with the same tab share it."""
    plan: dict[str, list[KeySpec]] = {}
    for spec in keys:
        plan.setdefault(spec.tab, []).append(spec)
    return list(plan.items())


_POSITIONS = {
    "seated": QT_TRANSLATE_NOOP("Settings", "seated"),
    "standing": QT_TRANSLATE_NOOP("Settings", "standing"),
    "floor": QT_TRANSLATE_NOOP("Settings", "floor"),
}
_OBVIOUS_EQUIPMENT = {
    "seated": {QT_TRANSLATE_NOOP("Settings", "chair")},
    "floor": {QT_TRANSLATE_NOOP("Settings", "floor space")},
}
"""What goes without saying for a position: a seated exercise needs a chair."""


def exercise_title(exercise: Exercise) -> str:
    """An exercise as the dialog lists it: its title, where it is done and what it needs,
    e.g. "Foam-roller thoracic extension — floor, foam roller"."""
    obvious = {
        *(words := _OBVIOUS_EQUIPMENT.get(exercise.position, set())),
        *(translate("Settings", item) for item in words),
    }
    position = translate("Settings", _POSITIONS.get(exercise.position, exercise.position))
    marks = [position, *(item for item in exercise.equipment if item not in obvious)]
    return arg(translate("Settings", "%1 — %2"), exercise.title, ", ".join(marks))


def by_name(catalogue: Mapping[str, Exercise]) -> list[str]:
    """Exercise ids in the order people look for them: by title, ignoring case."""
    return sorted(catalogue, key=lambda key: (catalogue[key].title.casefold(), key))


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
        return translate("Settings", "24 hours")
    if end < start:
        return arg(translate("Settings", "%1 → %2 next day"), f"{start:%H:%M}", f"{end:%H:%M}")
    return f"{start:%H:%M} → {end:%H:%M}"
