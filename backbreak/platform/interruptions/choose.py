"""Which interruption sources fit this session, and a line of diagnosis for each kind."""

from __future__ import annotations

import functools
import os
import shutil
import sys
from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject
from PySide6.QtDBus import QDBusConnection

from backbreak.platform.dbus import service_registered
from backbreak.platform.interruptions.base import POLL_INTERVAL_MS, InterruptionSource
from backbreak.platform.interruptions.dnd import (
    GnomeDoNotDisturbSource,
    KdeDoNotDisturbSource,
)
from backbreak.platform.interruptions.focus_assist import WindowsFocusAssistSource
from backbreak.platform.interruptions.fullscreen import (
    MacFullscreenSource,
    WindowsFullscreenSource,
)
from backbreak.platform.interruptions.inhibit import (
    FreedesktopInhibitSource,
    GnomeInhibitSource,
    KdePolicyAgentSource,
)
from backbreak.platform.interruptions.x11_fullscreen import X11FullscreenSource
from backbreak.platform.xlib import load_xlib

__all__ = ["choose_interruption_sources"]

_UNIX_PREFIXES = ("linux", "freebsd", "openbsd", "netbsd", "dragonfly", "sunos")
_POLLED = f"polled every {POLL_INTERVAL_MS // 1000} s while watched"


def choose_interruption_sources(
    fullscreen: bool = True,
    do_not_disturb: bool = True,
    calls: bool = True,
    *,
    env: Mapping[str, str] = os.environ,
    platform: str = sys.platform,
    session_bus: QDBusConnection | None = None,
    parent: QObject | None = None,
) -> tuple[list[InterruptionSource], list[str]]:
    """The sources to use (not started yet) and one diagnosis line per kind saying which source
    was chosen or why none was.

    ``fullscreen``/``do_not_disturb``/``calls`` are the settings switches
    (``[interruptions]``); a switched-off kind gets no source. ``env`` and ``platform``
    describe the session (the process's own by default); ``session_bus`` is the D-Bus
    connection the desktop sources use (default: the process's session bus, connected only
    when a source needs it).
    """
    sources: list[InterruptionSource] = []
    lines: list[str] = []
    unix = platform.startswith(_UNIX_PREFIXES)
    # Picked once, and only when a source needs it.
    bus = functools.cache(
        lambda: session_bus if session_bus is not None else QDBusConnection.sessionBus()
    )

    if not fullscreen:
        lines.append("fullscreen: off ([interruptions] fullscreen = false)")
    elif unix:
        _choose_x11(env, parent, sources, lines)
    elif platform == "win32":
        sources.append(WindowsFullscreenSource(parent=parent))
        lines.append(
            "fullscreen: Windows SHQueryUserNotificationState (fullscreen app, Direct3D "
            f"fullscreen, presentation mode), {_POLLED}"
        )
    elif platform == "darwin":
        sources.append(MacFullscreenSource(parent=parent))
        lines.append(
            "fullscreen: macOS CGWindowListCopyWindowInfo (a window covering a whole display), "
            + _POLLED
        )
    else:
        lines.append(f"fullscreen: not detected: no way known on platform {platform!r}")

    if not do_not_disturb:
        lines.append("do-not-disturb: off ([interruptions] do_not_disturb = false)")
    elif unix:
        _choose_unix_dnd(env, bus, parent, sources, lines)
    elif platform == "win32":
        sources.append(WindowsFocusAssistSource(parent=parent))
        lines.append(f"do-not-disturb: Windows Focus Assist (ntdll WNF state), {_POLLED}")
    elif platform == "darwin":
        lines.append("do-not-disturb: not detected: macOS Focus has no public interface to ask")
    else:
        lines.append(f"do-not-disturb: not detected: no way known on platform {platform!r}")

    if not calls:
        lines.append("calls: off ([interruptions] calls = false)")
    elif unix:
        _choose_unix_calls(env, bus, parent, sources, lines)
    elif platform == "win32":
        lines.append(
            "calls: no source of its own: Windows reports presentation mode to the fullscreen "
            "source"
        )
    else:
        lines.append(f"calls: not detected: no way known on platform {platform!r}")

    return sources, lines


def _choose_x11(
    env: Mapping[str, str],
    parent: QObject | None,
    sources: list[InterruptionSource],
    lines: list[str],
) -> None:
    display = env.get("DISPLAY", "")
    wayland = env.get("XDG_SESSION_TYPE", "").lower() == "wayland" or bool(
        env.get("WAYLAND_DISPLAY")
    )
    if not display:
        why = "no X display (DISPLAY is not set)"
        if wayland:
            why += "; a Wayland session offers no common way to ask"
        lines.append(f"fullscreen: not detected: {why}")
        return
    try:
        load_xlib()
    except OSError as exc:
        lines.append(f"fullscreen: not detected: libX11 cannot be loaded ({exc})")
        return
    sources.append(X11FullscreenSource(display, parent=parent))
    line = (
        f"fullscreen: X11 on display {display} (the active window's _NET_WM_STATE, "
        "followed through X events)"
    )
    if wayland:
        line += "; Wayland session: only X11 (Xwayland) windows are seen"
    lines.append(line)


def _desktops(env: Mapping[str, str]) -> set[str]:
    raw = env.get("XDG_CURRENT_DESKTOP", "")
    return {part.strip().lower() for part in raw.split(":") if part.strip()}


def _choose_unix_calls(
    env: Mapping[str, str],
    session_bus: Callable[[], QDBusConnection],
    parent: QObject | None,
    sources: list[InterruptionSource],
    lines: list[str],
) -> None:
    bus = session_bus()
    if not bus.isConnected():
        lines.append("calls: not detected: no D-Bus session bus")
        return
    desktops = _desktops(env)
    # Named desktops are trusted even before their service is up (at login backbreak may
    # start first); elsewhere the bus says which service is there.
    gnome = "gnome" in desktops or (
        "kde" not in desktops and service_registered(bus, GnomeInhibitSource.SERVICE)
    )
    if gnome:
        sources.append(GnomeInhibitSource(bus, parent))
        lines.append(
            "calls: gnome-session (InhibitedActions idle flag of org.gnome.SessionManager, "
            "followed through InhibitorAdded/InhibitorRemoved)"
        )
    elif "kde" in desktops:
        sources.append(KdePolicyAgentSource(bus, parent))
        lines.append(
            "calls: KDE Plasma (HasInhibition of org.kde.Solid.PowerManagement.PolicyAgent: "
            "apps keeping the screen on or the session awake, followed through "
            "InhibitionsChanged)"
        )
    elif service_registered(bus, FreedesktopInhibitSource.SERVICE):
        sources.append(FreedesktopInhibitSource(bus, parent))
        lines.append(
            "calls: org.freedesktop.PowerManagement.Inhibit (HasInhibit, followed through "
            "HasInhibitChanged)"
        )
    else:
        lines.append(
            "calls: not detected: neither org.gnome.SessionManager nor "
            "org.freedesktop.PowerManagement.Inhibit is on the session bus"
        )


def _choose_unix_dnd(
    env: Mapping[str, str],
    session_bus: Callable[[], QDBusConnection],
    parent: QObject | None,
    sources: list[InterruptionSource],
    lines: list[str],
) -> None:
    raw = env.get("XDG_CURRENT_DESKTOP", "")
    desktops = _desktops(env)
    if "kde" in desktops:
        bus = session_bus()
        if not bus.isConnected():
            lines.append("do-not-disturb: not detected: KDE Plasma, but no D-Bus session bus")
            return
        sources.append(KdeDoNotDisturbSource(bus, parent))
        lines.append(
            "do-not-disturb: KDE Plasma (Inhibited of org.freedesktop.Notifications, "
            "followed through PropertiesChanged)"
        )
    elif "gnome" in desktops:
        bus = session_bus()
        gsettings = shutil.which("gsettings", path=env.get("PATH", os.defpath))
        source = GnomeDoNotDisturbSource(
            bus if bus.isConnected() else None, parent, gsettings=(gsettings or "gsettings",)
        )
        sources.append(source)
        if bus.isConnected():
            how = (
                "via the settings portal if it publishes the key, else one gsettings read at "
                "start and on each dconf change signal"
            )
        else:
            how = "no D-Bus session bus: one gsettings read at start and when watching resumes"
        if gsettings is None:
            how += "; gsettings is not on PATH, so only a portal can answer"
        lines.append(
            f"do-not-disturb: GNOME (show-banners of org.gnome.desktop.notifications; {how})"
        )
    else:
        which = f"desktop {raw!r}" if raw else "unknown desktop (XDG_CURRENT_DESKTOP is not set)"
        lines.append(
            f"do-not-disturb: not detected: {which} has no known do-not-disturb switch "
            "(GNOME and KDE Plasma are supported)"
        )
