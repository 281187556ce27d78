"""Is the user at the computer? Idle, screen-lock and sleep detection behind one interface.

Everything a consumer needs is :class:`PresenceMonitor` (``base.py``) and
:func:`choose_presence` (``select.py``), which picks the backends that work here at run time and
returns them as one monitor together with a diagnosis: one line per backend saying which was
chosen and why each other one was not. No backend needs extra permissions (no input group, no
evdev, nothing that sees what is typed): each asks the desktop or the OS how long ago the last
input was.

Backends, in order of preference for the idle time:

``gnome-mutter`` (``gnome.py``)
    ``org.gnome.Mutter.IdleMonitor`` on the session bus: GNOME on Wayland and on X11. Event
    driven (an idle watch at the threshold, a user-active watch for the return): no polling.
    Also passes on GNOME Shell's ``org.gnome.ScreenSaver.ActiveChanged`` as the lock state.
``wayland`` (``wayland.py``, with ``_wayland.py`` around pywayland and the generated bindings
    in ``_wlproto/``)
    ``ext_idle_notifier_v1`` (ext-idle-notify-v1: KDE Plasma 5.27+ on Wayland, sway 1.8+,
    Hyprland, labwc, river), else KDE's older ``org_kde_kwin_idle`` (sway 1.7), on a Wayland
    connection of its own (not Qt's) to ``WAYLAND_DISPLAY``. Event driven: one notification at
    the threshold, the socket in a ``QSocketNotifier``; the idle time is known only while idle.
    Only where ``WAYLAND_DISPLAY`` is set (Plasma on Wayland answers ``GetSessionIdleTime``
    with NotSupported, wlroots compositors have no ScreenSaver service).
``freedesktop-screensaver`` (``freedesktop.py``)
    ``org.freedesktop.ScreenSaver.GetSessionIdleTime`` (KDE Plasma on X11 and others), polled, plus
    ``ActiveChanged`` for the lock. KDE answers in milliseconds where the specification says
    seconds: milliseconds are assumed on KDE (``XDG_CURRENT_DESKTOP`` or ``org.kde.screensaver``
    on the bus), seconds elsewhere.
``x11-screensaver`` (``x11.py``)
    The X server's MIT-SCREEN-SAVER extension through libX11/libXss and ctypes, polled on one
    display connection. Any X11 session; never used on Wayland (XWayland only sees input to
    X clients).
``windows`` (``windows.py``) / ``macos`` (``macos.py``)
    ``GetLastInputInfo`` + ``GetTickCount64``; IOKit's ``HIDIdleTime`` (``ioreg`` as a slow
    fallback). Polled. The OS calls are injectable, so the logic runs anywhere against fakes.
``null`` (``base.py``)
    Nothing is known; backbreak counts wall-clock time while the computer is awake (away time
    is still noticed across sleep by the controller's clock check).

``logind`` (``logind.py``) is added on top of whichever idle backend won, on Linux and the BSDs:
``PrepareForSleep`` gives ``sleep_changed`` and the session's ``LockedHint`` gives
``lock_changed``. ``compose.py`` merges the sources so that each spell away ends with exactly
one ``came_back``.

Cost: the polled backends share ``polling.py``: one single-shot timer that reads when the
threshold can first be reached (``T - idle``), backs off while the user is away (10 s, then
15 s; 30 s over D-Bus, where a reading costs three times the wakeups), and stops outside
active hours. A user at
the keyboard costs one reading per threshold; a user away stays under 0.25 wakeups/s in every
minute (measured per reading: 2.2 context switches for X11, 6 for a QtDBus call).

**Recommended idle threshold: 180 s, and never under 120 s.** Idle time only counts after at
least two minutes without input so that reading, thinking or watching a short video is not
mistaken for a break: the planner counts any absence at least as long as a break (1½–2
minutes) as a natural break, so every spell reported as idle becomes one. A prompt that
comes due while the user types waits for a few seconds of quiet: the planner asks
:meth:`~PresenceMonitor.idle_seconds` and re-checks; no backend watches for it.

Tested against real things: the X11 backend against a real X server (Xvfb, with input made by
xdotool); the Wayland backend against headless sway 1.7 (org_kde_kwin_idle, input by ``wtype``)
and KWin 5.27 (ext-idle-notify-v1, input through KWin's fake-input protocol), including the
compositor exiting. Tested against fakes: the Wayland backend's choice, active hours and a
compositor that hangs up or never answers; the D-Bus backends against fake Mutter,
ScreenSaver, GNOME Shell and logind services on a private ``dbus-daemon`` (the fakes are Qt
D-Bus services that reject wrongly typed calls, as real ones do); the Windows and macOS backends
against fake OS calls; the poll schedule on a fake clock. **Untested on real systems**: Windows
and macOS (the ctypes declarations have never run there), real GNOME Shell / Mutter, a full KDE
Plasma session (including the ScreenSaver millisecond assumption), the Wayland backend on sway
1.8+, Hyprland, labwc and river, other ScreenSaver implementations (xfce4-screensaver,
mate-screensaver: seconds assumed), real logind (session lookup, LockedHint updates, sleep), a
compositor restart on real GNOME, and XWayland. Windows and macOS report no lock or sleep.
"""

from __future__ import annotations

from backbreak.platform.presence.base import NullPresence, PresenceMonitor, PresenceUnavailable
from backbreak.platform.presence.compose import CompositePresence
from backbreak.platform.presence.select import choose_presence

__all__ = [
    "MIN_IDLE_THRESHOLD_S",
    "RECOMMENDED_IDLE_THRESHOLD_S",
    "CompositePresence",
    "NullPresence",
    "PresenceMonitor",
    "PresenceUnavailable",
    "choose_presence",
]

#: The idle threshold to start monitors with (see the module docstring).
RECOMMENDED_IDLE_THRESHOLD_S = 180.0
#: Below this, reading is mistaken for a break.
MIN_IDLE_THRESHOLD_S = 120.0
