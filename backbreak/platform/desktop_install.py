"""Install backbreak as a desktop app for one user: launcher, AppStream metainfo and icons.

``make install-desktop`` runs ``python -m backbreak.platform.desktop_install install``, which
copies the files in ``packaging/linux/`` under ``$XDG_DATA_HOME`` (``~/.local/share``)::

    applications/<APP_ID>.desktop                  Exec= the installed ``backbreak``
    metainfo/<APP_ID>.metainfo.xml
    icons/hicolor/scalable/apps/<APP_ID>.svg
    icons/hicolor/symbolic/apps/<APP_ID>-symbolic.svg

and records each file's SHA-256 (and each folder it had to create) in
``backbreak/desktop-install.json`` there. ``uninstall`` removes exactly those files, and only
while they still hold what was written; a file that is already there and was not written by
``install`` (a launcher of your own) is never overwritten. The tray app never imports this.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from backbreak import APP_ID
from backbreak.config.files import read_bounded
from backbreak.config.store import atomic_write_text
from backbreak.platform.autostart import desktop_entry as de
from backbreak.platform.autostart import launch_command

__all__ = ["DesktopInstallError", "data_home", "install", "main", "shipped_files", "uninstall"]

MANIFEST = Path("backbreak") / "desktop-install.json"
_LIMIT = 1024 * 1024  # every shipped file is a few kB
SOURCE = Path(__file__).resolve().parents[2] / "packaging" / "linux"

#: Runs a cache tool; the default is subprocess.run without a shell, output discarded.
Runner = Callable[[Sequence[str]], int]


class DesktopInstallError(Exception):
    """The desktop files could not be installed or removed; the message says why."""


def shipped_files() -> dict[Path, Path]:
    """Each shipped file (relative to ``packaging/linux``) and where it goes under data home."""
    return {
        Path(f"{APP_ID}.desktop"): Path("applications") / f"{APP_ID}.desktop",
        Path(f"{APP_ID}.metainfo.xml"): Path("metainfo") / f"{APP_ID}.metainfo.xml",
        Path("icons") / f"{APP_ID}.svg": Path("icons/hicolor/scalable/apps") / f"{APP_ID}.svg",
        Path("icons") / f"{APP_ID}-symbolic.svg": (
            Path("icons/hicolor/symbolic/apps") / f"{APP_ID}-symbolic.svg"
        ),
    }


def data_home(env: Mapping[str, str]) -> Path:
    """``$XDG_DATA_HOME`` if absolute, else ``$HOME/.local/share`` (XDG base directories)."""
    configured = env.get("XDG_DATA_HOME", "")
    if configured and Path(configured).is_absolute():
        return Path(configured)
    home = env.get("HOME", "")
    base = Path(home) if home and Path(home).is_absolute() else Path.home()
    return base / ".local" / "share"


def with_command(entry: str, command: Sequence[str]) -> str:
    """The launcher with ``Exec`` and ``TryExec`` set to ``command`` (absolute paths), so the
    app grid starts the ``backbreak`` that was installed, whatever is on ``PATH``."""
    lines = []
    group = ""
    for line in entry.split("\n"):
        if line.startswith("["):
            group = line.strip()[1:-1]
        elif group == de.GROUP and line.startswith("Exec="):
            line = f"Exec={de.format_exec(command)}"
        elif group == de.GROUP and line.startswith("TryExec="):
            line = f"TryExec={de.escape_string(command[0])}"
        lines.append(line)
    return "\n".join(lines)


@dataclass
class Manifest:
    """What ``install`` wrote: file -> SHA-256, and the folders it created (relative paths)."""

    files: dict[str, str] = field(default_factory=dict)
    folders: list[str] = field(default_factory=list)


def install(
    home: Path,
    command: Sequence[str] | None = None,
    source: Path = SOURCE,
    run: Runner | None = None,
) -> list[Path]:
    """Install (or update) the desktop files under ``home``; returns the files written.

    Every target is checked before anything is written: a target that exists, differs from
    what would be written and is not the file an earlier ``install`` wrote stops the install.
    """
    if not source.is_dir():
        raise DesktopInstallError(
            f"no folder {source}: the desktop files ship in the source tree's packaging/linux; "
            "run make install-desktop in a checkout"
        )
    argv = list(command) if command is not None else launch_command()
    manifest = _read_manifest(home)
    planned: dict[Path, bytes] = {}
    for name, target in shipped_files().items():
        data = _read(source / name)
        if target.suffix == ".desktop":
            data = with_command(data.decode("utf-8"), argv).encode("utf-8")
        current = _current(home / target)
        if current is not None and current != data and not _ours(manifest, target, current):
            raise DesktopInstallError(
                f"{home / target} exists and was not written by backbreak's install-desktop; "
                "move it away and try again"
            )
        planned[target] = data
    try:
        home.mkdir(parents=True, exist_ok=True)  # the data home itself is not install's
    except OSError as exc:
        raise DesktopInstallError(f"cannot create {home}: {exc.strerror or exc}") from exc
    written = []
    for target, data in planned.items():
        manifest.folders.extend(_make_folders(home, target.parent))
        if _current(home / target) != data:
            _write(home / target, data)
            written.append(home / target)
        manifest.files[target.as_posix()] = _digest(data)
    manifest.folders.extend(_make_folders(home, MANIFEST.parent))
    manifest.folders = sorted(set(manifest.folders))
    _write(home / MANIFEST, json.dumps(_as_json(manifest), indent=1).encode("utf-8") + b"\n")
    refresh_caches(home, run)
    return written


def uninstall(home: Path, run: Runner | None = None) -> tuple[list[Path], list[Path]]:
    """Remove what ``install`` wrote under ``home``: (files removed, files left alone because
    they changed since). Folders it created go too, if nothing else is in them."""
    manifest = _read_manifest(home)
    removed: list[Path] = []
    kept: list[Path] = []
    for name, digest in sorted(manifest.files.items()):
        path = home / name
        current = _current(path)
        if current is None:
            continue
        if _digest(current) != digest:
            kept.append(path)
            continue
        _remove(path)
        removed.append(path)
    if kept:
        # Keep the record of what is still ours to remove later; drop the rest.
        manifest.files = {k: v for k, v in manifest.files.items() if home / k in kept}
        _write(home / MANIFEST, json.dumps(_as_json(manifest), indent=1).encode("utf-8") + b"\n")
    else:
        _remove(home / MANIFEST)
        for folder in sorted(manifest.folders, key=lambda f: -len(Path(f).parts)):
            with contextlib.suppress(OSError):  # not empty, or already gone
                (home / folder).rmdir()
    refresh_caches(home, run)
    return removed, kept


def refresh_caches(home: Path, run: Runner | None = None) -> None:
    """Bring the desktop database and icon cache up to date where they exist.

    A folder without a cache is read directly by GLib and GTK, so none is created (it would be
    a file install did not put there); a cache that exists would hide the change until rebuilt.
    A missing tool or a failing one is not an error: the files are in place either way.
    """
    runner = run or _run
    applications = home / "applications"
    if (applications / "mimeinfo.cache").is_file() and shutil.which("update-desktop-database"):
        runner(["update-desktop-database", "-q", str(applications)])
    hicolor = home / "icons" / "hicolor"
    if (hicolor / "icon-theme.cache").is_file() and shutil.which("gtk-update-icon-cache"):
        runner(["gtk-update-icon-cache", "-q", "-f", "-t", str(hicolor)])


def _run(argv: Sequence[str]) -> int:
    try:
        return subprocess.run(list(argv), check=False, capture_output=True, timeout=60).returncode
    except (OSError, subprocess.SubprocessError):
        return -1


def _read(path: Path) -> bytes:
    try:
        return read_bounded(path, _LIMIT)
    except OSError as exc:
        raise DesktopInstallError(f"cannot read {path}: {exc.strerror or exc}") from exc


def _current(path: Path) -> bytes | None:
    """What is at ``path`` now: ``None`` if nothing. A symbolic link or anything but a regular
    file is never install's, so it reads as something no one can match."""
    try:
        mode = os.lstat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise DesktopInstallError(f"cannot look at {path}: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(mode):
        return b"\0not a regular file\0"
    return _read(path)


def _ours(manifest: Manifest, target: Path, current: bytes) -> bool:
    return manifest.files.get(target.as_posix()) == _digest(current)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _make_folders(home: Path, relative: Path) -> list[str]:
    """Create ``home/relative`` and its missing parents; the ones created, relative to home."""
    created = []
    for depth in range(1, len(relative.parts) + 1):
        part = Path(*relative.parts[:depth])
        try:
            (home / part).mkdir()
        except FileExistsError:
            continue
        except OSError as exc:
            raise DesktopInstallError(
                f"cannot create {home / part}: {exc.strerror or exc}"
            ) from exc
        created.append(part.as_posix())
    return created


def _write(path: Path, data: bytes) -> None:
    try:
        atomic_write_text(path, data.decode("utf-8"))
    except OSError as exc:
        raise DesktopInstallError(f"cannot write {path}: {exc.strerror or exc}") from exc


def _remove(path: Path) -> None:
    try:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    except OSError as exc:
        raise DesktopInstallError(f"cannot remove {path}: {exc.strerror or exc}") from exc


def _read_manifest(home: Path) -> Manifest:
    """The record of an earlier install; none is an empty one. One that cannot be read stops
    everything: without it nothing can be told apart from a file someone else wrote."""
    path = home / MANIFEST
    try:
        data = read_bounded(path, _LIMIT)
    except (FileNotFoundError, NotADirectoryError):
        return Manifest()
    except OSError as exc:
        raise DesktopInstallError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        raw = json.loads(data)
        files = {str(k): str(v) for k, v in dict(raw["files"]).items()}
        folders = [str(f) for f in list(raw.get("folders", []))]
    except (ValueError, KeyError, TypeError) as exc:
        raise DesktopInstallError(f"{path} is damaged ({exc}); remove it and try again") from exc
    if any(_escapes(name) for name in [*files, *folders]):
        raise DesktopInstallError(f"{path} names files outside {home}; remove it and try again")
    return Manifest(files, folders)


def _escapes(name: str) -> bool:
    relative = Path(name)
    return relative.is_absolute() or ".." in relative.parts or not relative.parts


def _as_json(manifest: Manifest) -> dict[str, object]:
    return {"files": dict(sorted(manifest.files.items())), "folders": manifest.folders}


def main(argv: Sequence[str] | None = None, env: Mapping[str, str] = os.environ) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m backbreak.platform.desktop_install",
        description="Install or remove backbreak's launcher, metainfo and icons for this user.",
    )
    parser.add_argument("action", choices=["install", "uninstall"])
    parser.add_argument("--source", type=Path, default=SOURCE, help="the packaging/linux folder")
    args = parser.parse_args(argv)
    home = data_home(env)
    try:
        if args.action == "install":
            written = install(home, source=args.source)
            for path in written:
                print(f"installed {path}")
            print(f"backbreak is installed as a desktop app ({APP_ID}) under {home}")
            return 0
        removed, kept = uninstall(home)
    except DesktopInstallError as exc:
        print(f"backbreak: {exc}", file=sys.stderr)
        return 1
    for path in removed:
        print(f"removed {path}")
    for path in kept:
        print(f"left {path} alone: it changed since it was installed", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
