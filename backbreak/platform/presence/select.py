"""Choosing the presence backends at run time, with a diagnosis a person can read.

Idle backends in order of preference (the first that works is used):

1. ``gnome-mutter``: Mutter's idle monitor (GNOME on Wayland and X11), event-driven;
2. ``wayland``: ext-idle-notify-v1 or org_kde_kwin_idle on a connection of its own (KDE Plasma
   on Wayland, sway and other wlroots compositors), event-driven; only where
   ``WAYLAND_DISPLAY`` is set;
3. ``freedesktop-screensaver``: ``org.freedesktop.ScreenSaver`` (KDE Plasma on X11 and others),
   polled;
4. ``x11-screensaver``: the X server's screen saver extension (any X11 session), polled;
5. ``windows`` / ``macos``: the OS's last-input time, polled;
6. ``null``: nothing; backbreak counts wall-clock time while the computer is awake.

On Linux and the BSDs ``logind`` is added when it works, for screen lock and sleep.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping

from PySide6.QtDBus import QDBusConnection
from PySide6.QtGui import QGuiApplication

from backbreak.platform.presence.base import NullPresence, PresenceMonitor, PresenceUnavailable
from backbreak.platform.presence.compose import CompositePresence

__all__ = ["choose_presence", "qt_platform_name"]

_NULL_NOTE = (
    "null: chosen: no idle source works here; backbreak counts wall-clock time while the "
    "computer is awake as time at the computer (away time is noticed only across sleep)"
)


def qt_platform_name() -> str:
    """The Qt platform plugin in use ("xcb", "wayland", "offscreen"...), "" without a GUI app."""
    app = QGuiApplication.instance()
    return QGuiApplication.platformName() if isinstance(app, QGuiApplication) else ""


def _x11_problem(env: Mapping[str, str], qt_platform: str) -> str | None:
    """Why this is not an X11 session whose idle time the X server knows (None: it is)."""
    if qt_platform.startswith("wayland"):
        return f"not an X11 session (platform {qt_platform})"
    if env.get("XDG_SESSION_TYPE") == "wayland" or (
        env.get("WAYLAND_DISPLAY") and qt_platform != "xcb"
    ):
        return "not an X11 session (platform wayland: XWayland sees only input to X clients)"
    if qt_platform != "xcb" and not env.get("DISPLAY"):
        return f"not an X11 session (platform {qt_platform or 'none'}, no DISPLAY)"
    return None


def _wayland_problem(env: Mapping[str, str], platform: str) -> str | None:
    """Why the Wayland idle protocols are not for this system (None: they may be)."""
    if not platform.startswith("linux"):
        return f"not Linux (platform {platform})"
    if not env.get("WAYLAND_DISPLAY"):
        return "not a Wayland session (no WAYLAND_DISPLAY)"
    return None


def choose_presence(
    env: Mapping[str, str] = os.environ,
    platform: str = sys.platform,
    session_bus: QDBusConnection | None = None,
    system_bus: QDBusConnection | None = None,
    *,
    qt_platform: str | None = None,
    make_windows: Callable[[], PresenceMonitor] | None = None,
    make_macos: Callable[[], PresenceMonitor] | None = None,
    make_wayland: Callable[[], PresenceMonitor] | None = None,
) -> tuple[PresenceMonitor, list[str]]:
    """The monitor to use here, and why: one diagnosis line per backend.

    Buses default to the session and system bus (only connected where D-Bus applies);
    ``qt_platform`` defaults to the running application's platform plugin;
    ``make_windows``/``make_macos``/``make_wayland`` build those backends (the real OS calls
    and compositor connection by default).
    The returned monitor is not started.
    """
    if qt_platform is None:
        qt_platform = qt_platform_name()
    on_windows, on_macos = platform == "win32", platform == "darwin"
    desktop_unix = not (on_windows or on_macos)
    notes: list[str] = []
    chosen: PresenceMonitor | None = None
    chosen_name = ""

    def session() -> QDBusConnection:
        return session_bus if session_bus is not None else QDBusConnection.sessionBus()

    def consider(name: str, applies: str | None, build: Callable[[], PresenceMonitor]) -> None:
        """``applies``: None if the backend is for this system, else why it is not."""
        nonlocal chosen, chosen_name
        if applies is not None:
            notes.append(f"{name}: {applies}")
            return
        if chosen is not None:
            notes.append(f"{name}: not tried ({chosen_name} comes first)")
            return
        try:
            monitor = build()
            monitor.probe()
        except PresenceUnavailable as exc:
            notes.append(f"{name}: {exc}")
            return
        chosen, chosen_name = monitor, name
        notes.append(f"{name}: chosen ({monitor.detail})" if monitor.detail else f"{name}: chosen")

    no_dbus = None if desktop_unix else f"no D-Bus desktop on {platform}"

    def mutter() -> PresenceMonitor:
        from backbreak.platform.presence.gnome import MutterPresence

        return MutterPresence(session())

    def wayland() -> PresenceMonitor:
        if make_wayland is not None:
            return make_wayland()
        from backbreak.platform.presence.wayland import WaylandPresence

        return WaylandPresence(env=env, platform=platform)

    def freedesktop() -> PresenceMonitor:
        from backbreak.platform.presence.freedesktop import FreedesktopPresence

        return FreedesktopPresence(session(), env=env)

    def x11() -> PresenceMonitor:
        from backbreak.platform.presence.x11 import X11Presence

        return X11Presence(display=env.get("DISPLAY") or None)

    def windows() -> PresenceMonitor:
        if make_windows is not None:
            return make_windows()
        from backbreak.platform.presence.windows import WindowsPresence

        return WindowsPresence()

    def macos() -> PresenceMonitor:
        if make_macos is not None:
            return make_macos()
        from backbreak.platform.presence.macos import MacPresence

        return MacPresence()

    consider("gnome-mutter", no_dbus, mutter)
    consider("wayland", _wayland_problem(env, platform), wayland)
    consider("freedesktop-screensaver", no_dbus, freedesktop)
    consider(
        "x11-screensaver",
        _x11_problem(env, qt_platform) if desktop_unix else f"no X11 on {platform}",
        x11,
    )
    consider("windows", None if on_windows else f"not Windows (platform {platform})", windows)
    consider("macos", None if on_macos else f"not macOS (platform {platform})", macos)

    idle: PresenceMonitor
    if chosen is None:
        idle = NullPresence()
        notes.append(_NULL_NOTE)
    else:
        idle = chosen
        notes.append("null: not needed")

    extras: list[PresenceMonitor] = []
    if desktop_unix:
        from backbreak.platform.presence.logind import LogindPresence

        logind = LogindPresence(
            system_bus if system_bus is not None else QDBusConnection.systemBus(), env=env
        )
        try:
            logind.probe()
        except PresenceUnavailable as exc:
            notes.append(f"logind: {exc}: no screen lock or sleep from logind")
        else:
            extras.append(logind)
            notes.append(f"logind: adds screen lock and sleep (session {logind.session_path})")
    else:
        notes.append(f"logind: not on {platform}")

    monitor = CompositePresence(idle, extras)
    notes.insert(0, f"in use: {monitor.name}")
    return monitor, notes
