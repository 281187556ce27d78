"""A Wayland client connection of backbreak's own for the idle protocols (pywayland, no Qt).

Kept narrow so that the Qt side (``wayland.py``) sees only :class:`IdleConnection`: open,
read the globals with one bounded roundtrip, add idle timeouts, read events when the socket
is readable, flush, close. pywayland is imported only inside :func:`load_problem` and
:class:`PywaylandConnection`, so importing this module never fails.

Protocol callbacks only queue what happened; the caller handles the queue after dispatching
returns, so no Qt signal is emitted from inside libwayland's dispatch (a slot that stopped the
monitor there would free the connection under the dispatcher's feet).
"""

from __future__ import annotations

import errno
import os
import select
import time
from collections.abc import Mapping
from typing import Any, Literal, Protocol

__all__ = [
    "EXT_IDLE_NOTIFY",
    "KDE_IDLE",
    "IdleConnection",
    "IdleEvent",
    "IdleTimeout",
    "PywaylandConnection",
    "WaylandError",
    "load_problem",
    "socket_path",
]

EXT_IDLE_NOTIFY = "ext-idle-notify-v1"
KDE_IDLE = "org_kde_kwin_idle"
#: How long the roundtrip that reads the globals may take before the compositor counts as hung.
ROUNDTRIP_TIMEOUT_S = 2.0

IdleEvent = Literal["idle", "resumed"]


class WaylandError(Exception):
    """The connection failed or was lost; the message says why."""


class IdleTimeout(Protocol):
    """One idle notification (ext) or idle timeout (KDE) held by the compositor."""

    def cancel(self) -> None:
        """Tell the compositor to drop it (needs a flush); nothing more arrives for it."""


class IdleConnection(Protocol):
    """What the presence backend needs from a Wayland connection."""

    protocol: str  # EXT_IDLE_NOTIFY or KDE_IDLE
    display: str  # the name or path it was opened with

    def fileno(self) -> int: ...

    def add_timeout(self, timeout_ms: int) -> IdleTimeout: ...

    def read_events(self) -> list[tuple[IdleTimeout, IdleEvent]]:
        """Read what the socket holds, dispatch it, and return the idle events in order.

        Raises WaylandError when the compositor is gone or the connection broke."""
        ...

    def flush(self) -> None:
        """Send queued requests; WaylandError when the connection broke."""
        ...

    def close(self) -> None: ...


def socket_path(env: Mapping[str, str]) -> str:
    """The compositor's socket from ``WAYLAND_DISPLAY`` (absolute, or in XDG_RUNTIME_DIR).

    Raises WaylandError saying what is missing."""
    name = env.get("WAYLAND_DISPLAY", "")
    if not name:
        raise WaylandError("no WAYLAND_DISPLAY (not a Wayland session)")
    if os.path.isabs(name):
        path = name
    else:
        runtime = env.get("XDG_RUNTIME_DIR", "")
        if not runtime:
            raise WaylandError(f"WAYLAND_DISPLAY={name} but no XDG_RUNTIME_DIR to find it in")
        path = os.path.join(runtime, name)
    if not os.path.exists(path):
        raise WaylandError(f"no Wayland socket at {path}")
    return path


def load_problem() -> str | None:
    """Why pywayland cannot be used here (None: it can)."""
    try:
        import pywayland.client  # noqa: F401

        from backbreak.platform.presence._wlproto import ext_idle_notify_v1, idle  # noqa: F401
    except ModuleNotFoundError as exc:
        return f"the Python package pywayland is not installed ({exc})"
    except (ImportError, OSError) as exc:
        # a pywayland built against the system's libwayland-client, which is missing here
        return f"pywayland cannot load libwayland-client (Debian package libwayland-client0): {exc}"
    return None


class _Timeout:
    """An idle timeout of either protocol; ``cancel`` sends its destructor."""

    def __init__(self, proxy: Any, destructor: str, events: list[tuple[IdleTimeout, IdleEvent]]):
        self._proxy: Any = proxy
        self._destructor = destructor
        self._events = events

    def queue(self, kind: IdleEvent) -> None:
        if self._proxy is not None:
            self._events.append((self, kind))

    def cancel(self) -> None:
        proxy, self._proxy = self._proxy, None
        if proxy is not None and not proxy.destroyed:
            getattr(proxy, self._destructor)()


class PywaylandConnection:
    """An :class:`IdleConnection` through pywayland; opened and read in the constructor."""

    def __init__(self, path: str, timeout_s: float = ROUNDTRIP_TIMEOUT_S) -> None:
        from pywayland.client.display import Display

        self.display = path
        self._display: Any = Display(path)
        try:
            self._display.connect()
        except ValueError as exc:
            raise WaylandError(f"cannot connect to {path}") from exc
        self._fd = int(self._display.get_fd())
        self._events: list[tuple[IdleTimeout, IdleEvent]] = []
        self._globals: dict[str, tuple[int, int]] = {}
        self._seat: Any = None
        self._manager: Any = None
        self.protocol = ""
        try:
            registry = self._display.get_registry()
            registry.dispatcher["global"] = self._on_global
            self._roundtrip(timeout_s)
            self._bind(registry)
        except BaseException:
            self.close()
            raise

    # -- setting up -------------------------------------------------------------------

    def _on_global(self, _registry: Any, name: int, interface: str, version: int) -> None:
        self._globals.setdefault(interface, (name, version))

    def _bind(self, registry: Any) -> None:
        from pywayland.protocol.wayland import WlSeat

        from backbreak.platform.presence._wlproto.ext_idle_notify_v1 import ExtIdleNotifierV1
        from backbreak.platform.presence._wlproto.idle import OrgKdeKwinIdle

        iface: type[Any]
        if "ext_idle_notifier_v1" in self._globals:
            self.protocol, iface, key = EXT_IDLE_NOTIFY, ExtIdleNotifierV1, "ext_idle_notifier_v1"
        elif "org_kde_kwin_idle" in self._globals:
            self.protocol, iface, key = KDE_IDLE, OrgKdeKwinIdle, "org_kde_kwin_idle"
        else:
            raise WaylandError(
                "the compositor offers neither ext_idle_notifier_v1 nor org_kde_kwin_idle"
            )
        if "wl_seat" not in self._globals:
            raise WaylandError(f"the compositor offers {self.protocol} but no wl_seat")
        name, _version = self._globals[key]
        self._manager = registry.bind(name, iface, 1)
        seat_name, _ = self._globals["wl_seat"]
        self._seat = registry.bind(seat_name, WlSeat, 1)
        self.flush()

    def _roundtrip(self, timeout_s: float) -> None:
        """wl_display.sync and wait for its ``done``, at most ``timeout_s`` (never hang)."""
        done: list[bool] = []
        callback = self._display.sync()
        callback.dispatcher["done"] = lambda *_args: done.append(True)
        deadline = time.monotonic() + timeout_s
        while not done:
            self.flush()
            left = deadline - time.monotonic()
            if left <= 0:
                raise WaylandError(
                    f"the compositor at {self.display} did not answer in {timeout_s:g} s"
                )
            readable, _, _ = select.select([self._fd], [], [], left)
            if readable:
                self._read()

    # -- IdleConnection -----------------------------------------------------------------

    def fileno(self) -> int:
        return self._fd

    def add_timeout(self, timeout_ms: int) -> IdleTimeout:
        if self._manager is None:
            raise WaylandError("the connection is closed")
        ms = max(1, min(int(timeout_ms), 0xFFFFFFFF))
        if self.protocol == EXT_IDLE_NOTIFY:
            proxy = self._manager.get_idle_notification(ms, self._seat)
            timeout = _Timeout(proxy, "destroy", self._events)
            proxy.dispatcher["idled"] = lambda *_a: timeout.queue("idle")
        else:
            proxy = self._manager.get_idle_timeout(self._seat, ms)
            timeout = _Timeout(proxy, "release", self._events)
            proxy.dispatcher["idle"] = lambda *_a: timeout.queue("idle")
        proxy.dispatcher["resumed"] = lambda *_a: timeout.queue("resumed")
        return timeout

    def read_events(self) -> list[tuple[IdleTimeout, IdleEvent]]:
        self._read()
        events, self._events[:] = list(self._events), []
        return events

    def flush(self) -> None:
        if self._display is None:
            raise WaylandError("the connection is closed")
        from pywayland import ffi

        if self._display.flush() == -1:
            code = int(ffi.errno)  # type: ignore[attr-defined]
            if code in (errno.EPIPE, errno.ECONNRESET):  # the same hang-up a read can meet
                raise WaylandError(f"lost the connection to the compositor ({os.strerror(code)})")
            if code != errno.EAGAIN:  # EAGAIN: the socket is full; the rest goes next time
                raise WaylandError(f"cannot write to the compositor: {os.strerror(code)}")

    def close(self) -> None:
        display, self._display = self._display, None
        self._manager = self._seat = None
        if display is not None:
            display.disconnect()

    # -- internals ----------------------------------------------------------------------

    def _read(self) -> None:
        if self._display is None:
            raise WaylandError("the connection is closed")
        try:
            self._display.read()  # reads what the socket holds without blocking
            self._display.dispatch(block=False)
        except RuntimeError as exc:
            from pywayland import lib

            code = int(lib.wl_display_get_error(self._display._ptr))
            reason = os.strerror(code) if code else str(exc)
            raise WaylandError(f"lost the connection to the compositor ({reason})") from exc
