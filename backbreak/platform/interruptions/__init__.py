"""Sources that say "don't interrupt now": a fullscreen window, do-not-disturb, a call.

Every source is an :class:`InterruptionSource` (a QObject living on the GUI thread):
``changed(bool)`` is emitted whenever ``active()`` changes, ``start()``/``stop()`` acquire and
release what it needs, ``set_watching(bool)`` says whether the app currently cares (a prompt is
due or deferred), ``name`` is ``"fullscreen"``, ``"do-not-disturb"`` or ``"calls"`` and
``backend`` says how it is detected. ``active()`` is the last known state and never blocks. A
source is watched from construction; unwatched, the polled and X11 sources stop following
changes (no wakeups at all) and ``set_watching(True)`` brings them up to date again, while the
D-Bus sources keep following their change signals, which cost nothing while nothing changes. A
source that cannot work logs why, sets ``problem`` and stays inactive; it never raises out of
``start()``.
:class:`NullSource` is never active.
:func:`choose_interruption_sources` picks the sources for this session from the three settings
switches (``[interruptions] fullscreen`` / ``do_not_disturb`` / ``calls``), the environment and the
platform, and returns one diagnosis line per kind: what was chosen, or why nothing was.

Sources
-------

Fullscreen, X11 (:class:`X11FullscreenSource`, ``x11_fullscreen.py``)
    The window named by the root window's ``_NET_ACTIVE_WINDOW`` has
    ``_NET_WM_STATE_FULLSCREEN`` in its ``_NET_WM_STATE``. One libX11 connection (ctypes),
    ``PropertyChangeMask`` on the root and on the active window, the connection's fd watched by
    a ``QSocketNotifier``: no polling, no wakeups unless those properties change; while not
    watched, nothing is selected at all. Where no window manager sets ``_NET_ACTIVE_WINDOW``
    (the property is absent, as on a bare Xvfb), a mapped top-level window whose outer
    rectangle covers the whole root window and that has ``_NET_WM_STATE_FULLSCREEN`` counts as
    fullscreen (followed through ``SubstructureNotify`` on the root and property events on the
    top-level windows). Under Wayland it sees only Xwayland windows. Xlib's habit of calling
    ``exit()`` on errors is disarmed for its own connection; a lost X server (libX11 1.7 or
    newer is needed to survive one inside Xlib) leaves the source inactive with ``problem``
    set.

Fullscreen, Windows (:class:`WindowsFullscreenSource`, ``fullscreen.py``)
    ``SHQueryUserNotificationState`` returns QUNS_BUSY, QUNS_RUNNING_D3D_FULL_SCREEN or
    QUNS_PRESENTATION_MODE. Polled every 10 s, only while watched.

Fullscreen, macOS (:class:`MacFullscreenSource`, ``fullscreen.py``)
    ``CGWindowListCopyWindowInfo`` (on-screen, desktop elements excluded): a visible window of
    another process at the normal window layer whose bounds cover a whole display
    (``CGGetActiveDisplayList``/``CGDisplayBounds``). A zoomed window leaves the menu bar
    uncovered and does not count. Polled every 10 s, only while watched.

Do-not-disturb, GNOME (:class:`GnomeDoNotDisturbSource`, ``dnd.py``)
    ``org.gnome.desktop.notifications show-banners`` false. Read through the settings portal
    (``org.freedesktop.portal.Settings.ReadOne``/``Read`` + ``SettingChanged``) when the portal
    publishes that schema; stock GNOME's portal backend does not (its settings table lists
    only appearance-related schemas), so there the source runs one ``gsettings get`` at start,
    on each dconf ``ca.desrt.dconf.Writer.Notify`` signal for the key, and on
    ``set_watching(True)``; never polled.

Do-not-disturb, KDE Plasma (:class:`KdeDoNotDisturbSource`, ``dnd.py``)
    ``Inhibited`` (bool) of ``org.freedesktop.Notifications`` at ``/org/freedesktop/Notifications``,
    read with ``Properties.Get`` at start, on ``PropertiesChanged`` and when the service's owner
    changes; never auto-starts a notification server.

Do-not-disturb, Windows (:class:`WindowsFocusAssistSource`, ``focus_assist.py``)
    Focus Assist on (priority only or alarms only): the undocumented WNF state
    ``WNF_SHEL_QUIETHOURS_ACTIVE_PROFILE_CHANGED`` read with ntdll's ``NtQueryWnfStateData``.
    Polled every 10 s, only while watched.

macOS Focus has no public interface, so there is no do-not-disturb source on macOS.

Calls, GNOME (:class:`GnomeInhibitSource`, ``inhibit.py``)
    Video players, call apps and presentation tools ask the session not to go idle.
    gnome-session's ``InhibitedActions`` (uint32 flags, 8 = idle) on
    ``org.gnome.SessionManager``, read with ``Properties.Get`` at start, on
    ``InhibitorAdded``/``InhibitorRemoved`` and on ``PropertiesChanged`` (gnome-session emits
    all three when an inhibitor comes or goes). The flatpak portal's
    ``org.freedesktop.portal.Inhibit`` lands here too. Works on Wayland, where the fullscreen
    source sees only Xwayland windows.

Calls, KDE Plasma (:class:`KdePolicyAgentSource`, ``inhibit.py``)
    powerdevil's ``org.kde.Solid.PowerManagement.PolicyAgent.HasInhibition(u)`` with
    ``InterruptSession | ChangeScreenSettings`` (1 | 4), read again on
    ``InhibitionsChanged``. Plasma's ``org.freedesktop.PowerManagement.Inhibit.HasInhibit``
    counts only the first (read in powerdevil 5.27 and current sources): an app that only
    keeps the screen on through ``org.freedesktop.ScreenSaver.Inhibit`` (a browser playing
    video or holding a call) becomes a ``ChangeScreenSettings`` inhibition. The uint32
    argument is written with :func:`backbreak.platform.dbus.uint32` (PySide6 alone sends a
    Python int as int32, which powerdevil refuses). ``InhibitionsChanged`` is deprecated in
    Plasma 6 in favour of the property ``ActiveInhibitions``: untested there.

Calls, Xfce and others (:class:`FreedesktopInhibitSource`, ``inhibit.py``)
    ``org.freedesktop.PowerManagement.Inhibit.HasInhibit()`` at
    ``/org/freedesktop/PowerManagement/Inhibit``, read again on ``HasInhibitChanged(b)``.
    ``org.freedesktop.ScreenSaver`` offers no way to read whether it is
    inhibited, and ``org.freedesktop.portal.Inhibit`` only takes requests, per app.

Both call sources make only asynchronous calls with auto-start off and watch the service's
owner: a service that is not there leaves the source inactive with ``problem`` set, and it is
read as soon as it appears. A stale inhibitor holds a prompt as a fullscreen window would; the
planner's rules for held prompts apply unchanged. Windows reports presentation mode to the
fullscreen source; macOS has no call source.

What ran against real things
----------------------------

- The X11 source against a real Xvfb (``tests/e2e/test_fullscreen_x11.py``): both modes, the
  mode switch, unwatched/watched, a handler stopping the source, and the X server going away
  under it. The EWMH properties were set by the test, not by a real window manager.
- GNOME's gsettings path against the real ``gsettings`` and a real, bus-activated
  ``dconf-service`` on a private bus (``tests/qt/test_interruptions_dbus.py``).
- Everything else only against fakes: the settings portal and Plasma's notification server as
  fake services on a private ``dbus-daemon``, and so were gnome-session's inhibitor interface and
  ``org.freedesktop.PowerManagement.Inhibit``; the Windows and macOS OS calls as Python fakes
  (``tests/qt/test_interruptions_fakes.py``).

Untested on real systems: the ctypes calls ``windows_notification_state``,
``windows_focus_assist_profile`` (including whether Windows 11's "Do not disturb" still sets the
WNF state), ``mac_on_screen_windows`` and ``mac_displays`` have never run on Windows or macOS;
the GNOME source has not met a real GNOME Shell or portal, the KDE source a real Plasma; the
call sources have not met a real gnome-session, powerdevil or xfce4-power-manager; the X11
source has not run under a real window manager or Xwayland.
"""

from backbreak.platform.interruptions.base import (
    POLL_INTERVAL_MS,
    InterruptionSource,
    NullSource,
    PollingSource,
)
from backbreak.platform.interruptions.choose import choose_interruption_sources
from backbreak.platform.interruptions.dnd import (
    GnomeDoNotDisturbSource,
    KdeDoNotDisturbSource,
)
from backbreak.platform.interruptions.focus_assist import WindowsFocusAssistSource
from backbreak.platform.interruptions.fullscreen import MacFullscreenSource, WindowsFullscreenSource
from backbreak.platform.interruptions.inhibit import (
    FreedesktopInhibitSource,
    GnomeInhibitSource,
    KdePolicyAgentSource,
    SessionInhibitSource,
)
from backbreak.platform.interruptions.x11_fullscreen import X11FullscreenSource

__all__ = [
    "POLL_INTERVAL_MS",
    "FreedesktopInhibitSource",
    "GnomeDoNotDisturbSource",
    "GnomeInhibitSource",
    "InterruptionSource",
    "KdeDoNotDisturbSource",
    "KdePolicyAgentSource",
    "MacFullscreenSource",
    "NullSource",
    "PollingSource",
    "SessionInhibitSource",
    "WindowsFocusAssistSource",
    "WindowsFullscreenSource",
    "X11FullscreenSource",
    "choose_interruption_sources",
]
