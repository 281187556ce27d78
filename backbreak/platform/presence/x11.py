"""Idle time from the X server's MIT-SCREEN-SAVER extension, read through libXss with ctypes.

One display connection stays open from :meth:`X11IdleSource.open` to :meth:`close`; a reading
is one XScreenSaverQueryInfo round trip on it (no subprocess, no events selected, so the server
never writes to the connection unasked). The connection is a
:class:`backbreak.platform.xlib.Display`, under the process's Xlib error guard: an X error on
it, or the X server going away, makes a reading None (and the source closed) instead of Xlib
exiting the process. The idle time is what the X server saw: under XWayland it only covers input
to X clients, which is why the selection never uses it on Wayland.
"""

from __future__ import annotations

import ctypes
import functools
import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject

from backbreak.platform.presence.base import PresenceUnavailable
from backbreak.platform.presence.polling import Backoff, PollingPresence
from backbreak.platform.xlib import Display, load_library

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


@functools.cache
def _load_xss() -> ctypes.CDLL:
    """libXss with the prototypes used here (loaded once); OSError if it is missing."""
    xss = load_library("libXss.so.1", "Xss")
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
    return xss


class X11IdleSource:
    """Milliseconds since the last input on one X display (``None``: the ``DISPLAY`` one)."""

    def __init__(self, display: str | None = None) -> None:
        self.display = display
        self._x: Display | None = None
        self._xss: ctypes.CDLL | None = None
        self._info: ctypes._Pointer[_XScreenSaverInfo] | None = None

    @property
    def is_open(self) -> bool:
        return self._x is not None

    @property
    def connection(self) -> Display | None:
        """The open display connection (None while closed)."""
        return self._x

    def open(self) -> None:
        if self._x is not None:
            return
        try:
            xss = _load_xss()
            x = Display(self.display)
        except OSError as exc:
            raise PresenceUnavailable(str(exc)) from exc
        event_base, error_base = ctypes.c_int(), ctypes.c_int()
        if not xss.XScreenSaverQueryExtension(
            x.dpy, ctypes.byref(event_base), ctypes.byref(error_base)
        ):
            x.close()
            raise PresenceUnavailable(f"X display {x.name} lacks the MIT-SCREEN-SAVER extension")
        info = xss.XScreenSaverAllocInfo()
        if not info:
            x.close()
            raise PresenceUnavailable("XScreenSaverAllocInfo failed")
        self._x, self._xss, self._info = x, xss, info

    def read_idle(self) -> float | None:
        x, xss, info = self._x, self._xss, self._info
        if x is None or xss is None or info is None:
            return None
        if x.broken or x.peer_closed():
            _log.warning("lost the connection to X display %s", x.name)
            self.close()
            return None
        if not xss.XScreenSaverQueryInfo(x.dpy, x.root, info) or x.broken:
            return None
        return float(info.contents.idle) / 1000.0

    def close(self) -> None:
        x, self._x = self._x, None
        info, self._info = self._info, None
        if x is not None:
            if info is not None:
                x.lib.XFree(info)
            x.close()


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
