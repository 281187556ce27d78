"""libX11 through ctypes, shared by every X11 backend: one loader, one error guard, displays.

Xlib calls ``exit()`` on a protocol error (a window vanishing between two requests) and on a
broken connection unless handlers say otherwise. :func:`xlib_guard` installs, once per process,
an error handler that ignores errors on our own connections and passes all others to the
handler it replaced, and (with libX11 1.7 or newer, which has ``XSetIOErrorExitHandler``) an
I/O error handler and a per-connection exit handler that turn a lost X server into a
:attr:`Display.broken` connection instead of an exit. Every connection a backend opens goes
through :class:`Display`, so it is under that guard from its first request to its close.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import socket
from ctypes import (
    CFUNCTYPE,
    POINTER,
    Structure,
    Union,
    byref,
    c_char_p,
    c_int,
    c_long,
    c_ubyte,
    c_uint,
    c_ulong,
    c_void_p,
)
from typing import Any

__all__ = [
    "Display",
    "XEvent",
    "XWindowAttributes",
    "XlibGuard",
    "load_library",
    "load_xlib",
    "xlib_guard",
]

_ANY_PROPERTY_TYPE = 0
_MAX_PROPERTY_LONGS = 1024


def load_library(soname: str, short: str) -> ctypes.CDLL:
    """``soname`` (``"libXss.so.1"``), else what ``find_library(short)`` finds; OSError if
    neither loads. ``find_library`` runs ldconfig: it is only asked when the usual name fails."""
    try:
        return ctypes.CDLL(soname)
    except OSError as first:
        found = ctypes.util.find_library(short)
        if not found:
            raise OSError(f"cannot load {soname} ({first})") from first
        return ctypes.CDLL(found)


class _XAnyEvent(Structure):
    _fields_ = [
        ("type", c_int),
        ("serial", c_ulong),
        ("send_event", c_int),
        ("display", c_void_p),
        ("window", c_ulong),
    ]


class _XPropertyEvent(Structure):
    _fields_ = [
        ("type", c_int),
        ("serial", c_ulong),
        ("send_event", c_int),
        ("display", c_void_p),
        ("window", c_ulong),
        ("atom", c_ulong),
        ("time", c_ulong),
        ("state", c_int),
    ]


class XEvent(Union):
    _fields_ = [
        ("type", c_int),
        ("xany", _XAnyEvent),
        ("xproperty", _XPropertyEvent),
        ("pad", c_long * 24),
    ]


class _XErrorEvent(Structure):
    _fields_ = [
        ("type", c_int),
        ("display", c_void_p),
        ("resourceid", c_ulong),
        ("serial", c_ulong),
        ("error_code", c_ubyte),
        ("request_code", c_ubyte),
        ("minor_code", c_ubyte),
    ]


class XWindowAttributes(Structure):
    _fields_ = [
        ("x", c_int),
        ("y", c_int),
        ("width", c_int),
        ("height", c_int),
        ("border_width", c_int),
        ("depth", c_int),
        ("visual", c_void_p),
        ("root", c_ulong),
        ("class_", c_int),
        ("bit_gravity", c_int),
        ("win_gravity", c_int),
        ("backing_store", c_int),
        ("backing_planes", c_ulong),
        ("backing_pixel", c_ulong),
        ("save_under", c_int),
        ("colormap", c_ulong),
        ("map_installed", c_int),
        ("map_state", c_int),
        ("all_event_masks", c_long),
        ("your_event_mask", c_long),
        ("do_not_propagate_mask", c_long),
        ("override_redirect", c_int),
        ("screen", c_void_p),
    ]


_ErrorHandler = CFUNCTYPE(c_int, c_void_p, POINTER(_XErrorEvent))
_IOErrorHandler = CFUNCTYPE(c_int, c_void_p)
_IOErrorExitHandler = CFUNCTYPE(None, c_void_p, c_void_p)

_xlib: ctypes.CDLL | None = None
_guard: XlibGuard | None = None


def load_xlib() -> ctypes.CDLL:
    """libX11 with the prototypes the backends use (loaded once); OSError if it is missing."""
    global _xlib
    if _xlib is not None:
        return _xlib
    lib = load_library("libX11.so.6", "X11")
    signatures: dict[str, tuple[Any, list[Any]]] = {
        "XOpenDisplay": (c_void_p, [c_char_p]),
        "XCloseDisplay": (c_int, [c_void_p]),
        "XConnectionNumber": (c_int, [c_void_p]),
        "XDefaultRootWindow": (c_ulong, [c_void_p]),
        "XInternAtom": (c_ulong, [c_void_p, c_char_p, c_int]),
        "XSelectInput": (c_int, [c_void_p, c_ulong, c_long]),
        "XGetWindowProperty": (
            c_int,
            [
                c_void_p,
                c_ulong,
                c_ulong,
                c_long,
                c_long,
                c_int,
                c_ulong,
                POINTER(c_ulong),
                POINTER(c_int),
                POINTER(c_ulong),
                POINTER(c_ulong),
                POINTER(POINTER(c_ubyte)),
            ],
        ),
        "XQueryTree": (
            c_int,
            [
                c_void_p,
                c_ulong,
                POINTER(c_ulong),
                POINTER(c_ulong),
                POINTER(POINTER(c_ulong)),
                POINTER(c_uint),
            ],
        ),
        "XGetWindowAttributes": (c_int, [c_void_p, c_ulong, POINTER(XWindowAttributes)]),
        "XFree": (c_int, [c_void_p]),
        "XFlush": (c_int, [c_void_p]),
        "XPending": (c_int, [c_void_p]),
        "XNextEvent": (c_int, [c_void_p, POINTER(XEvent)]),
        "XSetErrorHandler": (c_void_p, [_ErrorHandler]),
        "XSetIOErrorHandler": (c_void_p, [_IOErrorHandler]),
    }
    for name, (restype, argtypes) in signatures.items():
        func = getattr(lib, name)
        func.restype = restype
        func.argtypes = argtypes
    if hasattr(lib, "XSetIOErrorExitHandler"):  # libX11 >= 1.7
        lib.XSetIOErrorExitHandler.restype = None
        lib.XSetIOErrorExitHandler.argtypes = [c_void_p, _IOErrorExitHandler, c_void_p]
    _xlib = lib
    return lib


class XlibGuard:
    """The process-wide Xlib error handlers (installed once, never removed).

    Errors on our own connections are ignored (a window vanished: the next event re-evaluates);
    errors on anybody else's go to the handler that was installed before.
    """

    def __init__(self, lib: ctypes.CDLL) -> None:
        self.ours: set[int] = set()
        self.broken: set[int] = set()
        self._error_cb = _ErrorHandler(self._on_error)
        self._io_error_cb = _IOErrorHandler(self._on_io_error)
        self.exit_cb = _IOErrorExitHandler(self._on_io_exit)
        previous = lib.XSetErrorHandler(self._error_cb)
        self._previous_error = _ErrorHandler(previous) if previous else None
        self.survives_io_errors = hasattr(lib, "XSetIOErrorExitHandler")
        self._previous_io_error = None
        if self.survives_io_errors:
            # Without the exit hook, Xlib exits after any I/O handler returns: leave it alone.
            previous_io = lib.XSetIOErrorHandler(self._io_error_cb)
            self._previous_io_error = _IOErrorHandler(previous_io) if previous_io else None

    def _on_error(self, display: int | None, event: Any) -> int:
        if display in self.ours or self._previous_error is None:
            return 0
        return int(self._previous_error(display, event))

    def _on_io_error(self, display: int | None) -> int:
        if display in self.ours:
            self.broken.add(display)
            return 0
        if self._previous_io_error is None:
            return 0
        return int(self._previous_io_error(display))

    def _on_io_exit(self, display: int | None, _data: int | None) -> None:
        if display is not None:
            self.broken.add(display)


def xlib_guard(lib: ctypes.CDLL) -> XlibGuard:
    """The process's guard, installed on first use."""
    global _guard
    if _guard is None:
        _guard = XlibGuard(lib)
    return _guard


class Display:
    """One X connection under the process's error guard, with the few requests backends need.

    ``name`` is an X display name such as ``":0"``; None means ``$DISPLAY``. OSError when
    libX11 is missing or the display cannot be opened.
    """

    def __init__(self, name: str | None) -> None:
        self.lib = lib = load_xlib()
        self.guard = xlib_guard(lib)
        self.name = name or "$DISPLAY"
        dpy = lib.XOpenDisplay(name.encode() if name else None)
        if not dpy:
            raise OSError(f"cannot open X display {self.name}")
        self.dpy: int = dpy
        self.guard.ours.add(dpy)
        if self.guard.survives_io_errors:
            lib.XSetIOErrorExitHandler(dpy, self.guard.exit_cb, None)
        self.root = int(lib.XDefaultRootWindow(dpy))
        self.fd = int(lib.XConnectionNumber(dpy))

    @property
    def broken(self) -> bool:
        return self.dpy in self.guard.broken

    def atom(self, name: str) -> int:
        return int(self.lib.XInternAtom(self.dpy, name.encode(), 0))

    def select(self, window: int, mask: int) -> None:
        self.lib.XSelectInput(self.dpy, window, mask)

    def flush(self) -> None:
        self.lib.XFlush(self.dpy)

    def property_longs(self, window: int, atom: int) -> list[int] | None:
        """A format-32 property's items; None if the window has no such property (or is gone)."""
        actual_type, actual_format = c_ulong(), c_int()
        nitems, bytes_after = c_ulong(), c_ulong()
        data = POINTER(c_ubyte)()
        status = self.lib.XGetWindowProperty(
            self.dpy, window, atom, 0, _MAX_PROPERTY_LONGS, 0, _ANY_PROPERTY_TYPE,
            byref(actual_type), byref(actual_format), byref(nitems), byref(bytes_after),
            byref(data),
        )  # fmt: skip
        try:
            if status != 0 or self.broken or actual_type.value == 0:
                return None
            if actual_format.value != 32 or not data:
                return []
            longs = ctypes.cast(data, POINTER(c_ulong))
            return [int(longs[i]) for i in range(nitems.value)]
        finally:
            if data:
                self.lib.XFree(data)

    def children(self, window: int) -> list[int]:
        root, parent = c_ulong(), c_ulong()
        kids, count = POINTER(c_ulong)(), c_uint()
        ok = self.lib.XQueryTree(
            self.dpy, window, byref(root), byref(parent), byref(kids), byref(count)
        )
        try:
            if not ok or self.broken or not kids:
                return []
            return [int(kids[i]) for i in range(count.value)]
        finally:
            if kids:
                self.lib.XFree(kids)

    def attributes(self, window: int) -> XWindowAttributes | None:
        attrs = XWindowAttributes()
        ok = self.lib.XGetWindowAttributes(self.dpy, window, byref(attrs))
        return attrs if ok and not self.broken else None

    def peer_closed(self) -> bool:
        """Whether the X server has hung up (end of file on the socket), without reading."""
        try:
            sock = socket.socket(fileno=self.fd)
        except OSError:
            return True
        try:
            return sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
        except (BlockingIOError, InterruptedError):
            return False
        except OSError:
            return True
        finally:
            sock.detach()

    def pending_events(self) -> list[XEvent]:
        """Every event that has arrived (flushes requests first); empties Xlib's queue."""
        events = []
        while not self.broken and self.lib.XPending(self.dpy) > 0:
            event = XEvent()
            self.lib.XNextEvent(self.dpy, byref(event))
            events.append(event)
        return events

    def close(self) -> None:
        # After an I/O error only a libX11 that survives it may be called again; otherwise the
        # Display is leaked rather than risk Xlib's exit().
        if not self.broken or self.guard.survives_io_errors:
            self.lib.XCloseDisplay(self.dpy)
        self.guard.ours.discard(self.dpy)
        self.guard.broken.discard(self.dpy)
