"""Custom exercises: the user's own files, loaded safely, with one problem line per skip."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from backbreak.config.exercise_files import (
    illustration_path,
    load_catalogue,
    load_custom_exercises,
)
from backbreak.config.exercise_format import MAX_FILE_BYTES, parse_exercise
from backbreak.core.exercises import (
    merge_catalogues,
)
from backbreak.resources import resources_dir
from tests.unit.exercise_docs import good_doc, step_doc

EXERCISES = resources_dir() / "exercises"
ILLUSTRATIONS = resources_dir() / "illustrations"
SHIPPED = load_catalogue(EXERCISES, ILLUSTRATIONS)

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>'


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
