"""The exercise file format: what a parsed document must say to become an exercise."""

from __future__ import annotations

import contextlib
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backbreak.config.exercise_format import ExerciseError, parse_exercise
from backbreak.core.exercises import POSITIONS, Step
from tests.unit.exercise_docs import good_doc, step_doc


def test_a_good_document() -> None:
    exercise = parse_exercise(good_doc(), "x.toml", Path("/somewhere"))
    assert exercise.id == "desk-reach"
    assert exercise.office is True
    assert exercise.steps[1] == Step("Reach up.", 15, "reach.svg", mirrored=True)
    assert exercise.duration == timedelta(seconds=25)
    assert exercise.folder == Path("/somewhere")


def test_optional_keys_have_defaults() -> None:
    doc = good_doc(equipment=None, office=None, safety=None)
    doc["steps"] = [step_doc()]
    exercise = parse_exercise(doc, "x.toml")
    assert (exercise.equipment, exercise.office, exercise.safety) == ((), False, ())
    assert exercise.steps == (Step("Reach.", 20, None),)


BAD_DOCUMENTS: list[tuple[dict[str, Any], str]] = [
    (good_doc(id=None), "'id' is missing"),
    (good_doc(id="Desk-Reach"), "'id' must be lowercase"),
    (good_doc(id="-reach"), "'id' must be"),
    (good_doc(id="a" * 49), "at most 48"),
    (good_doc(id="alternate"), 'cannot be "alternate"'),
    (good_doc(id=7), "'id' must be"),
    (good_doc(title=None), "'title' is missing"),
    (good_doc(title="  "), "'title' must be a non-empty string"),
    (good_doc(title="x" * 61), "'title' is longer than 60"),
    (good_doc(summary=["x"]), "'summary' must be a non-empty string"),
    (good_doc(position="lying"), "'position' must be one of seated, standing, floor"),
    (good_doc(position=None), "'position' is missing"),
    (good_doc(equipment="chair"), "'equipment' must be a list"),
    (good_doc(equipment=["chair", 3]), "'equipment' item 2"),
    (good_doc(safety=[""]), "'safety' item 1"),
    (good_doc(office="yes"), "'office' must be true or false"),
    (good_doc(office=1), "'office' must be true or false"),
    (good_doc(colour="red"), "unknown key 'colour'"),
    (good_doc(step=[step_doc()]), "unknown key 'step'"),
    (good_doc(steps=None), "'steps' is missing"),
    (good_doc(steps=[]), "'steps' must be 1 to 60"),
    (good_doc(steps={"text": "x"}), "'steps' must be 1 to 60"),
    (good_doc(steps=[step_doc()] * 61), "'steps' must be 1 to 60"),
    (good_doc(steps=[step_doc(), "jump"]), "step 2 must be a table"),
    (good_doc(steps=[step_doc(), step_doc(secs=5)]), "step 2: unknown key 'secs'"),
    (good_doc(steps=[step_doc(text=None)]), "step 1: 'text' is missing"),
    (good_doc(steps=[step_doc(text=5)]), "step 1: 'text' must be a non-empty string"),
    (good_doc(steps=[step_doc(seconds=None)]), "step 1: 'seconds' is missing"),
    (good_doc(steps=[step_doc(seconds=0)]), "step 1: 'seconds' must be a whole number"),
    (good_doc(steps=[step_doc(seconds=601)]), "step 1: 'seconds' must be a whole number"),
    (good_doc(steps=[step_doc(seconds=20.0)]), "step 1: 'seconds' must be a whole number"),
    (good_doc(steps=[step_doc(seconds=True)]), "step 1: 'seconds' must be a whole number"),
    (good_doc(steps=[step_doc(seconds="20")]), "step 1: 'seconds' must be a whole number"),
    (good_doc(steps=[step_doc(mirrored="no")]), "step 1: 'mirrored' must be true or false"),
    (good_doc(steps=[step_doc(breathing=1)]), "step 1: 'breathing' must be true or false"),
    (good_doc(steps=[step_doc(illustration=3)]), "step 1: 'illustration' must be a file name"),
    (good_doc(steps=[step_doc(illustration="")]), "step 1: 'illustration' must be a file"),
    (good_doc(steps=[step_doc(illustration="../x.svg")]), "step 1: 'illustration' must be a plain"),
    (good_doc(steps=[step_doc(illustration="/etc/x.svg")]), "'illustration' must be a plain"),
    (good_doc(steps=[step_doc(illustration="C:\\x.svg")]), "'illustration' must be a plain"),
    (good_doc(steps=[step_doc(illustration="sub/x.svg")]), "'illustration' must be a plain"),
    (good_doc(steps=[step_doc(illustration="..")]), "'illustration' must be a plain"),
    (good_doc(steps=[step_doc(illustration=".hidden.svg")]), "'illustration' must be a plain"),
    (good_doc(steps=[step_doc(illustration="x.png")]), "'illustration' must be an SVG"),
    (good_doc(steps=[step_doc(illustration="x.svg\n")]), "'illustration' must be a plain"),
    (good_doc(steps=[step_doc(seconds=19)]), "add up to 19 seconds"),
    (good_doc(steps=[step_doc(seconds=600), step_doc(seconds=1)]), "add up to 601 seconds"),
]


@pytest.mark.parametrize(("doc", "message"), BAD_DOCUMENTS)
def test_bad_documents_are_rejected_with_a_clear_message(doc: dict[str, Any], message: str) -> None:
    with pytest.raises(ExerciseError) as caught:
        parse_exercise(doc, "mine.toml")
    text = str(caught.value)
    assert text.startswith("mine.toml: ")
    assert message in text
    assert "\n" not in text


toml_scalars = st.one_of(
    st.booleans(),
    st.integers(-5, 700),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from(["seated", "floor", "x.svg", "../x.svg", "desk-reach", "alternate", ""]),
)
toml_values = st.recursive(
    toml_scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=10,
)
step_tables = st.fixed_dictionaries(
    {},
    optional={
        "text": toml_values,
        "seconds": st.integers(-1, 700) | toml_values,
        "illustration": st.sampled_from(["a.svg", "../a.svg", "a.png"]) | toml_values,
        "mirrored": toml_values,
        "breathing": toml_values,
    },
)
documents = st.fixed_dictionaries(
    {},
    optional={
        "id": st.sampled_from(["desk-reach", "alternate", "Bad"]) | toml_values,
        "title": toml_values,
        "summary": toml_values,
        "position": st.sampled_from(POSITIONS) | toml_values,
        "equipment": toml_values,
        "office": toml_values,
        "safety": toml_values,
        "steps": st.lists(step_tables | toml_values, max_size=5) | toml_values,
    },
) | st.dictionaries(st.text(max_size=10), toml_values, max_size=6)


@settings(max_examples=400)
@given(documents)
def test_arbitrary_documents_only_ever_raise_exercise_error(doc: dict[str, Any]) -> None:
    try:
        exercise = parse_exercise(doc, "fuzz.toml")
    except ExerciseError as exc:
        message = str(exc)
    else:
        message = ""
        assert 20 <= exercise.duration.total_seconds() <= 600
        assert exercise.position in POSITIONS
    assert message == "" or message.startswith("fuzz.toml: ")


@settings(max_examples=200)
@given(st.dictionaries(st.text(max_size=10), toml_values, max_size=8))
def test_arbitrary_tables_never_crash(doc: dict[str, Any]) -> None:
    with contextlib.suppress(ExerciseError):
        parse_exercise(doc, "fuzz.toml")
