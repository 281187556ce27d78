"""An exercise file carries its own translations ([translations.da]); the app shows the one for
its language and the file's own words where there is none."""

from __future__ import annotations

from typing import Any

import pytest

from backbreak.config.exercise_format import ExerciseError, parse_exercise
from backbreak.core.exercises import in_language
from tests.unit.exercise_docs import good_doc


def danish(**changes: Any) -> dict[str, Any]:
    words: dict[str, Any] = {
        "title": "Stræk på skrivebordet",
        "summary": "Stræk dig højt op.",
        "safety": ["Stop, hvis det gør ondt."],
        "steps": ["Stå rank.", "Stræk dig op."],
    }
    words.update(changes)
    return {key: value for key, value in words.items() if value is not None}


def test_a_translation_is_shown_in_its_language_and_english_elsewhere() -> None:
    exercise = parse_exercise(good_doc(translations={"da": danish()}), "mine.toml")
    shown = exercise.in_language("da")
    assert (shown.title, shown.summary, shown.safety) == (
        "Stræk på skrivebordet",
        "Stræk dig højt op.",
        ("Stop, hvis det gør ondt.",),
    )
    assert [step.text for step in shown.steps] == ["Stå rank.", "Stræk dig op."]
    assert [step.seconds for step in shown.steps] == [step.seconds for step in exercise.steps]
    assert shown.steps[1].mirrored
    assert shown.id == exercise.id
    assert exercise.in_language("en") == exercise
    assert in_language({"x": exercise}, "en")["x"].title == "Desk reach"


def test_an_exercise_without_a_translation_stays_english() -> None:
    exercise = parse_exercise(good_doc(), "mine.toml")
    assert exercise.in_language("da") == exercise


BAD_TRANSLATIONS: list[tuple[Any, str]] = [
    ({"de": danish()}, "translations.de: unknown language 'de' (backbreak speaks: da)"),
    ({"en": danish()}, "unknown language 'en'"),
    ({"da": "Stræk"}, "translations.da must be a table"),
    ("da", "'translations' must be tables"),
    (
        {"da": danish(steps=["Stå rank."])},
        "translations.da: 'steps' has 1 item(s); the exercise has 2",
    ),
    ({"da": danish(steps=None)}, "translations.da: 'steps' is missing"),
    ({"da": danish(steps=["Stå rank.", 3])}, "translations.da: steps item 2: 'text' must be"),
    ({"da": danish(safety=[])}, "translations.da: 'safety' has 0 item(s); the exercise has 1"),
    ({"da": danish(equipment=["stol"])}, "translations.da: 'equipment' has 1 item(s)"),
    ({"da": danish(title=None)}, "translations.da: 'title' is missing"),
    ({"da": danish(title="x" * 61)}, "translations.da: 'title' is longer than 60 characters"),
    ({"da": danish(steps=["x" * 401, "y"])}, "steps item 1: 'text' is longer than 400"),
    ({"da": danish(colour="rød")}, "translations.da: unknown key 'colour'"),
]


@pytest.mark.parametrize(("translations", "message"), BAD_TRANSLATIONS)
def test_a_bad_translation_is_refused_naming_file_and_key(translations: Any, message: str) -> None:
    with pytest.raises(ExerciseError) as caught:
        parse_exercise(good_doc(translations=translations), "mine.toml")
    assert str(caught.value).startswith("mine.toml: ")
    assert message in str(caught.value)
