"""sway 1.7 headless with swaybar as the StatusNotifierItem host and mako for notifications.

sway refuses to run as root, so it (and mako) run as ``nobody`` with a HOME and runtime folder
of their own; the session bus lets every user in, since the app under test runs as root. The
app reaches sway's Wayland socket by its absolute path. Without ``tray``, the config has no
bar; :meth:`SwayShell.enable_tray` adds one and reloads the config, as a user would.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

from tests.e2e.desktop import Geometry
from tests.e2e.shells.common import NOTIFICATIONS, WATCHER, Shell, ShellError, Window, wait_until

NOBODY = 65534

_CONFIG = """\
output HEADLESS-1 resolution 1280x800 position 0 0
xwayland enable
default_border normal
font pango:DejaVu Sans 10
seat seat0 hide_cursor 1000
"""

_BAR = """
bar {
    id main
    position top
    height 28
    tray_output *
    tray_padding 2
    colors {
        background #223344
        statusline #ffffff
    }
}
"""

_MAKO_CONFIG = """\
anchor=top-right
width=360
height=140
margin=10
default-timeout=0
actions=1
"""


class SwayShell(Shell):
    name = "sway"
    tools: ClassVar[Mapping[str, str]] = {
        "sway": "sway",
        "swaymsg": "sway",
        "swaybar": "sway",
        "grim": "grim",
        "mako": "mako-notifier",
        "makoctl": "mako-notifier",
        "setpriv": "util-linux",
    }
    startup_timeout = 30.0

    def _start_shell(self) -> None:
        home, runtime = self.root / "sway-home", self.root / "sway-runtime"
        self.env = self._base_env(home, runtime, owner=NOBODY)
        self.env.update(
            DBUS_SESSION_BUS_ADDRESS=self.bus_address,
            USER="nobody",
            LOGNAME="nobody",
            XDG_SESSION_TYPE="wayland",
            XDG_CURRENT_DESKTOP="sway",
            WLR_BACKENDS="headless",
            WLR_LIBINPUT_NO_DEVICES="1",
            WLR_RENDERER="pixman",
            WLR_HEADLESS_OUTPUTS="1",
        )
        self.config = self.root / "sway.conf"
        self.config.write_text(_CONFIG + (_BAR if self.tray else ""))
        self.config.chmod(0o644)
        self.start_infra("sway", ["sway", "-c", str(self.config)], uid=NOBODY)

        def ipc_socket() -> Path | None:
            self.check_alive()
            found = sorted(runtime.glob("sway-ipc.*.sock"))
            wayland = runtime / "wayland-1"
            return found[0] if found and wayland.exists() else None

        self.swaysock = wait_until(ipc_socket, self.startup_timeout, "sway did not start")
        self.wayland_socket = runtime / "wayland-1"
        self.env["SWAYSOCK"] = str(self.swaysock)
        self.env["WAYLAND_DISPLAY"] = "wayland-1"
        wait_until(
            lambda: self.run(["swaymsg", "-t", "get_version"], check=False).returncode == 0,
            10.0,
            "swaymsg gets no answer",
        )
        mako_config = self.root / "mako.conf"
        mako_config.write_text(_MAKO_CONFIG)
        mako_config.chmod(0o644)
        self.start_infra("mako", ["mako", "-c", str(mako_config)], uid=NOBODY)
        self.wait_for_name(NOTIFICATIONS, 15.0)
        if self.tray:
            self.wait_for_name(WATCHER, 15.0)

    def enable_tray(self) -> None:
        self.config.write_text(self.config.read_text() + _BAR)
        self.swaymsg("reload")

    def swaymsg(self, *args: str) -> Any:
        result = self.run(["swaymsg", "-r", *args])
        return json.loads(result.stdout) if result.stdout.strip() else None

    def _display_env(self) -> dict[str, str]:
        return {
            "XDG_SESSION_TYPE": "wayland",
            "XDG_CURRENT_DESKTOP": "sway",
            "WAYLAND_DISPLAY": str(self.wayland_socket),
            "SWAYSOCK": str(self.swaysock),
        }

    # ------------------------------------------------------------------ queries

    def screenshot(self, path: Path) -> Path:
        path = Path(path).absolute()
        path.parent.mkdir(parents=True, exist_ok=True)
        self.run(["grim", str(path)])
        return path

    def _nodes(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []

        def walk(node: dict[str, Any]) -> None:
            out.append(node)
            for child in node.get("nodes", []) + node.get("floating_nodes", []):
                walk(child)

        walk(self.swaymsg("-t", "get_tree"))
        return out

    def windows(self) -> list[Window]:
        found = []
        for node in self._nodes():
            if node.get("type") not in ("con", "floating_con") or node.get("pid") is None:
                continue
            rect = node["rect"]
            props = node.get("window_properties") or {}
            found.append(
                Window(
                    title=node.get("name") or "",
                    app_id=node.get("app_id") or props.get("class") or "",
                    geometry=Geometry(rect["x"], rect["y"], rect["width"], rect["height"]),
                    focused=bool(node.get("focused")),
                    keep_above=False,  # sway has no keep-above; floating windows stay on top
                )
            )
        return found

    def panel_area(self) -> Geometry:
        workspaces = [
            n
            for n in self._nodes()
            if n.get("type") == "workspace" and not str(n.get("name")).startswith("__")
        ]
        if not workspaces:
            raise ShellError("sway reports no workspace")
        top = workspaces[0]["rect"]["y"]
        return Geometry(0, 0, 1280, top)

    # ------------------------------------------------------------------ notifications

    def notifications_shown(self) -> list[dict[str, object]]:
        result = self.run(["makoctl", "list"], check=False)
        if result.returncode != 0 or not result.stdout.strip():
            return []
        shown = []
        for entry in json.loads(result.stdout)["data"][0]:
            shown.append({key: value.get("data") for key, value in entry.items()})
        return shown

    def notification_geometry(self) -> Geometry | None:
        # mako draws a layer-shell surface, which sway's tree does not list: where it is comes
        # from mako's configuration (top-right, 360 wide, 10 px margin), drawn as tall as needed.
        return Geometry(1280 - 10 - 360, self.panel_area().h + 10, 360, 140)

    def answer_notification(self, app_name: str, action: str) -> bool:
        """``makoctl invoke -n ID ACTION``: the sway user's way to press a notification button
        (bound to a key in their config)."""
        for shown in self.notifications_shown():
            if shown.get("app-name") == app_name:
                self.run(["makoctl", "invoke", "-n", str(shown["id"]), action])
                return True
        raise AssertionError(f"mako shows no notification from {app_name}")
