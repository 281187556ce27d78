"""backbreak: movement-break prompts that respect work hours, sleep and meetings."""

__version__ = "0.1.0"

#: The reverse-DNS application id: the launcher's file name (``<id>.desktop``), the AppStream
#: component id, the icon name and what Wayland compositors and notification servers match
#: windows and notifications to the launcher by (Qt's desktop file name, the ``desktop-entry``
#: hint). Changing it orphans installed launchers; see packaging/linux/.
APP_ID = "io.github.backbreak.Backbreak"
