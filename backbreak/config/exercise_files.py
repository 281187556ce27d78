"""Reading exercise files: the shipped catalogue and the user's own folder.

The format and its checks are :mod:`backbreak.config.exercise_format`; this module only gets
the bytes, through :func:`~backbreak.config.files.read_bounded` like every other file backbreak
reads, so a FIFO, a device or a huge file in the user's folder is a skipped file with a reason,
never a hang.
"""

from __future__ import annotations

import os
import stat
import tomllib
from collections.abc import Collection
from pathlib import Path

from backbreak.config.exercise_format import (
    MAX_CUSTOM_FILES,
    MAX_FILE_BYTES,
    MAX_ILLUSTRATION_BYTES,
    ExerciseError,
    check_illustration_name,
    parse_exercise,
)
from backbreak.config.files import UnusableFileError, read_bounded, strip_bom
from backbreak.core.exercises import Exercise, Step


def load_exercise(
    path: Path, illustrations: Path | None = None, *, check_files: bool = False
) -> Exercise:
    """Read and validate one exercise file.

    ``illustrations`` is the folder its illustration names are resolved in (``None``: none
    shown). With ``check_files`` every named illustration must exist there as well. A UTF-8
    byte-order mark is accepted, as in the settings file.
    """
    try:
        data = read_bounded(path, MAX_FILE_BYTES)
        doc = tomllib.loads(strip_bom(data).decode("utf-8"))
    except UnicodeDecodeError:
        raise ExerciseError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ExerciseError(f"{path}: not valid TOML: {exc}") from None
    except RecursionError:
        raise ExerciseError(f"{path}: values are nested too deeply") from None
    except UnusableFileError as exc:
        raise ExerciseError(f"{path}: {exc.strerror}") from None
    except OSError as exc:
        raise ExerciseError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    exercise = parse_exercise(doc, str(path), illustrations)
    if check_files:
        check_illustrations(exercise, str(path))
    return exercise


def load_catalogue(folder: Path, illustrations: Path | None = None) -> dict[str, Exercise]:
    """Every shipped exercise in ``folder``, keyed by id, in file-name order.

    Illustrations are looked up in ``illustrations`` (by default the ``illustrations`` folder
    next to ``folder``). Any bad file raises :class:`ExerciseError`: shipped data must be valid.
    """
    pictures = folder.parent / "illustrations" if illustrations is None else illustrations
    catalogue: dict[str, Exercise] = {}
    for path in sorted(folder.glob("*.toml")):
        exercise = load_exercise(path, pictures)
        if exercise.id in catalogue:
            raise ExerciseError(f"{path}: id '{exercise.id}' is used by another file")
        catalogue[exercise.id] = exercise
    return catalogue


def load_custom_exercises(
    folder: Path, reserved: Collection[str] = ()
) -> tuple[dict[str, Exercise], list[str]]:
    """The user's own exercises in ``folder`` (``*.toml``, SVGs alongside) and one problem line
    per file that was skipped.

    A missing folder means no custom exercises; one that cannot be listed is reported. A bad
    file (not TOML, not following the format, an illustration that is missing, too large or
    outside the folder, a file over 256 KiB or not a regular file, an id in ``reserved`` (the
    shipped ones) or used by an earlier file) is skipped; the rest load. Hidden files (names
    starting with ".") are ignored.
    """
    exercises: dict[str, Exercise] = {}
    paths, problems = _exercise_files(folder)
    sources: dict[str, Path] = {}
    for path in paths:
        outside = _outside(folder, path)
        if outside is not None:
            problems.append(f"{path}: {outside}; skipped")
            continue
        try:
            exercise = load_exercise(path, folder, check_files=True)
        except ExerciseError as exc:
            problems.append(f"{exc}; skipped")
            continue
        if exercise.id in reserved:
            problems.append(
                f"{path}: id '{exercise.id}' is the id of a built-in exercise; skipped "
                "(rename it to use it)"
            )
        elif exercise.id in exercises:
            problems.append(
                f"{path}: id '{exercise.id}' is already used by {sources[exercise.id]}; skipped"
            )
        else:
            exercises[exercise.id] = exercise
            sources[exercise.id] = path
    return exercises, problems


def _exercise_files(folder: Path) -> tuple[list[Path], list[str]]:
    """The first :data:`MAX_CUSTOM_FILES` ``*.toml`` names in ``folder``, and what went wrong.

    Listed with ``os.scandir``, not ``Path.glob``: glob takes a folder it may not read for an
    empty one, and the user would never learn why their exercises are missing.
    """
    try:
        if not stat.S_ISDIR(os.stat(folder).st_mode):
            return [], [f"{folder}: not a folder; no custom exercises loaded"]
        with os.scandir(folder) as entries:
            names = sorted(
                entry.name
                for entry in entries
                if entry.name.endswith(".toml") and not entry.name.startswith(".")
            )
    except FileNotFoundError:
        return [], []
    except OSError as exc:
        return [], [f"{folder}: cannot be read ({exc.strerror or exc}); no custom exercises loaded"]
    problems: list[str] = []
    if len(names) > MAX_CUSTOM_FILES:
        problems.append(
            f"{folder}: more than {MAX_CUSTOM_FILES} exercise files; only the first "
            f"{MAX_CUSTOM_FILES} by name are read"
        )
        names = names[:MAX_CUSTOM_FILES]
    return [folder / name for name in names], problems


def _outside(folder: Path, path: Path) -> str | None:
    """Why ``path`` does not stay inside ``folder`` once symlinks are followed, if it does not."""
    found = _inside(folder, path.relative_to(folder).as_posix())
    return found if isinstance(found, str) else None


def illustration_path(exercise: Exercise, step: Step) -> Path | None:
    """The file to show for ``step``, or ``None`` if it has none or the file is not usable.

    A usable file is a plain ``.svg`` file name inside the exercise's folder (after following
    symlinks), at most 256 KiB.
    """
    if step.illustration is None or exercise.folder is None:
        return None
    found = _find_illustration(exercise.folder, step.illustration)
    return found if isinstance(found, Path) else None


def _inside(folder: Path, name: str) -> Path | str:
    """``folder/name`` resolved, or why it is not a regular file that stays inside ``folder``."""
    try:
        root = folder.resolve(strict=True)
        resolved = (folder / name).resolve(strict=True)
    except FileNotFoundError:
        return "does not exist"
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop
        return f"cannot be opened ({exc})"
    if not resolved.is_relative_to(root):
        return "is a link to a file outside its folder"
    return resolved


def _find_illustration(folder: Path, name: str) -> Path | str:
    """The usable illustration ``name`` in ``folder``, or why it is not usable."""
    problem = check_illustration_name(name)
    if problem is not None:
        return problem
    found = _inside(folder, name)
    if isinstance(found, str):
        return found
    try:
        info = found.stat()
    except OSError as exc:
        return f"cannot be opened ({exc})"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file"
    if info.st_size > MAX_ILLUSTRATION_BYTES:
        return f"is larger than {MAX_ILLUSTRATION_BYTES // 1024} KiB"
    return found


def check_illustrations(exercise: Exercise, where: str) -> None:
    """Raise :class:`ExerciseError` unless every illustration the exercise names is usable."""
    if exercise.folder is None:
        return
    for number, step in enumerate(exercise.steps, start=1):
        if step.illustration is None:
            continue
        found = _find_illustration(exercise.folder, step.illustration)
        if isinstance(found, str):
            raise ExerciseError(
                f"{where}: step {number}: illustration '{step.illustration}' {found}"
            )
