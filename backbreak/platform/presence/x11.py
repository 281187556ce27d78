"""Idle time from the X server's MIT-SCREEN-SAVER extension, read through libXss with ctypes.

One display connection stays open from :meth:`X11IdleSource.open` to :meth:`close`; a reading
is one XScreenSaverQueryInfo round trip on it (no subprocess, no events selected, so the server
never writes to the connection unasked). The idle time is what the X server saw: under XWayland
it only covers input to X clients, which is why the selection never uses it on Wayland.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject

from backbreak.platform.presence.base import PresenceUnavailable
from backbreak.platform.presence.polling import Backoff, PollingPresence

__all__ = ["X11IdleSource", "X11Presence"]

_log = logging.getLogger(__name__)


class _XScreenSaverInfo(ctypes.Structure):
    _fields_ = [
        ("window", ctypes.c_ulong),
        ("state", ctypes.c_int),
        ("kind", ctypes.c_int),
        ("til_or_since", ctypes.c_ulong),
        ("idle", ctypes.c_ulong),  # milliseconds since the last input
        ("eventMask", ctypes.c_ulong),
    ]


def _load(soname: str, short: str) -> ctypes.CDLL:
    errors = []
    for name in (soname, ctypes.util.find_library(short)):
        if name:
            try:
                return ctypes.CDLL(name)
            except OSError as exc:
                errors.append(str(exc))
    raise PresenceUnavailable(f"cannot load {soname} ({'; '.join(errors) or 'not found'})")


class X11IdleSource:
    """Milliseconds since the last input on one X display (``None``: the ``DISPLAY`` one)."""

    def __init__(self, display: str | None = None) -> None:
        self.display = display
        self._x11: ctypes.CDLL | None = None
        self._xss: ctypes.CDLL | None = None
        self._dpy: int | None = None
        self._root = 0
        self._info: ctypes._Pointer[_XScreenSaverInfo] | None = None

    @property
    def is_open(self) -> bool:
        return self._dpy is not None

    def open(self) -> None:
        if self._dpy is not None:
            return
        x11 = _load("libX11.so.6", "X11")
        xss = _load("libXss.so.1", "Xss")
        x11.XOpenDisplay.restype = ctypes.c_void_p
        x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        x11.XDefaultRootWindow.restype = ctypes.c_ulong
        x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x11.XFree.argtypes = [ctypes.c_void_p]
        xss.XScreenSaverQueryExtension.restype = ctypes.c_int
        xss.XScreenSaverQueryExtension.argtypes = [
            ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_int),
            ctypes.POINTER(ctypes.c_int),
        ]
        xss.XScreenSaverAllocInfo.restype = ctypes.POINTER(_XScreenSaverInfo)
        xss.XScreenSaverAllocInfo.argtypes = []
        xss.XScreenSaverQueryInfo.restype = ctypes.c_int
        xss.XScreenSaverQueryInfo.argtypes = [
            ctypes.c_void_p,
            ctypes.c_ulong,
            ctypes.POINTER(_XScreenSaverInfo),
        ]
        shown = self.display or "$DISPLAY"
        dpy = x11.XOpenDisplay(self.display.encode() if self.display else None)
        if not dpy:
            raise PresenceUnavailable(f"cannot open X display {shown}")
        event_base, error_base = ctypes.c_int(), ctypes.c_int()
        if not xss.XScreenSaverQueryExtension(
            dpy, ctypes.byref(event_base), ctypes.byref(error_base)
        ):
            x11.XCloseDisplay(dpy)
            raise PresenceUnavailable(f"X display {shown} lacks the MIT-SCREEN-SAVER extension")
        info = xss.XScreenSaverAllocInfo()
        if not info:
            x11.XCloseDisplay(dpy)
            raise PresenceUnavailable("XScreenSaverAllocInfo failed")
        self._x11, self._xss, self._dpy, self._info = x11, xss, dpy, info
        self._root = int(x11.XDefaultRootWindow(dpy))

    def read_idle(self) -> float | None:
        if self._dpy is None or self._xss is None or self._info is None:
            return None
        if not self._xss.XScreenSaverQueryInfo(self._dpy, self._root, self._info):
            return None
        return float(self._info.contents.idle) / 1000.0

    def close(self) -> None:
        if self._x11 is not None and self._dpy is not None:
            if self._info is not None:
                self._x11.XFree(self._info)
            self._x11.XCloseDisplay(self._dpy)
        self._dpy = None
        self._info = None


class X11Presence(PollingPresence):
    """Idle detection on X11, polled with one single-shot timer (see :class:`PollingPresence`).

    ``display`` names the X display (``":1"``); by default the one in ``$DISPLAY``. It must be
    named when the Qt application itself does not run on that display (tests, offscreen).
    """

    name = "x11-screensaver"

    def __init__(
        self,
        display: str | None = None,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        backoff: Backoff | None = None,
        parent: QObject | None = None,
    ) -> None:
        self.source = X11IdleSource(display)
        super().__init__(self.source, monotonic=monotonic, backoff=backoff, parent=parent)
