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

The connection is a :class:`backbreak.platform.xlib.Display`, under the process's Xlib error
guard: a protocol error on it is ignored (the next event re-evaluates) and a lost X server makes
the source "not working" instead of exiting the process. Before reading events the source also
peeks at the socket and treats end of file as a lost server without handing the dead connection
to Xlib at all.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

from backbreak.platform.interruptions.base import InterruptionSource
from backbreak.platform.xlib import Display, XEvent

__all__ = ["MODE_EWMH", "MODE_NO_WINDOW_MANAGER", "X11FullscreenSource"]

MODE_EWMH = "ewmh"
"""The root window has ``_NET_ACTIVE_WINDOW``: ask the active window."""
MODE_NO_WINDOW_MANAGER = "no-window-manager"
"""The root window has no ``_NET_ACTIVE_WINDOW``: look for a screen-covering fullscreen window."""

# Protocol constants (X.h).
_PROPERTY_CHANGE_MASK = 1 << 22
_SUBSTRUCTURE_NOTIFY_MASK = 1 << 19
_PROPERTY_NOTIFY = 28
# CreateNotify, DestroyNotify, UnmapNotify, MapNotify, ReparentNotify, ConfigureNotify.
_TOPLEVEL_EVENTS = frozenset({16, 17, 18, 19, 21, 22})
_IS_VIEWABLE = 2
# An event storm (a window resized continuously) re-evaluates at most this often per wakeup.
_MAX_ROUNDS = 8


class X11FullscreenSource(InterruptionSource):
    """Active while the focused X11 window is fullscreen (see the module docstring)."""

    name = "fullscreen"
    backend = "x11"

    def __init__(self, display: str | None = None, parent: QObject | None = None) -> None:
        """``display``: an X display name such as ``":0"``; None means ``$DISPLAY``."""
        super().__init__(parent)
        self._display_name = display
        self._x: Display | None = None
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
            x = Display(self._display_name)
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

    def _relevant(self, events: list[XEvent]) -> bool:
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

    def _evaluate(self, x: Display) -> bool:
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

    def _select_root(self, x: Display, mask: int) -> None:
        if mask != self._root_mask:
            x.select(x.root, mask)
            self._root_mask = mask

    def _select_windows(self, x: Display, wanted: set[int]) -> None:
        for window in self._selected - wanted:
            x.select(window, 0)  # BadWindow if it is gone: ignored
        for window in wanted - self._selected:
            x.select(window, _PROPERTY_CHANGE_MASK)
        self._selected = wanted

    def _has_fullscreen_state(self, x: Display, window: int) -> bool:
        states = x.property_longs(window, self._atoms["_NET_WM_STATE"]) or []
        return self._atoms["_NET_WM_STATE_FULLSCREEN"] in states

    def _any_screen_covering_fullscreen(self, x: Display, children: list[int]) -> bool:
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
