"""Do-not-disturb on Windows: Focus Assist, read from ntdll and polled while watched."""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject

from backbreak.platform.interruptions.base import POLL_INTERVAL_MS, PollingSource

__all__ = ["WNF_FOCUS_ASSIST_STATE", "WindowsFocusAssistSource", "windows_focus_assist_profile"]

#: ``WNF_SHEL_QUIETHOURS_ACTIVE_PROFILE_CHANGED``: 0 off, 1 priority only, 2 alarms only.
WNF_FOCUS_ASSIST_STATE = 0x0D83063EA3BF1C75


def windows_focus_assist_profile() -> int:
    """The active Focus Assist profile (0 = off) from ntdll's ``NtQueryWnfStateData``.

    An undocumented interface (Windows 10 1803 and later); OSError where it is unavailable.
    """
    if sys.platform != "win32":
        raise OSError("Focus Assist exists only on Windows")
    ntdll = ctypes.WinDLL("ntdll")
    query = ntdll.NtQueryWnfStateData
    query.restype = ctypes.c_long
    query.argtypes = [
        ctypes.POINTER(ctypes.c_uint64),
        ctypes.c_void_p,
        ctypes.c_void_p,
        ctypes.POINTER(ctypes.c_ulong),
        ctypes.c_void_p,
        ctypes.POINTER(ctypes.c_ulong),
    ]
    state_name = ctypes.c_uint64(WNF_FOCUS_ASSIST_STATE)
    change_stamp = ctypes.c_ulong()
    buffer = ctypes.c_uint32()
    size = ctypes.c_ulong(ctypes.sizeof(buffer))
    status = query(
        ctypes.byref(state_name),
        None,
        None,
        ctypes.byref(change_stamp),
        ctypes.byref(buffer),
        ctypes.byref(size),
    )
    if status != 0:
        raise OSError(f"NtQueryWnfStateData failed with NTSTATUS {status & 0xFFFFFFFF:#010x}")
    return int(buffer.value) if size.value else 0


class WindowsFocusAssistSource(PollingSource):
    """Focus Assist (Windows 10) on in any mode ("priority only" or "alarms only").

    No change notification is practical from Python, so this polls (see
    :class:`~backbreak.platform.interruptions.base.PollingSource`): only while watched.
    ``query_profile`` replaces the OS call (tests).
    """

    name = "do-not-disturb"
    backend = "windows-focus-assist"

    def __init__(
        self,
        query_profile: Callable[[], int] = windows_focus_assist_profile,
        interval_ms: int = POLL_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(lambda: query_profile() != 0, interval_ms, parent)
