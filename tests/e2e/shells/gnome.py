"""GNOME Shell 43, headless, native Wayland only (``--no-x11``) or with Xwayland.

The AppIndicator extension is the StatusNotifierWatcher and host; a test-only extension switches
on unsafe mode so ``org.gnome.Shell.Eval`` and the Screenshot service answer. Windows, the
panel item, the notification banner and a virtual pointer and keyboard are all reached by Eval.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

from tests.e2e.desktop import Geometry
from tests.e2e.shells.common import WATCHER, Shell, ShellError, Window, split_item, wait_until

APPINDICATOR = "ubuntu-appindicators@ubuntu.com"
UNSAFE = "unsafe@test"
SOCKET = "wl-test"

_UNSAFE_EXTENSION = (
    "function init() {}\n"
    "function enable() { global.context.unsafe_mode = true; }\n"
    "function disable() {}\n"
)

_WINDOWS_JS = """
global.get_window_actors().map(a => a.meta_window).map(w => {
  const r = w.get_frame_rect();
  return {title: w.get_title() || '', app: w.get_wm_class() || '',
          rect: [r.x, r.y, r.width, r.height], focused: w.has_focus(), above: w.is_above()};
})
"""

_ITEM_JS = """
(() => {
  const keys = Object.keys(Main.panel.statusArea).filter(k => k.startsWith('appindicator-'));
  const key = keys.find(k => k.includes(%s)) || null;
  if (!key) return {keys: Object.keys(Main.panel.statusArea)};
  const a = Main.panel.statusArea[key];
  const [x, y] = a.get_transformed_position();
  const [w, h] = a.get_transformed_size();
  return {key, rect: [x, y, w, h], visible: a.visible && a.mapped};
})()
"""

_BANNER_JS = """
(() => {
  const tray = Main.messageTray;
  const bin = tray._bannerBin;
  const banner = tray._banner;
  if (!banner || !bin.visible) return null;
  const [x, y] = bin.get_transformed_position();
  const [w, h] = bin.get_transformed_size();
  const buttons = [];
  const walk = actor => {
    for (const child of actor.get_children()) {
      if (child.label !== undefined && child.label !== null && child.mapped
          && child.constructor.name.includes('Button')) {
        const [bx, by] = child.get_transformed_position();
        const [bw, bh] = child.get_transformed_size();
        buttons.push({label: child.label, rect: [bx, by, bw, bh]});
      }
      walk(child);
    }
  };
  walk(bin);
  const n = banner.notification;
  return {rect: [x, y, w, h], title: n ? n.title : '', source: n && n.source ? n.source.title : '',
          buttons};
})()
"""

_SOURCES_JS = """
Main.messageTray.getSources().flatMap(s => s.notifications.map(n => ({
  source: s.title, title: n.title, body: n.bannerBodyText || '',
  actions: (n.actions || []).map(a => a.label)})))
"""


class GnomeShell(Shell):
    name = "gnome"
    tools: ClassVar[Mapping[str, str]] = {
        "gnome-shell": "gnome-shell",
        "gsettings": "libglib2.0-bin",
        "gjs": "gjs",
        "setpriv": "util-linux",
    }
    can_click = True
    startup_timeout = 90.0

    def __init__(self, log_dir: Path, *, xwayland: bool = False, tray: bool = True) -> None:
        super().__init__(log_dir, tray=tray)
        self.xwayland = xwayland
        self.name = "gnome-xwayland" if xwayland else "gnome-wayland"
        self.qt_platform = "xcb" if xwayland else "wayland"
        self._x_env: dict[str, str] = {}

    @classmethod
    def missing_tools(cls) -> list[str]:
        absent = super().missing_tools()
        extension = Path("/usr/share/gnome-shell/extensions") / APPINDICATOR
        if not extension.is_dir():
            absent.append(f"{extension} (gnome-shell-extension-appindicator)")
        return absent

    # ------------------------------------------------------------------ start

    def _start_shell(self) -> None:
        self.start_system_bus()
        self.env.update(
            XDG_SESSION_TYPE="wayland",
            XDG_CURRENT_DESKTOP="GNOME",
            XDG_SESSION_DESKTOP="gnome",
            GSETTINGS_BACKEND="dconf",
        )
        ext = Path(self.env["XDG_DATA_HOME"]) / "gnome-shell" / "extensions" / UNSAFE
        ext.mkdir(parents=True)
        (ext / "metadata.json").write_text(
            json.dumps(
                {
                    "uuid": UNSAFE,
                    "name": "unsafe",
                    "description": "test only",
                    "shell-version": ["43"],
                }
            )
        )
        (ext / "extension.js").write_text(_UNSAFE_EXTENSION)
        self.gsettings("org.gnome.shell", "disable-user-extensions", "false")
        self._set_extensions(tray=self.tray)
        self.gsettings("org.gnome.desktop.interface", "enable-animations", "false")
        self.gsettings("org.gnome.desktop.notifications", "show-banners", "true")
        argv = [
            "gnome-shell", "--headless", "--wayland", "--virtual-monitor", "1280x800",
            f"--wayland-display={SOCKET}",
        ]  # fmt: skip
        if not self.xwayland:
            argv.append("--no-x11")
        self.start_infra("gnome-shell", argv)
        socket = Path(self.env["XDG_RUNTIME_DIR"]) / SOCKET

        def ready() -> bool:
            self.check_alive()
            if not socket.exists() or not self.has_name("org.gnome.Shell"):
                return False
            try:
                return self.eval("Main.layoutManager._startingUp === false") is True
            except ShellError:
                return False

        wait_until(ready, self.startup_timeout, "gnome-shell did not come up (Eval)", 0.5)
        self.eval("Main.overview.hide(); true")
        # Unsafe mode announces itself in a banner; clear it so only the app's ones show.
        self.eval("Main.messageTray.getSources().forEach(s => s.destroy()); true")
        wait_until(
            lambda: self.eval("Main.overview.visible") is False, 10.0, "the overview stays open"
        )
        if self.xwayland:
            display = self.eval("imports.gi.GLib.getenv('DISPLAY')")
            wait_until(
                lambda: self.eval("imports.gi.GLib.getenv('DISPLAY')"), 20.0, "no Xwayland DISPLAY"
            )
            display = self.eval("imports.gi.GLib.getenv('DISPLAY')")
            xauth = self.eval("imports.gi.GLib.getenv('XAUTHORITY')")
            self._x_env = {"DISPLAY": display}
            if xauth:
                self._x_env["XAUTHORITY"] = xauth
        if self.tray:
            self.wait_for_name(WATCHER, 30.0)

    def gsettings(self, schema: str, key: str, value: str) -> None:
        self.run(["gsettings", "set", schema, key, value])

    def _set_extensions(self, *, tray: bool) -> None:
        enabled = [APPINDICATOR, UNSAFE] if tray else [UNSAFE]
        self.gsettings("org.gnome.shell", "enabled-extensions", repr(enabled))

    def enable_tray(self) -> None:
        self._set_extensions(tray=True)

    def _display_env(self) -> dict[str, str]:
        env = {
            "XDG_SESSION_TYPE": "wayland",
            "XDG_CURRENT_DESKTOP": "GNOME",
            "WAYLAND_DISPLAY": str(Path(self.env["XDG_RUNTIME_DIR"]) / SOCKET),
        }
        if self.xwayland:
            env.update(self._x_env)
        return env

    # ------------------------------------------------------------------ Eval

    def eval(self, code: str) -> Any:
        """Run JavaScript in the shell; its result, decoded from JSON (None if undefined)."""
        reply = self.busctl(
            "call", "org.gnome.Shell", "/org/gnome/Shell", "org.gnome.Shell", "Eval", "s", code,
            check=False,
        )  # fmt: skip
        if reply is None:
            raise ShellError(f"Eval failed (no reply): {code[:80]}")
        ok, result = reply["data"]
        if not ok:
            raise ShellError(f"Eval failed: {result}\n{code[:200]}")
        return json.loads(result) if result else None

    # ------------------------------------------------------------------ queries

    def screenshot(self, path: Path) -> Path:
        path = Path(path).absolute()
        path.parent.mkdir(parents=True, exist_ok=True)
        self.busctl(
            "call", "org.gnome.Shell.Screenshot", "/org/gnome/Shell/Screenshot",
            "org.gnome.Shell.Screenshot", "Screenshot", "bbs", "false", "false", str(path),
        )  # fmt: skip
        return path

    def windows(self) -> list[Window]:
        return [
            Window(
                title=w["title"],
                app_id=w["app"],
                geometry=Geometry(*w["rect"]),
                focused=bool(w["focused"]),
                keep_above=bool(w["above"]),
            )
            for w in self.eval(_WINDOWS_JS)
        ]

    def panel_area(self) -> Geometry:
        x, y, w, h = self.eval(
            "(() => { const p = Main.panel; const [x, y] = p.get_transformed_position();"
            " const [w, h] = p.get_transformed_size(); return [x, y, w, h]; })()"
        )
        return Geometry(int(x), int(y), int(w), int(h))

    def item_geometry(self, item: str) -> Geometry | None:
        bus = split_item(item)[0]
        found = self.eval(_ITEM_JS % json.dumps(bus))
        if not found or "rect" not in found or not found["visible"]:
            return None
        x, y, w, h = (round(v) for v in found["rect"])
        return Geometry(x, y, w, h)

    # ------------------------------------------------------------------ input

    def _device(self, kind: str) -> str:
        name = f"global._e2e{kind}"
        return (
            f"({name} = {name} || imports.gi.Clutter.get_default_backend().get_default_seat()"
            f".create_virtual_device(imports.gi.Clutter.InputDeviceType.{kind}_DEVICE))"
        )

    def move_pointer(self, x: int, y: int) -> None:
        self.eval(
            f"{self._device('POINTER')}.notify_absolute_motion("
            f"imports.gi.GLib.get_monotonic_time(), {x}, {y}); true"
        )

    def click(self, x: int, y: int) -> None:
        """A real left click at (x, y): motion, then press and release in a later call."""
        self.move_pointer(x, y)
        time.sleep(0.5 if self.xwayland else 0.2)  # the shell picks the actor under the pointer
        clutter = "imports.gi.Clutter"
        for state in ("PRESSED", "RELEASED"):
            self.eval(
                f"{self._device('POINTER')}.notify_button(imports.gi.GLib.get_monotonic_time(),"
                f" {clutter}.BUTTON_PRIMARY, {clutter}.ButtonState.{state}); true"
            )

    # ------------------------------------------------------------------ notifications

    def notifications_shown(self) -> list[dict[str, object]]:
        return list(self.eval(_SOURCES_JS) or [])

    def banner(self) -> dict[str, Any] | None:
        result: dict[str, Any] | None = self.eval(_BANNER_JS)
        return result

    def notification_geometry(self) -> Geometry | None:
        banner = self.banner()
        if not banner:
            return None
        x, y, w, h = (round(v) for v in banner["rect"])
        return Geometry(x, y, w, h)

    def answer_notification(self, app_name: str, action: str) -> bool:
        """Hover the banner (it shows its buttons then) and click the button ``action``."""
        banner = wait_until(self.banner, 5.0, "no notification banner on screen")
        x, y, w, h = banner["rect"]
        self.move_pointer(round(x + w / 2), round(y + h / 3))

        def button() -> dict[str, Any] | None:
            current = self.banner() or {"buttons": []}
            return next(
                (b for b in current["buttons"] if action.lower() in str(b["label"]).lower()), None
            )

        found = wait_until(
            button, 5.0, lambda: f"no {action!r} button on the banner: {self.banner()}"
        )
        bx, by, bw, bh = found["rect"]
        self.click(round(bx + bw / 2), round(by + bh / 2))
        return True
