"""Which exercises a break rotates through: "alternate", one id, or a list of ids."""

from __future__ import annotations

import pytest

from backbreak.config.exercise_files import load_catalogue
from backbreak.config.exercise_format import ExerciseError, parse_exercise
from backbreak.config.rotation import alternate_rotation, resolve_rotation
from backbreak.core.exercises import ALTERNATE, merge_catalogues
from backbreak.resources import resources_dir
from tests.unit.exercise_docs import good_doc

SHIPPED = load_catalogue(resources_dir() / "exercises", resources_dir() / "illustrations")
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
