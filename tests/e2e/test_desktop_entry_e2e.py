"""backbreak as a desktop app in headless GNOME Shell 43 (Wayland): installed with
``make install-desktop``'s code, found in the app grid, launched the way the grid launches it,
its notifications and windows matched to the launcher (name and icon).

Artifacts: ``tests/e2e/artifacts/desktop-entry-grid.png`` (the app grid),
``desktop-entry-notification.png`` (the prompt's notification), ``desktop-entry-window.png``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from backbreak import APP_ID
from backbreak.platform.desktop_install import install
from tests.e2e.shells.common import REPO_ROOT, Shell, ShellError, wait_until
from tests.e2e.shells.gnome import GnomeShell

pytestmark = pytest.mark.e2e

ARTIFACTS = Path(__file__).parent / "artifacts"
DESKTOP_ID = f"{APP_ID}.desktop"
LOOKUP = f"imports.gi.Shell.AppSystem.get_default().lookup_app({json.dumps(DESKTOP_ID)})"
APP_JS = f"""
(() => {{
  const app = {LOOKUP};
  return app ? {{id: app.get_id(), name: app.get_name(),
                icon: app.get_app_info().get_icon().to_string()}} : null;
}})()
"""
SOURCES_JS = """
Main.messageTray.getSources().map(s => ({title: s.title, app: s.app ? s.app.get_id() : null,
  notifications: s.notifications.map(n => n.title)}))
"""
WINDOW_APPS_JS = """
global.get_window_actors().map(a => {
  const w = a.meta_window;
  const app = imports.gi.Shell.WindowTracker.get_default().get_window_app(w);
  return {title: w.get_title() || '', app: app ? app.get_id() : null,
          shown: a.mapped && w.get_frame_rect().width > 0};
})
"""


@pytest.fixture(scope="module")
def gnome(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GnomeShell]:
    absent = GnomeShell.missing_tools()
    if absent:
        pytest.skip("GNOME Shell tests need: " + ", ".join(absent))
    shell = GnomeShell(tmp_path_factory.mktemp("gnome-desktop-entry-logs"))
    try:
        shell.start()
    except ShellError as exc:
        shell.stop()
        pytest.fail(f"GNOME Shell did not start: {exc}\n{shell.all_logs()}")
    yield shell
    shell.stop()


def _control(shell: Shell, *args: str) -> subprocess.CompletedProcess[str]:
    """A command to the app the shell started (it has the shell's HOME and runtime folder)."""
    env = {**shell.env, "PYTHONPATH": str(REPO_ROOT)}
    return shell.run([sys.executable, "-m", "backbreak", *args], env=env, check=False)


def _our_source(shell: GnomeShell) -> dict[str, Any] | None:
    sources = shell.eval(SOURCES_JS) or []
    return next((s for s in sources if s["notifications"]), None)


def test_installed_launcher_starts_backbreak_and_gnome_matches_it(gnome: GnomeShell) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    # Exec as `make install-desktop` writes it, with this checkout on the path: the shell starts
    # the app with its own environment.
    command = ["env", f"PYTHONPATH={REPO_ROOT}", sys.executable, "-m", "backbreak"]
    install(Path(gnome.env["XDG_DATA_HOME"]), command)

    # The app system reloads when the applications folder changes (rate-limited).
    app = wait_until(lambda: gnome.eval(APP_JS), 30.0, f"GNOME did not find {DESKTOP_ID}")
    assert app == {"id": DESKTOP_ID, "name": "backbreak", "icon": APP_ID}
    gnome.eval("Main.overview.showApps(); true")
    wait_until(lambda: gnome.eval("Main.overview.visible"), 10.0, "the app grid did not open")
    gnome.screenshot(ARTIFACTS / "desktop-entry-grid.png")
    gnome.eval("Main.overview.hide(); true")
    wait_until(lambda: gnome.eval("Main.overview.visible") is False, 10.0, "the grid stays")

    gnome.eval(f"{LOOKUP}.activate(); true")  # what a click in the app grid does
    wait_until(
        lambda: _control(gnome, "status").returncode == 0,
        30.0,
        lambda: "the launched app does not answer\n" + gnome.all_logs(),
        interval=0.5,
    )
    assert gnome.tray_items()

    # The prompt comes as a notification (Wayland); GNOME files it under the launcher's app.
    assert "Break prompt shown" in _control(gnome, "break-now").stdout
    source = wait_until(lambda: _our_source(gnome), 10.0, "no notification")
    assert source["app"] == DESKTOP_ID
    assert source["title"] == "backbreak"
    banner = wait_until(gnome.banner, 10.0, "no banner on screen")
    gnome.screenshot(ARTIFACTS / "desktop-entry-notification.png")

    # Start opens the exercise window: Wayland's app id is Qt's desktop file name.
    assert gnome.answer_notification(str(banner["source"]), "Start")

    def exercise_window() -> list[dict[str, Any]] | None:
        found = [w for w in gnome.eval(WINDOW_APPS_JS) if "backbreak" in w["title"]]
        return found if found and all(w["shown"] for w in found) else None

    windows = wait_until(exercise_window, 15.0, lambda: "no window\n" + gnome.all_logs())
    gnome.screenshot(ARTIFACTS / "desktop-entry-window.png")
    assert {w["app"] for w in windows} == {DESKTOP_ID}, windows
