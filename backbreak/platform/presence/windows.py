"""Windows: ``GetLastInputInfo`` and ``GetTickCount64`` (user32/kernel32) through ctypes.

``LASTINPUTINFO.dwTime`` is the tick count (milliseconds, 32 bits: it wraps after 49.7 days)
of the last input in this session; the idle time is the 32-bit difference to the current tick
count. The OS calls sit behind :class:`Win32Api`, built from two library objects, so that the
logic runs (and is tested) on any system against fakes; only :func:`win32_api` touches
``ctypes.windll``. Lock and sleep are not reported here (they would need a window receiving
``WM_WTSSESSION_CHANGE`` / ``WM_POWERBROADCAST``); the controller's clock check covers sleep.
"""

from __future__ import annotations

import ctypes
import sys
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from backbreak.platform.presence.base import PresenceUnavailable
from backbreak.platform.presence.polling import Backoff, PollingPresence

__all__ = ["LASTINPUTINFO", "Win32Api", "WindowsIdleSource", "WindowsPresence", "win32_api"]

_TICK_MASK = 0xFFFFFFFF


class LASTINPUTINFO(ctypes.Structure):
    _fields_ = [("cbSize", ctypes.c_uint), ("dwTime", ctypes.c_uint32)]


class Win32Api:
    """The two calls, on ``user32``/``kernel32`` objects (the real DLLs or fakes)."""

    def __init__(self, user32: Any, kernel32: Any) -> None:
        self._user32 = user32
        self._kernel32 = kernel32

    def idle_ms(self) -> int | None:
        info = LASTINPUTINFO()
        info.cbSize = ctypes.sizeof(LASTINPUTINFO)
        if not self._user32.GetLastInputInfo(ctypes.pointer(info)):
            return None
        now = int(self._kernel32.GetTickCount64()) & _TICK_MASK
        return (now - int(info.dwTime)) & _TICK_MASK


def win32_api() -> Win32Api:
    """The real calls; PresenceUnavailable anywhere but Windows."""
    if sys.platform != "win32":
        raise PresenceUnavailable(f"not Windows (platform {sys.platform})")
    user32 = ctypes.WinDLL("user32", use_last_error=True)
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    user32.GetLastInputInfo.argtypes = [ctypes.POINTER(LASTINPUTINFO)]
    user32.GetLastInputInfo.restype = ctypes.c_int
    kernel32.GetTickCount64.argtypes = []
    kernel32.GetTickCount64.restype = ctypes.c_uint64
    return Win32Api(user32, kernel32)


class WindowsIdleSource:
    def __init__(self, make_api: Callable[[], Win32Api] = win32_api) -> None:
        self._make_api = make_api
        self._api: Win32Api | None = None

    def open(self) -> None:
        if self._api is None:
            api = self._make_api()
            if api.idle_ms() is None:
                raise PresenceUnavailable("GetLastInputInfo fails")
            self._api = api

    def read_idle(self) -> float | None:
        if self._api is None:
            return None
        ms = self._api.idle_ms()
        return None if ms is None else ms / 1000.0

    def close(self) -> None:
        self._api = None


class WindowsPresence(PollingPresence):
    """Idle detection on Windows, polled (see :class:`PollingPresence`)."""

    name = "windows"

    def __init__(
        self,
        make_api: Callable[[], Win32Api] = win32_api,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        backoff: Backoff | None = None,
        parent: QObject | None = None,
    ) -> None:
        self.source = WindowsIdleSource(make_api)
        super().__init__(self.source, monotonic=monotonic, backoff=backoff, parent=parent)
