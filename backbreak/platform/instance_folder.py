"""Where the instance socket lives: a folder that only this user can reach or replace.

Every ``backbreak`` process of a user must find the same address, and no other
local user may take it: whoever owns the socket's folder can stand in for the
running app, or keep it from starting by putting something in the way. Without
``XDG_RUNTIME_DIR`` (``su``, ssh sessions without logind) the usual folders
have names any user can predict and create first in ``/tmp``. So each
candidate is checked (a real folder, not a symbolic link, ours, mode 0700,
below parents no other user can replace) and refused with a logged reason when
it fails; the last resort is a fresh random folder in the temp dir whose name
is recorded in the user's own state folder. Qt-free: the CLI uses it too.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import socket
import stat
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path

import platformdirs

from backbreak.platform.instance_client import InstanceError

__all__ = ["SOCKET_NAME", "folder_problem", "instance_address"]

_log = logging.getLogger(__name__)

SOCKET_NAME = "instance.sock"
# sun_path holds 108 bytes on Linux (104 on the BSDs and macOS) including the NUL.
_MAX_SOCKET_PATH_BYTES = 100
_PRIVATE = 0o700
_RECORD_MAX_BYTES = 4096
_RECORD_ATTEMPTS = 3
# Tried after the temp dir of the environment, which may be too long for a socket address.
_SHORT_TEMP = Path("/tmp")


def instance_address() -> str:
    """The per-user socket path every ``backbreak`` process of this user agrees on.

    In order: the user's runtime folder, ``backbreak-<uid>`` in the temp dir,
    then a random private folder in the temp dir recorded in the state folder.
    A candidate that is unsafe is refused and the reason logged. Raises
    :class:`InstanceError` only when no candidate at all is usable.
    """
    refused: list[str] = []
    for folder in _fixed_candidates():
        if not _fits(folder):
            continue
        problem = _make_private(folder)
        if problem is None:
            return str(folder / SOCKET_NAME)
        _log.warning("not using %s for the instance socket: it %s", folder, problem)
        refused.append(f"{folder} {problem}")
    try:
        return str(_recorded_folder() / SOCKET_NAME)
    except (OSError, InstanceError) as exc:
        refused.append(str(exc))
    raise InstanceError("no private folder for the instance socket: " + "; ".join(refused))


def _fits(folder: Path) -> bool:
    return len(os.fsencode(folder / SOCKET_NAME)) <= _MAX_SOCKET_PATH_BYTES


def _temp_bases() -> list[Path]:
    """The environment's temp dir, or ``/tmp`` when that is too long for a socket address."""
    preferred = Path(tempfile.gettempdir())
    if _fits(preferred / f"backbreak-{os.getuid()}-12345678"):  # what mkdtemp makes of it
        return [preferred]
    return [_SHORT_TEMP]


def _fixed_candidates() -> Iterator[Path]:
    """The predictable candidates, best first."""
    try:
        with warnings.catch_warnings():
            # platformdirs warns when XDG_RUNTIME_DIR is unset; every candidate is checked here.
            warnings.simplefilter("ignore")
            runtime = platformdirs.user_runtime_path("backbreak")
    except OSError as exc:  # platformdirs refuses a hijacked runtime-<uid> itself
        _log.warning("not using the runtime folder for the instance socket: %s", exc)
    else:
        yield runtime.absolute()
    for base in _temp_bases():
        yield base / f"backbreak-{os.getuid()}"


def folder_problem(folder: Path, *, exact_mode: bool = True) -> str | None:
    """Why ``folder`` is no place for the socket (a phrase after "it"), or None if it is safe.

    With ``exact_mode`` off (the state folder that keeps the record) any mode
    that lets no one else write is enough.
    """
    try:
        info = os.lstat(folder)
    except OSError as exc:
        return f"cannot be examined ({exc.strerror})"
    if stat.S_ISLNK(info.st_mode):
        return "is a symbolic link"
    if not stat.S_ISDIR(info.st_mode):
        return "is not a folder"
    if info.st_uid != os.getuid():
        return f"belongs to uid {info.st_uid}, not to this user (uid {os.getuid()})"
    mode = stat.S_IMODE(info.st_mode)
    if (mode != _PRIVATE) if exact_mode else bool(mode & 0o022):
        return f"has mode {mode:04o}, not 0700"
    return _parents_problem(folder)


def _parents_problem(folder: Path) -> str | None:
    """A folder is only as private as its parents: none may be replaceable by another user.

    Each parent, as written and as resolved, must belong to root or to us and be
    writable by no one else unless it is sticky (like ``/tmp``).
    """
    uid = os.getuid()
    chains = [folder.parent, Path(os.path.realpath(folder.parent))]
    for chain in chains:
        for parent in (chain, *chain.parents):
            try:
                info = os.lstat(parent)
            except OSError as exc:
                return f"has a parent {parent} that cannot be examined ({exc.strerror})"
            if info.st_uid not in (0, uid):
                return f"has a parent {parent} that belongs to uid {info.st_uid}"
            if stat.S_ISLNK(info.st_mode):
                continue  # a link of root's or ours; the resolved chain is checked too
            if info.st_mode & 0o022 and not info.st_mode & stat.S_ISVTX:
                return f"has a parent {parent} that other users may write to"
    return None


def _make_private(folder: Path, *, exact_mode: bool = True) -> str | None:
    """Create ``folder`` (and missing parents) private to us; why not, or None when done."""
    missing = [p for p in (folder, *folder.parents) if not os.path.lexists(p)]
    for path in reversed(missing):
        try:
            os.mkdir(path, _PRIVATE)
        except FileExistsError:
            continue  # someone else was quicker: the checks below judge it
        except OSError as exc:
            return f"cannot be created ({exc.strerror})"
        # Ours for certain, as mkdir made it; the umask may have taken bits away.
        with contextlib.suppress(OSError):
            os.chmod(path, _PRIVATE)
    return folder_problem(folder, exact_mode=exact_mode)


def _record_path() -> Path:
    """Where the random folder's name is kept: per host, as home folders may be shared."""
    host = re.sub(r"[^A-Za-z0-9.-]", "_", socket.gethostname())[:64] or "localhost"
    return platformdirs.user_state_path("backbreak") / f"instance-folder-{host}"


def _recorded_folder() -> Path:
    """The random private folder named in the record, created and recorded when needed.

    The record is created with ``link``, which fails if it exists, so two
    processes starting at the same moment still agree on one folder.
    """
    record = _record_path()
    state = record.parent
    problem = _make_private(state, exact_mode=False)
    if problem is not None:
        raise InstanceError(f"{state} {problem}")
    for _ in range(_RECORD_ATTEMPTS):
        folder = _read_record(record)
        if folder is not None:
            return folder
        fresh = Path(tempfile.mkdtemp(prefix=f"backbreak-{os.getuid()}-", dir=_temp_bases()[0]))
        draft = Path(tempfile.mkstemp(prefix=".instance-folder-", dir=state)[1])
        try:
            draft.write_text(str(fresh), encoding="utf-8")
            try:
                os.link(draft, record)
            except FileExistsError:
                os.rmdir(fresh)  # another process recorded its folder first: use that one
                continue
            _log.warning("the instance socket lives in %s (recorded in %s)", fresh, record)
            return fresh
        finally:
            draft.unlink(missing_ok=True)
    raise InstanceError(f"could not agree on an instance folder through {record}")


def _read_record(record: Path) -> Path | None:
    """The folder a valid record names; an invalid record is removed (and None returned)."""
    try:
        fd = os.open(record, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return None
    except OSError as exc:
        _log.warning("removing unreadable instance folder record %s: %s", record, exc)
        _remove(record)
        return None
    with os.fdopen(fd, "rb") as stream:
        info = os.fstat(stream.fileno())
        text = stream.read(_RECORD_MAX_BYTES + 1) if stat.S_ISREG(info.st_mode) else b""
    folder = Path(os.fsdecode(text.strip())) if 0 < len(text) <= _RECORD_MAX_BYTES else None
    expected = f"backbreak-{os.getuid()}-"
    if folder is not None and folder.is_absolute() and folder.name.startswith(expected):
        problem = folder_problem(folder) if _fits(folder) else "is too long a path"
        if problem is None:
            return folder
        _log.warning("not using recorded instance folder %s: it %s", folder, problem)
    else:
        _log.warning("removing instance folder record %s: it does not name a folder", record)
    _remove(record)
    return None


def _remove(record: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        record.unlink()
