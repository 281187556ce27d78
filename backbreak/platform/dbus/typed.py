"""D-Bus ``u``, ``t`` and ``y`` arguments, which PySide6 cannot write by itself."""

from __future__ import annotations

import ctypes
import functools
import os
from typing import Any

import shiboken6
from PySide6.QtCore import QLibraryInfo
from PySide6.QtDBus import QDBusArgument

__all__ = ["TypedArgumentUnavailable", "byte", "uint32", "uint64"]


class TypedArgumentUnavailable(Exception):
    """The Qt D-Bus library's typed streaming operators cannot be reached from Python here."""


def _streaming_operator(mangled: str, ctype: type[ctypes._SimpleCData[int]]) -> Any:
    """``QDBusArgument::operator<<`` for one C++ type, looked up in the loaded Qt D-Bus library.

    Python's int always goes out as ``i`` (int32) through PySide6, and the binding offers no
    way to write a ``u`` (uint32) or ``y`` (byte); servers that check signatures (GLib's, and
    so GNOME Shell's) reject a call typed wrongly. The C++ operator writes the right type; the
    library is already loaded by ``PySide6.QtDBus``, so this only finds it (Itanium C++ ABI:
    Linux and the BSDs, the only places with a session bus).
    """
    names = ["libQt6DBus.so.6"]
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.LibrariesPath)
    if folder:
        names.insert(0, os.path.join(folder, "libQt6DBus.so.6"))
    for name in names:
        try:
            library = ctypes.CDLL(name, mode=getattr(os, "RTLD_NOLOAD", 0) | ctypes.RTLD_GLOBAL)
            operator = getattr(library, mangled)
        except (OSError, AttributeError):
            continue
        operator.restype = ctypes.c_void_p
        operator.argtypes = [ctypes.c_void_p, ctype]
        return operator
    raise TypedArgumentUnavailable(f"no {mangled} in the loaded Qt D-Bus library")


@functools.cache
def _operators() -> tuple[Any, Any, Any]:
    return (
        _streaming_operator("_ZN13QDBusArgumentlsEj", ctypes.c_uint32),
        _streaming_operator("_ZN13QDBusArgumentlsEh", ctypes.c_ubyte),
        _streaming_operator("_ZN13QDBusArgumentlsEy", ctypes.c_uint64),
    )


def _typed(which: int, value: int) -> QDBusArgument:
    argument = QDBusArgument()
    _operators()[which](shiboken6.getCppPointer(argument)[0], value)
    return argument


def uint32(value: int) -> QDBusArgument:
    """``value`` as a D-Bus ``u``; raises TypedArgumentUnavailable where that cannot be made."""
    if not 0 <= value < 2**32:
        raise ValueError(f"{value} is not a uint32")
    return _typed(0, value)


def byte(value: int) -> QDBusArgument:
    """``value`` as a D-Bus ``y``; raises TypedArgumentUnavailable where that cannot be made."""
    if not 0 <= value < 256:
        raise ValueError(f"{value} is not a byte")
    return _typed(1, value)


def uint64(value: int) -> QDBusArgument:
    """``value`` as a D-Bus ``t``; raises TypedArgumentUnavailable where that cannot be made."""
    if not 0 <= value < 2**64:
        raise ValueError(f"{value} is not a uint64")
    return _typed(2, value)
