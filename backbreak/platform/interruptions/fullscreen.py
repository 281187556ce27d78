"""Fullscreen and presentation detection on Windows and macOS (polled while watched).

Neither system offers an event API that is practical from Python, so both sources poll every
:data:`~backbreak.platform.interruptions.base.POLL_INTERVAL_MS` while watched and not at all
otherwise. The OS calls are plain functions passed in at construction, so the decisions are
tested against fakes; the real calls have not been run on either system.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject

from backbreak.platform.interruptions.base import POLL_INTERVAL_MS, PollingSource

__all__ = [
    "QUNS_BUSY",
    "QUNS_PRESENTATION_MODE",
    "QUNS_RUNNING_D3D_FULL_SCREEN",
    "MacFullscreenSource",
    "MacWindow",
    "Rect",
    "WindowsFullscreenSource",
    "mac_displays",
    "mac_on_screen_windows",
    "mac_window_covers_a_display",
    "windows_notification_state",
]

# ---------------------------------------------------------------------------------- Windows

# QUERY_USER_NOTIFICATION_STATE (shellapi.h).
QUNS_NOT_PRESENT = 1
QUNS_BUSY = 2
"""A fullscreen application is running (or the presentation settings say so)."""
QUNS_RUNNING_D3D_FULL_SCREEN = 3
"""A Direct3D application is running in exclusive fullscreen mode."""
QUNS_PRESENTATION_MODE = 4
"""The user turned on presentation mode."""
QUNS_ACCEPTS_NOTIFICATIONS = 5
QUNS_QUIET_TIME = 6
QUNS_APP = 7

_WINDOWS_BUSY_STATES = frozenset({QUNS_BUSY, QUNS_RUNNING_D3D_FULL_SCREEN, QUNS_PRESENTATION_MODE})


def windows_notification_state() -> int:
    """``SHQueryUserNotificationState`` (shell32); OSError if the call fails."""
    if sys.platform != "win32":
        raise OSError("SHQueryUserNotificationState exists only on Windows")
    shell32 = ctypes.WinDLL("shell32")
    query = shell32.SHQueryUserNotificationState
    query.restype = ctypes.c_long  # HRESULT
    query.argtypes = [ctypes.POINTER(ctypes.c_int)]
    state = ctypes.c_int()
    result = query(ctypes.byref(state))
    if result != 0:
        raise OSError(f"SHQueryUserNotificationState failed with HRESULT {result & 0xFFFFFFFF:#x}")
    return int(state.value)


class WindowsFullscreenSource(PollingSource):
    """Active while ``SHQueryUserNotificationState`` says QUNS_BUSY (a fullscreen app),
    QUNS_RUNNING_D3D_FULL_SCREEN or QUNS_PRESENTATION_MODE. ``query_state`` replaces the OS
    call (tests)."""

    name = "fullscreen"
    backend = "windows"

    def __init__(
        self,
        query_state: Callable[[], int] = windows_notification_state,
        interval_ms: int = POLL_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(lambda: query_state() in _WINDOWS_BUSY_STATES, interval_ms, parent)


# ---------------------------------------------------------------------------------- macOS


@dataclass(frozen=True)
class Rect:
    """A rectangle in global display coordinates (points, origin top left of the main display)."""

    x: float
    y: float
    width: float
    height: float

    def covers(self, other: Rect) -> bool:
        return (
            self.x <= other.x
            and self.y <= other.y
            and self.x + self.width >= other.x + other.width
            and self.y + self.height >= other.y + other.height
        )


@dataclass(frozen=True)
class MacWindow:
    """What ``CGWindowListCopyWindowInfo`` says about one on-screen window."""

    bounds: Rect
    layer: int
    owner_pid: int
    alpha: float = 1.0


#: ``kCGNormalWindowLevel``: ordinary application windows (fullscreen ones included).
MAC_NORMAL_LAYER = 0


def mac_window_covers_a_display(
    windows: Sequence[MacWindow], displays: Sequence[Rect], own_pid: int
) -> bool:
    """Whether a visible normal-layer window of another process covers a whole display.

    A zoomed (maximised) window leaves the menu bar uncovered, so only fullscreen windows
    (their own Space) and presentations that cover the menu bar count.
    """
    for window in windows:
        if window.layer != MAC_NORMAL_LAYER or window.owner_pid == own_pid or window.alpha <= 0:
            continue
        if any(window.bounds.covers(display) for display in displays):
            return True
    return False


_CORE_GRAPHICS = "/System/Library/Frameworks/CoreGraphics.framework/CoreGraphics"
_CORE_FOUNDATION = "/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation"
_ON_SCREEN_ONLY = 1 << 0  # kCGWindowListOptionOnScreenOnly
_EXCLUDE_DESKTOP_ELEMENTS = 1 << 4  # kCGWindowListExcludeDesktopElements
_CF_NUMBER_SINT64 = 4  # kCFNumberSInt64Type
_CF_NUMBER_DOUBLE = 13  # kCFNumberDoubleType
_MAX_DISPLAYS = 16


class _CGRect(ctypes.Structure):
    _fields_ = [
        ("x", ctypes.c_double),
        ("y", ctypes.c_double),
        ("width", ctypes.c_double),
        ("height", ctypes.c_double),
    ]


def _mac_libraries() -> tuple[ctypes.CDLL, ctypes.CDLL]:
    if sys.platform != "darwin":
        raise OSError("CoreGraphics exists only on macOS")
    cg = ctypes.CDLL(_CORE_GRAPHICS)
    cf = ctypes.CDLL(_CORE_FOUNDATION)
    cg.CGWindowListCopyWindowInfo.restype = ctypes.c_void_p
    cg.CGWindowListCopyWindowInfo.argtypes = [ctypes.c_uint32, ctypes.c_uint32]
    cg.CGRectMakeWithDictionaryRepresentation.restype = ctypes.c_bool
    cg.CGRectMakeWithDictionaryRepresentation.argtypes = [ctypes.c_void_p, ctypes.POINTER(_CGRect)]
    cg.CGGetActiveDisplayList.restype = ctypes.c_int32
    cg.CGGetActiveDisplayList.argtypes = [
        ctypes.c_uint32,
        ctypes.POINTER(ctypes.c_uint32),
        ctypes.POINTER(ctypes.c_uint32),
    ]
    cg.CGDisplayBounds.restype = _CGRect
    cg.CGDisplayBounds.argtypes = [ctypes.c_uint32]
    cf.CFArrayGetCount.restype = ctypes.c_long
    cf.CFArrayGetCount.argtypes = [ctypes.c_void_p]
    cf.CFArrayGetValueAtIndex.restype = ctypes.c_void_p
    cf.CFArrayGetValueAtIndex.argtypes = [ctypes.c_void_p, ctypes.c_long]
    cf.CFDictionaryGetValue.restype = ctypes.c_void_p
    cf.CFDictionaryGetValue.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    cf.CFNumberGetValue.restype = ctypes.c_bool
    cf.CFNumberGetValue.argtypes = [ctypes.c_void_p, ctypes.c_long, ctypes.c_void_p]
    cf.CFRelease.restype = None
    cf.CFRelease.argtypes = [ctypes.c_void_p]
    return cg, cf


def mac_on_screen_windows() -> list[MacWindow]:
    """On-screen windows (desktop elements excluded) from ``CGWindowListCopyWindowInfo``."""
    cg, cf = _mac_libraries()

    def key(name: str) -> int | None:
        return ctypes.c_void_p.in_dll(cg, name).value

    bounds_key, layer_key = key("kCGWindowBounds"), key("kCGWindowLayer")
    pid_key, alpha_key = key("kCGWindowOwnerPID"), key("kCGWindowAlpha")

    def number(dictionary: int, name: int | None, as_double: bool) -> float | None:
        ref = cf.CFDictionaryGetValue(dictionary, name)
        if not ref:
            return None
        if as_double:
            double = ctypes.c_double()
            ok = cf.CFNumberGetValue(ref, _CF_NUMBER_DOUBLE, ctypes.byref(double))
            return double.value if ok else None
        integer = ctypes.c_int64()
        ok = cf.CFNumberGetValue(ref, _CF_NUMBER_SINT64, ctypes.byref(integer))
        return float(integer.value) if ok else None

    array = cg.CGWindowListCopyWindowInfo(_ON_SCREEN_ONLY | _EXCLUDE_DESKTOP_ELEMENTS, 0)
    if not array:
        raise OSError("CGWindowListCopyWindowInfo returned nothing")
    windows = []
    try:
        for index in range(cf.CFArrayGetCount(array)):
            info = cf.CFArrayGetValueAtIndex(array, index)
            rect = _CGRect()
            bounds = cf.CFDictionaryGetValue(info, bounds_key)
            if not bounds or not cg.CGRectMakeWithDictionaryRepresentation(
                bounds, ctypes.byref(rect)
            ):
                continue
            layer = number(info, layer_key, as_double=False)
            pid = number(info, pid_key, as_double=False)
            alpha = number(info, alpha_key, as_double=True)
            windows.append(
                MacWindow(
                    Rect(rect.x, rect.y, rect.width, rect.height),
                    int(layer) if layer is not None else -1,
                    int(pid) if pid is not None else -1,
                    alpha if alpha is not None else 1.0,
                )
            )
    finally:
        cf.CFRelease(array)
    return windows


def mac_displays() -> list[Rect]:
    """The active displays' bounds (``CGGetActiveDisplayList`` + ``CGDisplayBounds``)."""
    cg, _ = _mac_libraries()
    ids = (ctypes.c_uint32 * _MAX_DISPLAYS)()
    count = ctypes.c_uint32()
    error = cg.CGGetActiveDisplayList(_MAX_DISPLAYS, ids, ctypes.byref(count))
    if error != 0:
        raise OSError(f"CGGetActiveDisplayList failed with CGError {error}")
    rects = (cg.CGDisplayBounds(ids[i]) for i in range(count.value))
    return [Rect(r.x, r.y, r.width, r.height) for r in rects]


class MacFullscreenSource(PollingSource):
    """Active while a visible normal-layer window of another app covers a whole display
    (:func:`mac_window_covers_a_display`). ``list_windows``/``list_displays`` replace the OS
    calls (tests)."""

    name = "fullscreen"
    backend = "macos"

    def __init__(
        self,
        list_windows: Callable[[], Sequence[MacWindow]] = mac_on_screen_windows,
        list_displays: Callable[[], Sequence[Rect]] = mac_displays,
        own_pid: int | None = None,
        interval_ms: int = POLL_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        pid = os.getpid() if own_pid is None else own_pid
        super().__init__(
            lambda: mac_window_covers_a_display(list_windows(), list_displays(), pid),
            interval_ms,
            parent,
        )
