"""KDE Plasma 5.27 on Wayland, headless: ``kwin_wayland --virtual --xwayland`` plus plasmashell.

kwin_wayland carries file capabilities that a container refuses to root, so a plain copy of the
binary runs. Windows and focus come from a KWin script whose ``print`` output lands in kwin's
log; screenshots from ``org.kde.KWin.ScreenShot2`` through a pipe. plasmashell is the tray host
and the notification server; without ``tray`` it starts only with :meth:`enable_tray`.
"""

from __future__ import annotations

import json
import shutil
import sys
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

from tests.e2e.desktop import Geometry
from tests.e2e.shells.common import (
    NOTIFICATIONS,
    WATCHER,
    Shell,
    ShellError,
    Window,
    wait_until,
)

SOCKET = "wl-kde"
_SCREENSHOT_SCRIPT = Path(__file__).with_name("kwin_screenshot.py")

_WINDOWS_SCRIPT = """
var out = [];
var clients = workspace.clientList();
for (var i = 0; i < clients.length; i++) {
    var c = clients[i];
    var g = c.frameGeometry || c.geometry;
    out.push({title: String(c.caption), app: String(c.resourceClass),
              rect: [g.x, g.y, g.width, g.height], focused: c === workspace.activeClient,
              above: !!c.keepAbove, notification: !!(c.notification || c.criticalNotification),
              dock: !!c.dock});
}
print("%s " + JSON.stringify(out));
"""


class PlasmaShell(Shell):
    name = "plasma-wayland"
    tools: ClassVar[Mapping[str, str]] = {
        "kwin_wayland": "kwin-wayland",
        "plasmashell": "plasma-workspace",
        "dbus-update-activation-environment": "dbus-bin",
        "Xwayland": "xwayland",
    }
    startup_timeout = 60.0

    def _start_shell(self) -> None:
        self.env.update(
            XDG_SESSION_TYPE="wayland",
            XDG_CURRENT_DESKTOP="KDE",
            KDE_FULL_SESSION="true",
            KDE_SESSION_VERSION="5",
            KWIN_SCREENSHOT_NO_PERMISSION_CHECKS="1",
            QT_LOGGING_RULES="kwin_scripting.debug=true;js.debug=true;qml.debug=true",
        )
        kwin = self.root / "kwin_wayland"
        shutil.copy(shutil.which("kwin_wayland") or "/usr/bin/kwin_wayland", kwin)
        self.kwin = self.start_infra(
            "kwin",
            [str(kwin), "--virtual", "--xwayland", "--width", "1280", "--height", "800",
             "--socket", SOCKET],
        )  # fmt: skip
        socket = Path(self.env["XDG_RUNTIME_DIR"]) / SOCKET

        def up() -> bool:
            self.check_alive()
            return socket.exists() and self.has_name("org.kde.KWin") and self._scripting()

        wait_until(up, self.startup_timeout, "kwin_wayland did not come up", 0.2)
        self.env.update(WAYLAND_DISPLAY=SOCKET, QT_QPA_PLATFORM="wayland")
        self.run(
            ["dbus-update-activation-environment", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM",
             "XDG_RUNTIME_DIR", "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME",
             "XDG_CURRENT_DESKTOP", "KDE_FULL_SESSION", "KDE_SESSION_VERSION", "XDG_SESSION_TYPE"],
        )  # fmt: skip
        if self.tray:
            self.enable_tray()

    def _scripting(self) -> bool:
        """Whether KWin's scripting object is there: KWin takes its bus name before it
        registers ``/Scripting``, and a script loaded in between fails."""
        reply = self.busctl(
            "call", "org.kde.KWin", "/Scripting", "org.freedesktop.DBus.Introspectable",
            "Introspect", check=False,
        )  # fmt: skip
        return bool(reply and "org.kde.kwin.Scripting" in reply["data"][0])

    def enable_tray(self) -> None:
        """Start plasmashell (panel, tray host and notifications) and wait for its watcher."""
        self.start_infra("plasmashell", ["plasmashell", "--no-respawn"])
        self.wait_for_name(WATCHER, self.startup_timeout)
        self.wait_for_name(NOTIFICATIONS, self.startup_timeout)

    def _display_env(self) -> dict[str, str]:
        return {
            "XDG_SESSION_TYPE": "wayland",
            "XDG_CURRENT_DESKTOP": "KDE",
            "KDE_FULL_SESSION": "true",
            "KDE_SESSION_VERSION": "5",
            "WAYLAND_DISPLAY": str(Path(self.env["XDG_RUNTIME_DIR"]) / SOCKET),
        }

    # ------------------------------------------------------------------ KWin scripting

    def kwin_script(self, body: str) -> Any:
        """Run a KWin script that prints ``MARK <json>``; the decoded JSON."""
        mark = "E2E-" + uuid.uuid4().hex
        path = self.root / f"{mark}.js"
        path.write_text(body % mark)
        reply = self.busctl(
            "call", "org.kde.KWin", "/Scripting", "org.kde.kwin.Scripting", "loadScript", "ss",
            str(path), mark,
        )  # fmt: skip
        if reply is None or reply["data"][0] < 0:
            raise ShellError(f"KWin did not load {path}")
        try:
            # start() runs every loaded script that is not running yet: just this one.
            self.busctl("call", "org.kde.KWin", "/Scripting", "org.kde.kwin.Scripting", "start")

            def printed() -> Any:
                for line in self.log_text("kwin", tail=400_000).splitlines():
                    at = line.find(mark + " ")
                    if at >= 0:
                        return json.loads(line[at + len(mark) + 1 :].rstrip('"'))
                return None

            return wait_until(printed, 10.0, f"the KWin script printed nothing ({path})", 0.05)
        finally:
            self.busctl("call", "org.kde.KWin", "/Scripting", "org.kde.kwin.Scripting",
                        "unloadScript", "s", mark, check=False)  # fmt: skip
            path.unlink(missing_ok=True)

    def windows(self) -> list[Window]:
        return [
            Window(
                title=w["title"],
                app_id=w["app"],
                geometry=Geometry(*(round(v) for v in w["rect"])),
                focused=bool(w["focused"]),
                keep_above=bool(w["above"]),
            )
            for w in self.kwin_script(_WINDOWS_SCRIPT)
        ]

    def _raw_windows(self) -> list[dict[str, Any]]:
        return list(self.kwin_script(_WINDOWS_SCRIPT))

    # ------------------------------------------------------------------ screen

    def screenshot(self, path: Path) -> Path:
        path = Path(path).absolute()
        path.parent.mkdir(parents=True, exist_ok=True)
        env = {**self.env, "QT_QPA_PLATFORM": "offscreen"}
        self.run([sys.executable, str(_SCREENSHOT_SCRIPT), self.bus_address, str(path), "1280x800"],
                 env=env)  # fmt: skip
        return path

    def panel_area(self) -> Geometry:
        docks = [w for w in self._raw_windows() if w["dock"]]
        if not docks:
            raise ShellError("plasmashell shows no panel")
        x, y, w, h = (round(v) for v in docks[0]["rect"])
        return Geometry(x, y, w, h)

    def notification_geometry(self) -> Geometry | None:
        for w in self._raw_windows():
            if w["notification"]:
                x, y, wd, h = (round(v) for v in w["rect"])
                return Geometry(x, y, wd, h)
        return None

    def notifications_shown(self) -> list[dict[str, object]]:
        return [
            {"title": w["title"], "rect": w["rect"]}
            for w in self._raw_windows()
            if w["notification"]
        ]
