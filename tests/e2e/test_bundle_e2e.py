"""The PyInstaller bundle, started the way a user starts it, in a headless desktop with a tray.

The bundle is built once per source state (a hash of what goes into it) under
build/bundle-cache/, or taken from $BACKBREAK_BUNDLE (a folder holding the ``backbreak``
executable). Building takes about a minute the first time; the test skips, saying why, where
PyInstaller cannot be installed.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.desktop import Desktop, missing_tools
from tests.e2e.driver import DOCK_TIMEOUT, EXIT_TIMEOUT, PROMPT_TITLE, REPO_ROOT, open_menu, press

pytestmark = pytest.mark.e2e

_BUILD = REPO_ROOT / "packaging" / "pyinstaller" / "build_bundle.py"
_INPUTS = ("backbreak", "resources", "packaging/pyinstaller", "pyproject.toml")
_NO_PYINSTALLER = 3


def source_hash() -> str:
    """What the bundle is made of: every file of the package, the assets and the spec."""
    digest = hashlib.sha256()
    for name in _INPUTS:
        top = REPO_ROOT / name
        files = [top] if top.is_file() else sorted(top.rglob("*"))
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(REPO_ROOT)).encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@pytest.fixture(scope="session")
def bundle() -> Path:
    """The bundle's executable, built if this source state has none yet."""
    if missing := missing_tools():  # no build where the desktop could not start anyway
        pytest.skip("e2e tests need a headless X desktop; missing: " + ", ".join(missing))
    if given := os.environ.get("BACKBREAK_BUNDLE"):
        return Path(given) / "backbreak"
    cache = REPO_ROOT / "build" / "bundle-cache"
    dist = cache / source_hash()
    executable = dist / "backbreak" / "backbreak"
    if executable.is_file():
        return executable
    done = subprocess.run(
        [sys.executable, str(_BUILD), "--no-tar", "--dist", str(dist),
         "--work", str(cache / "work"), "--venv", str(REPO_ROOT / "build" / "bundle-venv")],
        capture_output=True, text=True, timeout=1200, check=False,
    )  # fmt: skip
    if done.returncode == _NO_PYINSTALLER:
        pytest.skip(f"cannot build the bundle: {done.stderr.strip()}")
    assert done.returncode == 0, done.stdout + done.stderr
    for old in cache.iterdir():  # one bundle is kept, the one of this source state
        if old.name not in (dist.name, "work"):
            shutil.rmtree(old)
    return executable


def test_bundle_docks_prompts_and_quits(bundle: Path, desktop: Desktop, artifacts: Path) -> None:
    app = desktop.spawn([str(bundle)], name="backbreak", cwd=desktop.root)
    icon = desktop.tray_icon_geometry(DOCK_TIMEOUT * 2, proc=app)  # unpacking costs a little
    assert len(desktop.tray_icons()) == 1

    open_menu(desktop, icon)
    press(desktop, "Down", "Return")  # Take a break now
    prompt = desktop.find_window("^" + re.escape(PROMPT_TITLE) + "$", timeout=5.0)
    assert desktop.window_name(prompt) == PROMPT_TITLE
    desktop.wait_popups_closed()
    desktop.screenshot(artifacts / "bundle-prompt.png")

    open_menu(desktop, icon)
    press(desktop, "Up", "Return")  # the last item: Quit
    assert desktop.wait_process_exit(app, EXIT_TIMEOUT) == 0, desktop.log_text("backbreak")
