"""``backbreak --diagnose``, and the two answers it shares with the running app: the session's
notification server, and how prompts are shown here and why."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from backbreak import __version__

if TYPE_CHECKING:
    from backbreak.platform.notifications import NotificationServer


def desktop_notifications() -> NotificationServer | None:
    """The session's notification server, where desktops have one (Linux and the BSDs)."""
    if sys.platform in ("win32", "darwin"):
        return None
    from PySide6.QtDBus import QDBusConnection

    from backbreak.platform.notifications import NotificationServer

    bus = QDBusConnection.sessionBus()
    return NotificationServer(bus) if bus.isConnected() else None


def prompt_diagnosis(notifications: NotificationServer | None, prefer: bool) -> str:
    """How prompts are shown here, and why (for About and ``--diagnose``)."""
    if not prefer:
        return "window (X11 window managers place it bottom-right and leave the keyboard alone)"
    if notifications is None:
        return "window (Wayland, but no D-Bus session bus for notifications)"
    if notifications.supports_actions():
        return f"desktop notification with buttons ({notifications.describe()})"
    return f"window (Wayland, but notifications cannot carry buttons: {notifications.describe()})"


def diagnose() -> int:
    """``backbreak --diagnose``: the platform sources this session would use, and why."""
    from PySide6.QtGui import QGuiApplication

    from backbreak.config.layers import load_layered, site_settings_paths
    from backbreak.config.loader import SettingsSyntaxError
    from backbreak.config.schema import Settings
    from backbreak.config.store import settings_path
    from backbreak.platform.autostart import choose_autostart
    from backbreak.platform.autostart.status import login_status
    from backbreak.platform.interruptions import choose_interruption_sources
    from backbreak.platform.presence import choose_presence

    app = QGuiApplication(sys.argv[:1])
    try:
        settings = load_layered(
            settings_path(), site_settings_paths(), datetime.now(UTC), quarantine=False
        ).settings
    except SettingsSyntaxError as exc:
        print(f"settings: {exc}; diagnosing with the defaults")
        settings = Settings()
    print(f"backbreak {__version__}, Qt platform {app.platformName()}")
    _presence, presence_notes = choose_presence()
    for line in presence_notes:
        print(f"presence: {line}")
    _sources, source_notes = choose_interruption_sources(
        fullscreen=settings.interruptions.fullscreen,
        do_not_disturb=settings.interruptions.do_not_disturb,
        calls=settings.interruptions.calls,
    )
    for line in source_notes:
        print(f"interruptions: {line}")
    print(f"start at login: {login_status(choose_autostart())}")
    notifications = desktop_notifications()
    if notifications is not None:
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        notifications.availability_changed.connect(loop.quit)
        QTimer.singleShot(6000, loop.quit)  # past the D-Bus call timeout
        notifications.start()
        if not notifications.answered():
            loop.exec()
        print(f"notifications: {notifications.describe()}")
    prefer = app.platformName().startswith("wayland")
    print(f"prompt: {prompt_diagnosis(notifications, prefer)}")
    return 0
