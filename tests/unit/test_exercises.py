"""The exercise catalogue: shipped data, the file format, custom exercises and the rotation."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tomllib
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from backbreak.config.exercise_files import (
    illustration_path,
    load_catalogue,
    load_custom_exercises,
    load_exercise,
)
from backbreak.core.exercises import (
    ALTERNATE,
    BREATHING_PATTERNS,
    DEFAULT_BREATHING_PATTERN,
    DEFAULT_EXERCISE,
    MAX_FILE_BYTES,
    POSITIONS,
    BreathingPattern,
    BreathPhase,
    Exercise,
    ExerciseError,
    Step,
    alternate_rotation,
    merge_catalogues,
    parse_exercise,
    resolve_rotation,
)
from backbreak.resources import resources_dir

EXERCISES = resources_dir() / "exercises"
ILLUSTRATIONS = resources_dir() / "illustrations"
SHIPPED = load_catalogue(EXERCISES, ILLUSTRATIONS)

OFFICE = {
    "seated-t-spine-matrix",
    "breathing",
    "seated-thoracic-extension",
    "scapular-squeeze",
    "standing-side-bend",
}
NOT_OFFICE = {"t-spine-rotation-all-fours", "foam-roll-thoracic-extension", "sport-cord-rows"}
REQUIRED_ILLUSTRATIONS = {
    "seated-tall.svg",
    "seated-hands-behind-head.svg",
    "seated-side-tall.svg",
    "seated-side-backrest.svg",
    "seated-side-hands-behind-head.svg",
    "seated-rotation.svg",
    "seated-extension.svg",
    "scapular-squeeze.svg",
    "standing-tall.svg",
    "standing-side-bend.svg",
    "quadruped.svg",
    "quadruped-rotation.svg",
    "foam-roller-setup.svg",
    "foam-roller-extension.svg",
    "cord-row-start.svg",
    "cord-row-pull.svg",
    "cord-row-done.svg",
    "breathing-seated.svg",
}
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>'


# --- the shipped catalogue ---------------------------------------------------------------------


def test_the_shipped_catalogue_has_every_exercise_once() -> None:
    assert set(SHIPPED) == OFFICE | NOT_OFFICE
    files = sorted(EXERCISES.glob("*.toml"))
    assert [path.stem for path in files] == sorted(SHIPPED)  # file name = id
    for exercise_id, exercise in SHIPPED.items():
        assert exercise.id == exercise_id
        assert exercise.folder == ILLUSTRATIONS


def test_the_default_folder_for_illustrations_is_next_to_the_exercises() -> None:
    assert load_catalogue(EXERCISES) == SHIPPED


@pytest.mark.parametrize("exercise_id", sorted(OFFICE | NOT_OFFICE))
def test_every_shipped_exercise_is_complete(exercise_id: str) -> None:
    exercise = SHIPPED[exercise_id]
    assert exercise.position in POSITIONS
    assert exercise.safety, "every exercise has safety notes"
    assert any("stop" in note.lower() for note in exercise.safety)
    assert timedelta(seconds=20) <= exercise.duration <= timedelta(seconds=600)
    assert all(step.illustration for step in exercise.steps)
    assert all(1 <= step.seconds <= 600 for step in exercise.steps)
    # Custom-exercise rules hold for shipped data too (the files load through the same path).
    assert load_exercise(EXERCISES / f"{exercise_id}.toml", ILLUSTRATIONS) == exercise


def test_office_flags_and_equipment() -> None:
    assert {key for key, exercise in SHIPPED.items() if exercise.office} == OFFICE
    assert SHIPPED["t-spine-rotation-all-fours"].position == "floor"
    assert "floor space" in SHIPPED["t-spine-rotation-all-fours"].equipment
    assert "foam roller" in SHIPPED["foam-roll-thoracic-extension"].equipment
    assert "elastic cord anchored at chest height" in SHIPPED["sport-cord-rows"].equipment
    assert SHIPPED["seated-t-spine-matrix"].equipment == ("chair",)


def test_durations_of_the_two_everyday_exercises() -> None:
    assert timedelta(seconds=60) <= SHIPPED["seated-t-spine-matrix"].duration
    assert SHIPPED["seated-t-spine-matrix"].duration <= timedelta(seconds=120)
    assert timedelta(seconds=60) <= SHIPPED["breathing"].duration <= timedelta(seconds=180)


def test_the_matrix_turns_to_alternate_sides_with_a_return_to_centre_between() -> None:
    steps = SHIPPED["seated-t-spine-matrix"].steps
    turns = [
        index for index, step in enumerate(steps) if step.illustration == "seated-rotation.svg"
    ]
    assert [steps[index].mirrored for index in turns] == [False, True] * 3
    for index in turns:
        assert "breathe out" in steps[index].text.lower()
        assert steps[index + 1].illustration == "seated-hands-behind-head.svg"
        assert "centre" in steps[index + 1].text
    assert steps[0].illustration == steps[-1].illustration == "seated-tall.svg"
    assert "tall" in steps[-1].text


@pytest.mark.parametrize(
    ("exercise_id", "illustration"),
    [
        ("standing-side-bend", "standing-side-bend.svg"),
        ("t-spine-rotation-all-fours", "quadruped-rotation.svg"),
    ],
)
def test_one_sided_moves_alternate_sides(exercise_id: str, illustration: str) -> None:
    sides = [s.mirrored for s in SHIPPED[exercise_id].steps if s.illustration == illustration]
    assert sides == [False, True] * (len(sides) // 2)
    assert len(sides) >= 4


def test_the_breathing_exercise_has_one_pacer_step() -> None:
    steps = SHIPPED["breathing"].steps
    pacers = [step for step in steps if step.breathing]
    assert len(pacers) == 1
    assert 90 <= pacers[0].seconds <= 150
    assert not steps[0].breathing
    assert not steps[-1].breathing
    others = [
        step for key, exercise in SHIPPED.items() if key != "breathing" for step in exercise.steps
    ]
    assert not any(step.breathing for step in others)


def test_referenced_illustrations_that_exist_resolve_inside_the_folder() -> None:
    for exercise in SHIPPED.values():
        for step in exercise.steps:
            assert step.illustration is not None
            if (ILLUSTRATIONS / step.illustration).is_file():
                found = illustration_path(exercise, step)
                assert found == (ILLUSTRATIONS / step.illustration).resolve()


def test_all_required_illustrations_are_shipped() -> None:
    referenced = {step.illustration for e in SHIPPED.values() for step in e.steps}
    assert referenced <= REQUIRED_ILLUSTRATIONS
    missing = sorted(
        name for name in REQUIRED_ILLUSTRATIONS if not (ILLUSTRATIONS / name).is_file()
    )
    assert missing == [], f"illustrations still to draw: {missing}"


def test_the_default_exercise_is_shipped() -> None:
    assert DEFAULT_EXERCISE in SHIPPED


def test_illustration_path_without_a_picture_or_folder() -> None:
    matrix = SHIPPED["seated-t-spine-matrix"]
    assert illustration_path(matrix, Step("x", 5, None)) is None
    assert illustration_path(matrix, Step("x", 5, "no-such.svg")) is None
    assert illustration_path(matrix, Step("x", 5, "../icons/backbreak.svg")) is None
    homeless = Exercise("x", "X", "x", "seated", (), False, matrix.steps, (), None)
    assert illustration_path(homeless, matrix.steps[0]) is None
    assert homeless.duration == matrix.duration


# --- breathing patterns ------------------------------------------------------------------------


def test_breathing_patterns() -> None:
    assert DEFAULT_BREATHING_PATTERN == "box"
    box, slow = BREATHING_PATTERNS["box"], BREATHING_PATTERNS["slow"]
    assert [(p.name, p.seconds) for p in box.phases] == [
        ("in", 4),
        ("hold", 4),
        ("out", 4),
        ("hold", 4),
    ]
    assert box.cycle_seconds == 16
    assert [(p.name, p.seconds) for p in slow.phases] == [("in", 5.5), ("out", 5.5)]
    assert slow.cycle_seconds == 11
    for key, pattern in BREATHING_PATTERNS.items():
        assert pattern.id == key
        assert pattern.title
        assert all(0 < phase.seconds <= 20 for phase in pattern.phases)
    pacer = next(step for step in SHIPPED["breathing"].steps if step.breathing)
    assert pacer.seconds >= 5 * box.cycle_seconds  # time for several full breaths


@pytest.mark.parametrize(
    ("name", "seconds"),
    [("pause", 4), ("in", 0), ("out", -1), ("hold", 20.5), ("in", float("nan"))],
)
def test_breath_phases_are_checked(name: str, seconds: float) -> None:
    with pytest.raises(ValueError, match="breath phase"):
        BreathPhase(name, seconds)


def test_a_pattern_needs_phases() -> None:
    with pytest.raises(ValueError, match="no phases"):
        BreathingPattern("empty", "Empty", ())


# --- the file format ---------------------------------------------------------------------------


def good_doc(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": "desk-reach",
        "title": "Desk reach",
        "summary": "Reach up tall.",
        "position": "standing",
        "equipment": [],
        "office": True,
        "safety": ["Stop if it hurts."],
        "steps": [
            {"text": "Stand tall.", "seconds": 10, "illustration": "reach.svg"},
            {"text": "Reach up.", "seconds": 15, "illustration": "reach.svg", "mirrored": True},
        ],
    }
    doc.update(changes)
    return {key: value for key, value in doc.items() if value is not None}


def step_doc(**changes: Any) -> dict[str, Any]:
    step: dict[str, Any] = {"text": "Reach.", "seconds": 20}
    step.update(changes)
    return {key: value for key, value in step.items() if value is not None}


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


# --- custom exercises --------------------------------------------------------------------------


def write_exercise(folder: Path, name: str, doc: dict[str, Any] | str) -> Path:
    path = folder / name
    path.write_text(doc if isinstance(doc, str) else tomli_w.dumps(doc), encoding="utf-8")
    return path


@pytest.fixture
def custom(tmp_path: Path) -> Path:
    folder = tmp_path / "config" / "exercises"
    folder.mkdir(parents=True)
    (folder / "reach.svg").write_text(SVG, encoding="utf-8")
    write_exercise(folder, "desk-reach.toml", good_doc())
    return folder


def test_a_missing_folder_means_no_custom_exercises(tmp_path: Path) -> None:
    assert load_custom_exercises(tmp_path / "nothing") == ({}, [])


def test_a_file_in_place_of_the_folder_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "exercises"
    path.write_text("x")
    exercises, problems = load_custom_exercises(path)
    assert exercises == {}
    assert problems == [f"{path}: not a folder; no custom exercises loaded"]


def test_a_good_custom_exercise_loads_with_its_own_folder(custom: Path) -> None:
    exercises, problems = load_custom_exercises(custom, reserved=SHIPPED)
    assert problems == []
    exercise = exercises["desk-reach"]
    assert exercise.folder == custom
    assert illustration_path(exercise, exercise.steps[0]) == (custom / "reach.svg").resolve()


def hostile_cases(folder: Path, outside: Path) -> dict[str, str]:
    """Write one bad file per case; returns file name -> expected part of its problem line."""
    secret = outside / "secret.svg"
    secret.write_text(SVG, encoding="utf-8")
    (folder / "escape.svg").symlink_to(secret)
    (folder / "big.svg").write_text(SVG + " " * (256 * 1024), encoding="utf-8")
    (folder / "picture.png").write_bytes(b"\x89PNG")
    (folder / "folder.svg").mkdir()

    def with_picture(name: str, picture: str) -> dict[str, Any]:
        doc = good_doc(id=name.removesuffix(".toml"))
        doc["steps"] = [step_doc(illustration="reach.svg"), step_doc(illustration=picture)]
        return doc

    cases: dict[str, tuple[dict[str, Any] | str, str]] = {}
    cases["bad-toml.toml"] = ('id = "x"\ntitle = \n', "not valid TOML")
    cases["not-utf8.toml"] = ("", "not UTF-8")
    cases["missing.toml"] = (good_doc(id="missing", title=None), "'title' is missing")
    cases["unknown.toml"] = (good_doc(id="unknown", repeat=3), "unknown key 'repeat'")
    cases["wrong-type.toml"] = (
        good_doc(id="wrong-type", steps=[step_doc(seconds="20")]),
        "step 1: 'seconds' must be a whole number",
    )
    for name, picture, expected in [
        ("traversal.toml", "../x.svg", "step 2: 'illustration' must be a plain file name"),
        ("absolute.toml", str(secret), "step 2: 'illustration' must be a plain file name"),
        ("symlink.toml", "escape.svg", "step 2: illustration 'escape.svg' is a link to a file out"),
        ("non-svg.toml", "picture.png", "step 2: 'illustration' must be an SVG"),
        ("no-picture.toml", "gone.svg", "step 2: illustration 'gone.svg' does not exist"),
        ("big-picture.toml", "big.svg", "illustration 'big.svg' is larger than 256 KiB"),
        ("dir-picture.toml", "folder.svg", "illustration 'folder.svg' is not a regular file"),
    ]:
        cases[name] = (with_picture(name, picture), expected)
    cases["clash.toml"] = (
        good_doc(id="breathing"),
        "id 'breathing' is the id of a built-in exercise",
    )
    cases["zz-duplicate.toml"] = (good_doc(), "id 'desk-reach' is already used by")
    for name, (doc, _) in cases.items():
        write_exercise(folder, name, doc)
    (folder / "not-utf8.toml").write_bytes(b'id = "\xff"\n')
    return {name: expected for name, (_, expected) in cases.items()}


def test_hostile_and_broken_files_are_skipped_and_the_rest_load(
    custom: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    expected = hostile_cases(custom, outside)
    write_exercise(custom, "other-good.toml", good_doc(id="other-good", office=False))

    exercises, problems = load_custom_exercises(custom, reserved=SHIPPED)

    assert set(exercises) == {"desk-reach", "other-good"}
    assert len(problems) == len(expected)
    for name, part in expected.items():
        (line,) = [p for p in problems if p.startswith(f"{custom / name}: ")]
        assert part in line, line
        assert line.endswith("skipped") or "skipped (rename" in line
        assert "\n" not in line
        assert "Traceback" not in line


def test_a_symlinked_exercise_file_may_not_lead_outside(custom: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.toml"
    write_exercise(tmp_path, "elsewhere.toml", good_doc(id="elsewhere", steps=[step_doc()]))
    (custom / "linked.toml").symlink_to(outside)
    exercises, problems = load_custom_exercises(custom)
    assert "elsewhere" not in exercises
    assert problems == [
        f"{custom / 'linked.toml'}: is a link to a file outside its folder; skipped"
    ]


def test_a_symlink_inside_the_folder_is_fine(custom: Path) -> None:
    (custom / "same.svg").symlink_to(custom / "reach.svg")
    doc = good_doc(id="linked-picture")
    doc["steps"] = [step_doc(illustration="same.svg")]
    write_exercise(custom, "linked-picture.toml", doc)
    exercises, problems = load_custom_exercises(custom)
    assert problems == []
    assert "linked-picture" in exercises


def test_a_huge_file_is_rejected_without_reading_it_whole(custom: Path) -> None:
    huge = custom / "huge.toml"
    with huge.open("wb") as stream:
        stream.truncate(8 * 1024**3)  # sparse: 8 GiB that would take a long time to read
    exercises, problems = load_custom_exercises(custom)
    assert set(exercises) == {"desk-reach"}
    assert problems == [f"{huge}: larger than 256 KiB (the limit for this file); skipped"]


def test_a_file_just_over_the_limit_is_rejected(custom: Path) -> None:
    doc = tomli_w.dumps(good_doc(id="padded")) + "#" * (MAX_FILE_BYTES)
    write_exercise(custom, "padded.toml", doc)
    exercises, problems = load_custom_exercises(custom)
    assert "padded" not in exercises
    assert problems == [
        f"{custom / 'padded.toml'}: larger than 256 KiB (the limit for this file); skipped"
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_does_not_hang_the_loader(custom: Path) -> None:
    os.mkfifo(custom / "pipe.toml")
    exercises, problems = load_custom_exercises(custom)
    assert set(exercises) == {"desk-reach"}
    assert problems == [f"{custom / 'pipe.toml'}: not a regular file (it is a FIFO); skipped"]


def test_hidden_and_other_files_are_ignored(custom: Path) -> None:
    write_exercise(custom, ".#desk-reach.toml", "garbage = = =")
    write_exercise(custom, "notes.txt", "garbage = = =")
    assert load_custom_exercises(custom)[1] == []


def test_files_load_in_name_order_and_the_first_id_wins(custom: Path) -> None:
    write_exercise(custom, "aa-first.toml", good_doc(title="First"))
    exercises, problems = load_custom_exercises(custom)
    assert exercises["desk-reach"].title == "First"
    assert problems == [
        f"{custom / 'desk-reach.toml'}: id 'desk-reach' is already used by "
        f"{custom / 'aa-first.toml'}; skipped"
    ]


def test_merge_puts_shipped_first_and_shipped_wins() -> None:
    impostor = parse_exercise(good_doc(id="breathing"), "x.toml")
    extra = parse_exercise(good_doc(), "x.toml")
    merged = merge_catalogues(SHIPPED, {"breathing": impostor, "desk-reach": extra})
    assert merged["breathing"] is SHIPPED["breathing"]
    assert merged["desk-reach"] is extra
    assert list(merged) == [*SHIPPED, "desk-reach"]


def test_the_documented_example_in_the_readme_loads(tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Your own exercises", 1)[1]
    example = section.split("```toml", 1)[1].split("```", 1)[0]
    doc = tomllib.loads(example)
    (tmp_path / doc["steps"][0]["illustration"]).write_text(SVG, encoding="utf-8")
    write_exercise(tmp_path, "example.toml", example)
    exercises, problems = load_custom_exercises(tmp_path, reserved=SHIPPED)
    assert problems == []
    assert list(exercises) == [doc["id"]]


# --- rotation ----------------------------------------------------------------------------------

MATRIX, BREATHING = "seated-t-spine-matrix", "breathing"


def test_alternate_puts_breathing_after_every_office_move() -> None:
    assert alternate_rotation(SHIPPED) == (
        MATRIX,
        BREATHING,
        "seated-thoracic-extension",
        BREATHING,
        "scapular-squeeze",
        BREATHING,
        "standing-side-bend",
        BREATHING,
    )
    assert resolve_rotation(ALTERNATE, SHIPPED) == (alternate_rotation(SHIPPED), ())


def test_alternate_includes_custom_office_exercises_after_the_shipped_ones() -> None:
    extra = parse_exercise(good_doc(id="aaa-stretch"), "x.toml")
    away = parse_exercise(good_doc(id="aab-stretch", office=False), "x.toml")
    catalogue = merge_catalogues(SHIPPED, {"aaa-stretch": extra, "aab-stretch": away})
    rotation = alternate_rotation(catalogue)
    assert rotation[-2:] == ("aaa-stretch", BREATHING)
    assert "aab-stretch" not in rotation


def test_alternate_without_breathing_or_without_moves() -> None:
    no_breathing = {key: e for key, e in SHIPPED.items() if key != BREATHING}
    assert alternate_rotation(no_breathing) == (
        MATRIX,
        "seated-thoracic-extension",
        "scapular-squeeze",
        "standing-side-bend",
    )
    only_breathing = {BREATHING: SHIPPED[BREATHING]}
    assert resolve_rotation(ALTERNATE, only_breathing) == ((BREATHING,), ())
    floor_only = {key: e for key, e in SHIPPED.items() if not e.office}
    ids, warnings = resolve_rotation(ALTERNATE, floor_only)
    assert ids == (next(iter(floor_only)),)
    assert len(warnings) == 1
    assert "no office-friendly exercise" in warnings[0]


@pytest.mark.parametrize(
    ("choice", "ids", "warning_parts"),
    [
        (BREATHING, (BREATHING,), []),
        ("sport-cord-rows", ("sport-cord-rows",), []),
        ((BREATHING,), (BREATHING,), []),
        ((MATRIX, BREATHING, MATRIX), (MATRIX, BREATHING, MATRIX), []),
        ([BREATHING, "scapular-squeeze"], (BREATHING, "scapular-squeeze"), []),
        ("yoga", (MATRIX,), ['unknown exercise "yoga"', f'using "{MATRIX}"']),
        (("yoga", BREATHING, "pilates"), (BREATHING,), ['"yoga", "pilates" left out']),
        (("yoga", "yoga"), (MATRIX,), ['unknown exercise "yoga";']),
        (("yoga", "pilates"), (MATRIX,), ['unknown exercises "yoga", "pilates"']),
        ((), (MATRIX,), ["no exercise given"]),
    ],
)
def test_resolve_rotation(
    choice: str | tuple[str, ...], ids: tuple[str, ...], warning_parts: list[str]
) -> None:
    got_ids, warnings = resolve_rotation(choice, SHIPPED)
    assert got_ids == ids
    assert len(warnings) == (1 if warning_parts else 0)
    for part in warning_parts:
        assert part in warnings[0]
    assert all(warning.startswith("break.exercise: ") for warning in warnings)


def test_resolve_rotation_without_the_default_or_any_exercise() -> None:
    only_breathing = {BREATHING: SHIPPED[BREATHING]}
    assert resolve_rotation("yoga", only_breathing)[0] == (BREATHING,)
    with pytest.raises(ExerciseError, match="no exercises"):
        resolve_rotation(ALTERNATE, {})


def test_a_byte_order_mark_is_accepted_as_in_settings(custom: Path) -> None:
    text = tomli_w.dumps(good_doc(id="from-windows"))
    (custom / "from-windows.toml").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    exercises, problems = load_custom_exercises(custom)
    assert problems == []
    assert "from-windows" in exercises


def without_root_privilege() -> list[str]:
    """A command prefix under which permission bits apply, even when the tests run as root."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: every folder is readable")
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"]


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_an_unreadable_folder_is_reported_naming_it(custom: Path) -> None:
    prefix = without_root_privilege()
    custom.chmod(0)
    try:
        done = subprocess.run(
            [
                *prefix,
                sys.executable,
                "-c",
                "import sys\n"
                "from pathlib import Path\n"
                "from backbreak.config.exercise_files import load_custom_exercises\n"
                "print(load_custom_exercises(Path(sys.argv[1])))\n",
                str(custom),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=Path(__file__).resolve().parents[2],
            check=False,
        )
    finally:
        custom.chmod(0o755)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == repr(
        ({}, [f"{custom}: cannot be read (Permission denied); no custom exercises loaded"])
    )
