"""The exercise file format, and the checks that turn a parsed document into an
:class:`~backbreak.core.exercises.Exercise` or an :class:`ExerciseError` a person can act on.

Reading the bytes is :mod:`backbreak.config.exercise_files`; the model is
:mod:`backbreak.core.exercises`.

Exercise file format
--------------------

One TOML file per exercise (TOML only: nothing in a file is ever run as code)::

    id = "seated-t-spine-matrix"    # lowercase letters, digits and hyphens, starting with a
                                    # letter or digit, at most 48 characters; not "alternate"
    title = "Seated T-spine matrix" # at most 60 characters
    summary = "Gentle seated twists ..."              # one sentence, at most 240 characters
    position = "seated"             # "seated", "standing" or "floor"
    equipment = ["chair"]           # optional list of strings, e.g. "foam roller"; default []
    office = true                   # optional: part of the "alternate" office rotation;
                                    # default false
    routine = true                  # optional: one of the mid-back routine's exercises, which
                                    # the weekly programme counts; default false
    safety = ["Move only within a comfortable range."]   # optional list of strings

    [[steps]]                       # one table per step, in order; 1 to 60 steps
    text = "Sit tall ..."           # the instruction, at most 400 characters
    seconds = 10                    # a whole number from 1 to 600
    illustration = "seated-tall.svg"   # optional: a file name ending in .svg
    mirrored = false                # optional: show the illustration flipped (the other side)
    breathing = false               # optional: this step is the paced-breathing pacer

    [translations.da]               # optional: the same words in another language ("da")
    title = "Siddende matrix for brysthvirvelsøjlen"
    summary = "Blide drejninger ..."
    equipment = ["stol"]            # one per item of equipment, same order (if it has any)
    safety = ["Bevæg dig kun ..."]  # one per safety note, same order (if it has any)
    steps = ["Sid højt ...", ...]   # one per step, same order

A translation carries every word of the exercise (the limits above apply to it too); the app
shows the one for its language and the file's own words where there is none. The language is
one backbreak is translated into, other than English (see
:data:`backbreak.config.i18n.LANGUAGES`).

The steps of one exercise add up to 20..600 seconds; that sum is the exercise's duration. Keys
that are not listed here are errors, so a misspelt key never passes silently. Every problem is
reported as an :class:`ExerciseError` whose message names the file, the step number and the key.

An illustration is a plain file name: no folders, no ``..``, no absolute path. Custom files and
their illustrations must stay inside their folder even after following symlinks, and each is at
most 256 KiB.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from backbreak.config.i18n import LANGUAGES, SOURCE_LANGUAGE
from backbreak.core.exercises import (
    ALTERNATE,
    MAX_ID_LENGTH,
    POSITIONS,
    Exercise,
    ExerciseText,
    Step,
    is_exercise_id,
)

if TYPE_CHECKING:
    from pathlib import Path

MAX_FILE_BYTES = 256 * 1024
MAX_ILLUSTRATION_BYTES = 256 * 1024
MIN_TOTAL_SECONDS = 20
MAX_TOTAL_SECONDS = 600
MAX_STEP_SECONDS = 600
MAX_STEPS = 60
MAX_LIST_ITEMS = 10
MAX_CUSTOM_FILES = 100

_TEXT_LIMITS = {"title": 60, "summary": 240, "text": 400, "equipment": 60, "safety": 300}
_EXERCISE_KEYS = (
    "id",
    "title",
    "summary",
    "position",
    "equipment",
    "office",
    "routine",
    "safety",
    "steps",
    "translations",
)
_TRANSLATION_KEYS = ("title", "summary", "equipment", "safety", "steps")
_TRANSLATED = tuple(language for language in LANGUAGES if language != SOURCE_LANGUAGE)
_STEP_KEYS = ("text", "seconds", "illustration", "mirrored", "breathing")
_FORBIDDEN_NAME_CHARACTERS = frozenset('/\\:*?"<>|')
_MAX_NAME_LENGTH = 128


class ExerciseError(ValueError):
    """An exercise file that cannot be used; the message names the file and the problem."""


def _check_keys(table: Mapping[str, object], allowed: tuple[str, ...], where: str) -> None:
    unknown = [str(key) for key in table if key not in allowed]
    if unknown:
        names = ", ".join(f"'{key}'" for key in unknown)
        expected = ", ".join(allowed)
        raise ExerciseError(f"{where}: unknown key {names} (allowed: {expected})")


def _text(table: Mapping[str, object], key: str, where: str, limit: int) -> str:
    value = table.get(key)
    if value is None:
        raise ExerciseError(f"{where}: '{key}' is missing")
    if not isinstance(value, str) or not value.strip():
        raise ExerciseError(f"{where}: '{key}' must be a non-empty string")
    text = " ".join(value.split())
    if len(text) > limit:
        raise ExerciseError(f"{where}: '{key}' is longer than {limit} characters")
    return text


def _flag(table: Mapping[str, object], key: str, where: str) -> bool:
    value = table.get(key, False)
    if not isinstance(value, bool):
        raise ExerciseError(f"{where}: '{key}' must be true or false")
    return value


def _strings(table: Mapping[str, object], key: str, where: str) -> tuple[str, ...]:
    value = table.get(key, [])
    limit = _TEXT_LIMITS[key]
    if not isinstance(value, list) or len(value) > MAX_LIST_ITEMS:
        raise ExerciseError(f"{where}: '{key}' must be a list of at most {MAX_LIST_ITEMS} strings")
    items = []
    for number, item in enumerate(value, start=1):
        if not isinstance(item, str) or not item.strip() or len(item) > limit:
            raise ExerciseError(
                f"{where}: '{key}' item {number} must be a non-empty string of at most "
                f"{limit} characters"
            )
        items.append(" ".join(item.split()))
    return tuple(items)


def _same_count(key: str, where: str, words: tuple[str, ...], own: int) -> None:
    if len(words) != own:
        raise ExerciseError(
            f"{where}: '{key}' has {len(words)} item(s); the exercise has {own}, one each"
        )


def _translation(raw: object, language: str, where: str, own: tuple[int, int, int]) -> ExerciseText:
    """One ``[translations.<language>]`` table; ``own`` counts the exercise's equipment, safety
    notes and steps, which the translation must match one for one."""
    at = f"{where}: translations.{language}"
    if language not in _TRANSLATED:
        raise ExerciseError(
            f"{at}: unknown language {language!r} (backbreak speaks: {', '.join(_TRANSLATED)})"
        )
    if not isinstance(raw, dict):
        raise ExerciseError(f"{at} must be a table ([translations.{language}])")
    _check_keys(raw, _TRANSLATION_KEYS, at)
    equipment = _strings(raw, "equipment", at)
    safety = _strings(raw, "safety", at)
    raw_steps = raw.get("steps")
    if raw_steps is None:
        raise ExerciseError(f"{at}: 'steps' is missing (one text per step)")
    if not isinstance(raw_steps, list) or len(raw_steps) > MAX_STEPS:
        raise ExerciseError(f"{at}: 'steps' must be a list of strings, one per step")
    steps = tuple(
        _text({"text": item}, "text", f"{at}: steps item {number}", _TEXT_LIMITS["text"])
        for number, item in enumerate(raw_steps, start=1)
    )
    _same_count("equipment", at, equipment, own[0])
    _same_count("safety", at, safety, own[1])
    _same_count("steps", at, steps, own[2])
    return ExerciseText(
        language=language,
        title=_text(raw, "title", at, _TEXT_LIMITS["title"]),
        summary=_text(raw, "summary", at, _TEXT_LIMITS["summary"]),
        equipment=equipment,
        safety=safety,
        steps=steps,
    )


def _translations(
    doc: Mapping[str, object], where: str, own: tuple[int, int, int]
) -> tuple[ExerciseText, ...]:
    raw = doc.get("translations", {})
    if not isinstance(raw, dict):
        raise ExerciseError(f"{where}: 'translations' must be tables such as [translations.da]")
    return tuple(_translation(table, str(language), where, own) for language, table in raw.items())


def check_illustration_name(name: object) -> str | None:
    """Why ``name`` is not a plain ``.svg`` file name, or ``None`` if it is one."""
    if not isinstance(name, str):
        return "must be a file name (a string)"
    if not name or len(name) > _MAX_NAME_LENGTH:
        return f"must be a file name of 1 to {_MAX_NAME_LENGTH} characters"
    if any(char in _FORBIDDEN_NAME_CHARACTERS or not char.isprintable() for char in name):
        return "must be a plain file name in the exercise's folder (no folders or drive letters)"
    if name.startswith(".") or name != name.strip():
        return "must be a plain file name in the exercise's folder (not starting with '.')"
    if not name.endswith(".svg") or name == ".svg":
        return "must be an SVG file (a name ending in .svg)"
    return None


def _step(raw: object, number: int, where: str) -> Step:
    at = f"{where}: step {number}"
    if not isinstance(raw, dict):
        raise ExerciseError(f"{at} must be a table ([[steps]])")
    _check_keys(raw, _STEP_KEYS, at)
    text = _text(raw, "text", at, _TEXT_LIMITS["text"])
    seconds = raw.get("seconds")
    if seconds is None:
        raise ExerciseError(f"{at}: 'seconds' is missing")
    if type(seconds) is not int or not 1 <= seconds <= MAX_STEP_SECONDS:
        raise ExerciseError(f"{at}: 'seconds' must be a whole number from 1 to {MAX_STEP_SECONDS}")
    illustration = raw.get("illustration")
    if illustration is not None:
        problem = check_illustration_name(illustration)
        if problem is not None:
            raise ExerciseError(f"{at}: 'illustration' {problem}")
        assert isinstance(illustration, str)
    return Step(
        text=text,
        seconds=seconds,
        illustration=illustration,
        mirrored=_flag(raw, "mirrored", at),
        breathing=_flag(raw, "breathing", at),
    )


def parse_exercise(doc: Mapping[str, object], where: str, folder: Path | None = None) -> Exercise:
    """Validate one parsed exercise document; ``where`` (the file) starts every error message.

    Raises :class:`ExerciseError` for anything that does not follow the file format, and for
    nothing else. The illustrations are only checked by name here (see
    :func:`backbreak.config.exercise_files.check_illustrations`).
    """
    if not isinstance(doc, Mapping):
        raise ExerciseError(f"{where}: the file must be a TOML table")
    _check_keys(doc, _EXERCISE_KEYS, where)
    exercise_id = doc.get("id")
    if exercise_id is None:
        raise ExerciseError(f"{where}: 'id' is missing")
    if not is_exercise_id(exercise_id):
        raise ExerciseError(
            f"{where}: 'id' must be lowercase letters, digits and hyphens, starting with a "
            f"letter or digit, at most {MAX_ID_LENGTH} characters"
        )
    assert isinstance(exercise_id, str)
    if exercise_id == ALTERNATE:
        raise ExerciseError(f"{where}: 'id' cannot be \"{ALTERNATE}\" (it names the rotation)")
    title = _text(doc, "title", where, _TEXT_LIMITS["title"])
    summary = _text(doc, "summary", where, _TEXT_LIMITS["summary"])
    position = doc.get("position")
    if position is None:
        raise ExerciseError(f"{where}: 'position' is missing")
    if position not in POSITIONS:
        raise ExerciseError(f"{where}: 'position' must be one of {', '.join(POSITIONS)}")
    equipment = _strings(doc, "equipment", where)
    office = _flag(doc, "office", where)
    routine = _flag(doc, "routine", where)
    safety = _strings(doc, "safety", where)
    raw_steps = doc.get("steps")
    if raw_steps is None:
        raise ExerciseError(f"{where}: 'steps' is missing (add [[steps]] tables)")
    if not isinstance(raw_steps, list) or not 1 <= len(raw_steps) <= MAX_STEPS:
        raise ExerciseError(f"{where}: 'steps' must be 1 to {MAX_STEPS} [[steps]] tables")
    steps = tuple(_step(raw, number, where) for number, raw in enumerate(raw_steps, start=1))
    total = sum(step.seconds for step in steps)
    if not MIN_TOTAL_SECONDS <= total <= MAX_TOTAL_SECONDS:
        raise ExerciseError(
            f"{where}: the steps add up to {total} seconds; an exercise lasts "
            f"{MIN_TOTAL_SECONDS} to {MAX_TOTAL_SECONDS} seconds"
        )
    translations = _translations(doc, where, (len(equipment), len(safety), len(steps)))
    return Exercise(
        id=exercise_id,
        title=title,
        summary=summary,
        position=str(position),
        equipment=equipment,
        office=office,
        steps=steps,
        safety=safety,
        folder=folder,
        routine=routine,
        translations=translations,
    )
