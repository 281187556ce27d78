"""Is the focused X11 window fullscreen? Event-driven, through one libX11 connection (ctypes).

With an EWMH window manager (every mainstream X11 desktop) the answer is: the window named by
the root window's ``_NET_ACTIVE_WINDOW`` lists ``_NET_WM_STATE_FULLSCREEN`` in its
``_NET_WM_STATE``. The source selects ``PropertyChangeMask`` on the root window and on the
active window and re-evaluates on ``PropertyNotify`` of ``_NET_ACTIVE_WINDOW`` (root) and of
``_NET_WM_STATE`` (active window). The connection's file descriptor is watched by a
``QSocketNotifier``, so nothing runs until the X server sends an event: no polling wakeups.

Without an EWMH window manager (no ``_NET_ACTIVE_WINDOW`` property on the root window at all,
as on a bare Xvfb) there is no "focused window" to ask about. Then a *mapped top-level window
(a child of the root) whose outer rectangle (border included) covers the whole root window and
whose ``_NET_WM_STATE`` lists ``_NET_WM_STATE_FULLSCREEN``* counts as fullscreen. This mode also
selects ``SubstructureNotifyMask`` on the root window (windows appearing, moving, resizing,
disappearing) and ``PropertyChangeMask`` on every top-level window. A ``_NET_ACTIVE_WINDOW``
present but set to None (no window focused) means "not fullscreen", not this fallback. The
source switches between the two modes as the root property appears or disappears.

While the source is not watched it deselects every event (no wakeups even when the user
switches windows) and keeps its last known state; ``set_watching(True)`` re-reads the state
synchronously (a few round trips) before returning.

Xlib calls ``exit()`` on a protocol error (a window vanishing between two requests) and on a
broken connection unless handlers say otherwise. The source installs, once per process, an
error handler that ignores errors on its own connections and passes all others to the handler
it replaced, and (with libX11 1.7 or newer, which has ``XSetIOErrorExitHandler``) an I/O error
handler and a per-connection exit handler that turn a lost X server into "source not working"
instead of an exit. Before reading events the source also peeks at the socket and treats end
of file as a lost server without handing the dead connection to Xlib at all.
"""

from __future__ import annotations

import ctypes
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

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

from backbreak.platform.interruptions.base import InterruptionSource

__all__ = ["MODE_EWMH", "MODE_NO_WINDOW_MANAGER", "X11FullscreenSource", "load_xlib"]

MODE_EWMH = "ewmh"
"""The root window has ``_NET_ACTIVE_WINDOW``: ask the active window."""
MODE_NO_WINDOW_MANAGER = "no-window-manager"
"""The root window has no ``_NET_ACTIVE_WINDOW``: look for a screen-covering fullscreen window."""

# Protocol constants (X.h).
_ANY_PROPERTY_TYPE = 0
_PROPERTY_CHANGE_MASK = 1 << 22
_SUBSTRUCTURE_NOTIFY_MASK = 1 << 19
_PROPERTY_NOTIFY = 28
# CreateNotify, DestroyNotify, UnmapNotify, MapNotify, ReparentNotify, ConfigureNotify.
_TOPLEVEL_EVENTS = frozenset({16, 17, 18, 19, 21, 22})
_IS_VIEWABLE = 2
_MAX_PROPERTY_LONGS = 1024
# An event storm (a window resized continuously) re-evaluates at most this often per wakeup.
_MAX_ROUNDS = 8


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


class _XEvent(Union):
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


class _XWindowAttributes(Structure):
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
_guard: _XlibGuard | None = None


def load_xlib() -> ctypes.CDLL:
    """libX11 with the prototypes this module uses (loaded once); OSError if it is missing."""
    global _xlib
    if _xlib is not None:
        return _xlib
    try:
        lib = ctypes.CDLL("libX11.so.6")
    except OSError:
        from ctypes.util import find_library  # runs ldconfig: only when the usual name fails

        found = find_library("X11")
        if not found:
            raise
        lib = ctypes.CDLL(found)
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
        "XGetWindowAttributes": (c_int, [c_void_p, c_ulong, POINTER(_XWindowAttributes)]),
        "XFree": (c_int, [c_void_p]),
        "XFlush": (c_int, [c_void_p]),
        "XPending": (c_int, [c_void_p]),
        "XNextEvent": (c_int, [c_void_p, POINTER(_XEvent)]),
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


class _XlibGuard:
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


def _xlib_guard(lib: ctypes.CDLL) -> _XlibGuard:
    global _guard
    if _guard is None:
        _guard = _XlibGuard(lib)
    return _guard


class _Display:
    """One X connection with the few requests the source needs."""

    def __init__(self, name: str | None) -> None:
        self.lib = lib = load_xlib()
        self.guard = _xlib_guard(lib)
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

    def attributes(self, window: int) -> _XWindowAttributes | None:
        attrs = _XWindowAttributes()
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

    def pending_events(self) -> list[_XEvent]:
        """Every event that has arrived (flushes requests first); empties Xlib's queue."""
        events = []
        while not self.broken and self.lib.XPending(self.dpy) > 0:
            event = _XEvent()
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


class X11FullscreenSource(InterruptionSource):
    """Active while the focused X11 window is fullscreen (see the module docstring)."""

    name = "fullscreen"
    backend = "x11"

    def __init__(self, display: str | None = None, parent: QObject | None = None) -> None:
        """``display``: an X display name such as ``":0"``; None means ``$DISPLAY``."""
        super().__init__(parent)
        self._display_name = display
        self._x: _Display | None = None
        self._notifier: QSocketNotifier | None = None
        self._mode = ""
        self._root_mask = 0
        self._selected: set[int] = set()
        self._atoms: dict[str, int] = {}

    @property
    def mode(self) -> str:
        """:data:`MODE_EWMH`, :data:`MODE_NO_WINDOW_MANAGER`, or "" when not connected."""
        return self._mode

    # ------------------------------------------------------------------ life cycle

    def _start(self) -> None:
        try:
            x = _Display(self._display_name)
        except OSError as exc:
            self._fail(str(exc))
            return
        self._x = x
        self._atoms = {
            name: x.atom(name)
            for name in ("_NET_ACTIVE_WINDOW", "_NET_WM_STATE", "_NET_WM_STATE_FULLSCREEN")
        }
        self._notifier = QSocketNotifier(x.fd, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_readable)
        self._update()

    def _stop(self) -> None:
        self._disconnect()

    def _watching_changed(self, watching: bool) -> None:
        if self._x is not None:
            self._update()

    def _disconnect(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._x is not None:
            self._x.close()
            self._x = None
        self._mode = ""
        self._root_mask = 0
        self._selected = set()

    def _lost(self, why: str) -> None:
        name = self._x.name if self._x else self._display_name
        self._disconnect()
        self._fail(f"lost the connection to X display {name}: {why}")

    # ------------------------------------------------------------------ events

    def _on_readable(self) -> None:
        x = self._x
        if x is None:
            return
        if x.peer_closed():
            self._lost("the X server closed it")
            return
        if self._relevant(x.pending_events()):
            self._update()
        elif x.broken:
            self._lost("I/O error")

    def _update(self) -> None:
        """Re-read the state and the event selections, then take whatever arrived meanwhile
        (round trips read events into Xlib's queue, where the socket notifier cannot see them).
        :attr:`changed` goes out last, when this connection is no longer being used: a handler
        may stop the source.
        """
        x = self._x
        assert x is not None
        for _ in range(_MAX_ROUNDS):
            fullscreen = self._evaluate(x)
            if x.broken:
                self._lost("I/O error")
                return
            if not self._relevant(x.pending_events()):
                break
        else:
            # Still changing after several rounds (a window being resized, say): let the event
            # loop breathe, then carry on from where this left off.
            QTimer.singleShot(0, self, self._update_if_connected)
        if x.broken:
            self._lost("I/O error")
            return
        self._set_active(fullscreen)

    def _update_if_connected(self) -> None:
        if self._x is not None:
            self._update()

    def _relevant(self, events: list[_XEvent]) -> bool:
        if not self._watching or self._x is None:
            return False
        root = self._x.root
        for event in events:
            if event.type == _PROPERTY_NOTIFY:
                prop = event.xproperty
                if prop.window == root and prop.atom == self._atoms["_NET_ACTIVE_WINDOW"]:
                    return True
                if prop.window in self._selected and prop.atom == self._atoms["_NET_WM_STATE"]:
                    return True
            elif event.type in _TOPLEVEL_EVENTS and self._mode == MODE_NO_WINDOW_MANAGER:
                return True
        return False

    # ------------------------------------------------------------------ evaluation

    def _evaluate(self, x: _Display) -> bool:
        """Whether the focused window is fullscreen; updates the mode and the selections."""
        watch = self._watching
        # Select before reading, so a change between the two is never missed.
        self._select_root(x, self._root_mask | _PROPERTY_CHANGE_MASK if watch else 0)
        active = x.property_longs(x.root, self._atoms["_NET_ACTIVE_WINDOW"])
        if active is not None:
            self._mode = MODE_EWMH
            self._select_root(x, _PROPERTY_CHANGE_MASK if watch else 0)
            window = active[0] if active else 0
            self._select_windows(x, {window} if window and watch else set())
            fullscreen = bool(window) and self._has_fullscreen_state(x, window)
        else:
            self._mode = MODE_NO_WINDOW_MANAGER
            self._select_root(x, _PROPERTY_CHANGE_MASK | _SUBSTRUCTURE_NOTIFY_MASK if watch else 0)
            children = x.children(x.root)
            self._select_windows(x, set(children) if watch else set())
            fullscreen = self._any_screen_covering_fullscreen(x, children)
        x.flush()
        return fullscreen

    def _select_root(self, x: _Display, mask: int) -> None:
        if mask != self._root_mask:
            x.select(x.root, mask)
            self._root_mask = mask

    def _select_windows(self, x: _Display, wanted: set[int]) -> None:
        for window in self._selected - wanted:
            x.select(window, 0)  # BadWindow if it is gone: ignored
        for window in wanted - self._selected:
            x.select(window, _PROPERTY_CHANGE_MASK)
        self._selected = wanted

    def _has_fullscreen_state(self, x: _Display, window: int) -> bool:
        states = x.property_longs(window, self._atoms["_NET_WM_STATE"]) or []
        return self._atoms["_NET_WM_STATE_FULLSCREEN"] in states

    def _any_screen_covering_fullscreen(self, x: _Display, children: list[int]) -> bool:
        screen = x.attributes(x.root)
        if screen is None:
            return False
        for window in children:
            attrs = x.attributes(window)
            if attrs is None or attrs.map_state != _IS_VIEWABLE:
                continue
            border = 2 * attrs.border_width  # the outer rectangle, border included
            covers = (
                attrs.x <= 0
                and attrs.y <= 0
                and attrs.x + attrs.width + border >= screen.width
                and attrs.y + attrs.height + border >= screen.height
            )
            if covers and self._has_fullscreen_state(x, window):
                return True
        return False
