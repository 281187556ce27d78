"""Where the settings file lives, how it is saved safely and what happens to it at start-up.

Saving never leaves a half-written file (temp file + ``os.replace``), keeps keys this version does
not understand, and refuses to touch a file written by a newer version. A file that cannot be
parsed is moved aside rather than overwritten, so a user's edits are never silently lost.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from collections.abc import Collection, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs
import tomli_w

from backbreak.config.loader import (
    SettingsSyntaxError,
    read_settings,
)
from backbreak.config.schema import SCHEMA_VERSION, SECTIONS, Settings, keys_in

APP_NAME = "backbreak"
FILE_NAME = "settings.toml"
EXERCISES_FOLDER = "exercises"

STALE_TEMP_SECONDS = 10 * 60
"""A save takes milliseconds; a temp file this old belongs to a save that was killed."""

_HEADER = (
    "# backbreak settings. Keys that are left out use their defaults;\n"
    "# see the documentation for every key and what it allows.\n"
)


def settings_path() -> Path:
    """The per-user settings file (it may not exist yet)."""
    return platformdirs.user_config_path(APP_NAME) / FILE_NAME


def custom_exercises_path() -> Path:
    """The folder of the user's own exercise files and their illustrations (may not exist)."""
    return platformdirs.user_config_path(APP_NAME) / EXERCISES_FOLDER


class NewerFileError(Exception):
    """Saving would overwrite a file from a newer backbreak and lose what this one can't read."""

    def __init__(self, path: Path, version: int) -> None:
        self.path = path
        self.version = version
        super().__init__(
            f"refusing to overwrite {path}: it was written by a newer version of backbreak "
            f"(schema_version {version}; this version understands {SCHEMA_VERSION})"
        )


def atomic_write_text(path: Path, text: str) -> None:
    """Replace ``path`` with UTF-8 ``text`` so readers see the old or the new file, never a mix.

    A symlinked settings file (dotfile managers) is written through to its target. The existing
    file's permission bits are kept; a new file gets the usual umask-based mode.
    """
    target = _write_target(path)
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    try:
        mode: int | None = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None
    fd, temp = _create_temp(folder, target.name)
    try:
        with open(fd, "wb") as stream:
            stream.write(text.encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _fsync_folder(folder)


def _write_target(path: Path) -> Path:
    """The file a save of ``path`` really replaces: a symlink's target, else ``path`` itself."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _temp_name(name: str) -> str:
    """What a save of ``name`` calls its temp file; :func:`remove_stale_temps` matches these."""
    return f".{name}.{os.urandom(4).hex()}.tmp"


def remove_stale_temps(paths: Iterable[Path], now: float | None = None) -> list[Path]:
    """Delete the temp files that saves of ``paths`` left when they were killed; return them.

    A save killed between creating its temp file and renaming it leaves the temp file behind
    (the file it was saving is intact). Only names :func:`atomic_write_text` gives for one of
    ``paths`` (``.<name>.<8 hex digits>.tmp`` in the folder it writes to) are touched, and
    only regular files (not followed through symlinks) owned by this user that were last
    written more than :data:`STALE_TEMP_SECONDS` before ``now`` (the epoch time; by default the
    current one), so a save still in progress is never disturbed. Errors are skipped: this is
    housekeeping.
    """
    current = time.time() if now is None else now
    removed: list[Path] = []
    for path in paths:
        target = _write_target(path)
        pattern = re.compile(rf"\.{re.escape(target.name)}\.[0-9a-f]{{8}}\.tmp")
        try:
            with os.scandir(target.parent) as entries:
                candidates = [entry for entry in entries if pattern.fullmatch(entry.name)]
        except OSError:
            continue
        for entry in candidates:
            try:
                info = entry.stat(follow_symlinks=False)
                if not stat.S_ISREG(info.st_mode) or not _owned(info):
                    continue
                if current - info.st_mtime <= STALE_TEMP_SECONDS:
                    continue
                os.unlink(entry.path)
            except OSError:
                continue
            removed.append(Path(entry.path))
    return removed


def _owned(info: os.stat_result) -> bool:
    """Whether this user owns the file (Windows has no owner ids here: the folder is per-user)."""
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()


def _create_temp(folder: Path, name: str) -> tuple[int, Path]:
    """Open a new, exclusive temp file next to ``name`` (same filesystem, so the rename is atomic).

    Unlike ``tempfile.mkstemp`` this honours the umask (mode 0o666 & ~umask) for new files.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        # os.urandom, not secrets: secrets loads OpenSSL (~5 MiB) for a file name.
        temp = folder / _temp_name(name)
        try:
            return os.open(temp, flags, 0o666), temp
        except FileExistsError:
            continue
    raise FileExistsError(f"could not create a temporary file in {folder}")


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; not possible (or needed) on Windows."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def quarantine(path: Path, now: datetime) -> Path:
    """Move an unusable file aside as ``<name>.corrupt-YYYYMMDD-HHMMSS[-N]`` and return its path.

    The stamp is ``now`` in UTC, whatever zone ``now`` is given in, so files moved aside at
    start-up, on a save and by the state file all sort and read the same way.
    """
    base = f"{path.name}.corrupt-{now.astimezone(UTC):%Y%m%d-%H%M%S}"
    candidate = path.with_name(base)
    number = 0
    while os.path.lexists(candidate):
        number += 1
        candidate = path.with_name(f"{base}-{number}")
    # os.rename, not os.replace: on Windows it refuses to clobber if the name was taken meanwhile.
    os.rename(path, candidate)
    return candidate


def render_settings(
    settings: Settings,
    keep: dict[str, Any] | None = None,
    *,
    defaults: Settings | None = None,
    locked: Collection[str] = (),
) -> str:
    """TOML for ``settings``: the schema version and only values that differ from ``defaults``.

    ``defaults`` are the built-in ones unless given (organisation-wide defaults, for example).
    Keys and tables in ``keep`` (the previous document) that the schema does not know are carried
    over unchanged, so settings of other versions or tools survive a save. So are the values
    ``keep`` has for the dotted keys in ``locked``: those are never written from ``settings``.
    """
    kept = keep or {}
    base = defaults if defaults is not None else Settings()
    document: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    for section in SECTIONS:
        table: dict[str, Any] = {}
        carried: set[str] = set()
        for spec in keys_in(section):
            if spec.dotted in locked:
                continue
            carried.add(spec.name)
            value = spec.get(settings)
            if value != spec.get(base):
                table[spec.name] = spec.to_toml(value)
        previous = kept.get(section)
        if isinstance(previous, dict):
            table.update((name, raw) for name, raw in previous.items() if name not in carried)
        if table:
            document[section] = table
    for key, value in kept.items():
        if key not in SECTIONS and key != "schema_version":
            document[key] = value
    return _HEADER + tomli_w.dumps(document)


def save_settings(
    path: Path,
    settings: Settings,
    *,
    now: datetime | None = None,
    defaults: Settings | None = None,
    locked: Collection[str] = (),
) -> None:
    """Write ``settings`` to ``path`` atomically, keeping the existing file's unknown keys.

    Only values that differ from ``defaults`` (the built-in ones unless given) are written, and
    none for the dotted keys in ``locked`` (see :func:`render_settings`).

    Raises :class:`NewerFileError` (file untouched) if the file was written by a newer version,
    and ``OSError`` if the existing file cannot be read, because overwriting a file we could not
    read might destroy settings we know nothing about. An existing file that no longer parses is
    quarantined (see :func:`quarantine`, stamped with ``now``) before the new one is written.
    """
    keep: dict[str, Any] | None
    try:
        loaded = read_settings(path)
    except SettingsSyntaxError:
        quarantine(path, now if now is not None else datetime.now(UTC))
        keep = None
    else:
        if loaded.newer and loaded.file_version is not None:
            raise NewerFileError(path, loaded.file_version)
        keep = loaded.document
    atomic_write_text(path, render_settings(settings, keep, defaults=defaults, locked=locked))
