"""Reading files from folders anyone can write to: regular files only, never blocking, bounded.

A settings file may turn out to be a symlink to ``/dev/zero`` (endless), a FIFO (an open that
waits for a writer forever, deaf to SIGTERM) or 50 MB of junk. Everything backbreak reads from
the user's or the system's folders (settings, site settings, state, exercise files) goes through
:func:`read_bounded`, so each of those is a quick, clear error, not a hang or a memory blow-up.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class UnusableFileError(OSError):
    """The file exists but is not read: it is not a regular file, or it is over the size limit.

    An ``OSError`` so that every caller's "could not read the file" path applies; ``strerror``
    says which rule the file broke, for the user.
    """

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(errno.EINVAL, reason, str(path))

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


def describe_size(limit: int) -> str:
    """``262144`` as ``"256 KiB"``: how limits are named in messages."""
    if limit % (1024 * 1024) == 0:
        return f"{limit // (1024 * 1024)} MiB"
    if limit % 1024 == 0:
        return f"{limit // 1024} KiB"
    return f"{limit} bytes"


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path`` (symlinks followed), at most ``limit`` of them.

    Raises :class:`UnusableFileError` for anything but a regular file (checked before opening,
    so a device is never opened, and again on the open file against a swap in between) and for
    a file larger than ``limit``; ``FileNotFoundError`` and other ``OSError`` as ``open`` does.
    The open never blocks (``O_NONBLOCK``) and the read stops at ``limit + 1`` bytes, however
    the file grows meanwhile.
    """
    _check_regular(path, os.stat(path).st_mode)
    flags = (
        os.O_RDONLY
        | getattr(os, "O_NONBLOCK", 0)
        | getattr(os, "O_NOCTTY", 0)
        | getattr(os, "O_BINARY", 0)
    )
    fd = os.open(path, flags)
    with open(fd, "rb") as stream:
        info = os.fstat(stream.fileno())
        _check_regular(path, info.st_mode)
        if info.st_size > limit:
            raise _too_large(path, limit)
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise _too_large(path, limit)
    return data


def strip_bom(data: bytes) -> bytes:
    """``data`` without a leading UTF-8 byte-order mark (Windows editors like to add one)."""
    return data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data


def _check_regular(path: Path, mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    kind = next((name for test, name in _KINDS if test(mode)), "of an unknown kind")
    raise UnusableFileError(path, f"not a regular file (it is {kind})")


def _too_large(path: Path, limit: int) -> UnusableFileError:
    return UnusableFileError(path, f"larger than {describe_size(limit)} (the limit for this file)")
