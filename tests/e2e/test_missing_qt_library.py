"""A system library Qt needs is missing: backbreak names it and its package in one line.

The machine cannot be made to lack a real library while other tests run, so each test builds
a copy of PySide6 made of symbolic links (Qt finds its plugins relative to that copy) in
which one Qt file is a real copy edited with patchelf to need a library that does not exist.
To Qt this is exactly a missing system library: without backbreak's check it prints "could
not load the Qt platform plugin" and aborts. The invented name stands in for the real one in
backbreak's package table, so the message can be checked word for word.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.offscreen import ROOT

pytestmark = pytest.mark.e2e

_RUN = """
import sys
from backbreak.platform import qt_packages
qt_packages.PACKAGES[sys.argv[1]] = qt_packages.PACKAGES[sys.argv[2]]
from backbreak.cli import main
sys.exit(main([]))
"""


def pyside_copy(tmp_path: Path, edited: str, needed: str, missing: str) -> Path:
    """A folder to put first on PYTHONPATH: PySide6 with ``edited`` needing ``missing``."""
    patchelf = shutil.which("patchelf")
    if patchelf is None:
        pytest.skip("needs patchelf (Debian package patchelf) to simulate a missing library")
    import PySide6

    real = Path(PySide6.__file__).parent
    site = tmp_path / "site"
    site.mkdir()
    subprocess.run(["cp", "-rs", str(real), str(site / "PySide6")], check=True, timeout=60)
    target = site / "PySide6" / edited
    target.unlink()
    shutil.copy2(real / edited, target)
    subprocess.run(
        [patchelf, "--replace-needed", needed, missing, str(target)], check=True, timeout=60
    )
    return site


def start(env: dict[str, str], site: Path, missing: str, stands_for: str) -> tuple[int, str]:
    env = {
        **env,
        "PYTHONPATH": f"{site}:{ROOT}",
        "QT_QPA_PLATFORM": "xcb",
        "DISPLAY": ":32000",  # none: the plugin fails to load before Qt would connect
    }
    done = subprocess.run(
        [sys.executable, "-c", _RUN, missing, stands_for],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return done.returncode, done.stderr


def test_missing_platform_plugin_library_is_named_with_its_packages(
    tmp_path: Path, env: dict[str, str]
) -> None:
    missing = "libxcb-cursor-missing.so.0"
    site = pyside_copy(tmp_path, "Qt/plugins/platforms/libqxcb.so", "libxcb-cursor.so.0", missing)

    status, stderr = start(env, site, missing, "libxcb-cursor.so.0")

    assert stderr.splitlines() == [
        f"backbreak: Qt cannot start: missing {missing} — install it with: "
        "sudo apt install libxcb-cursor0 (Fedora: sudo dnf install xcb-util-cursor)"
    ], stderr
    assert status == 1


def test_missing_gui_library_is_named_with_its_packages(
    tmp_path: Path, env: dict[str, str]
) -> None:
    missing = "libEGL-missing.so.1"
    site = pyside_copy(tmp_path, "Qt/lib/libQt6Gui.so.6", "libEGL.so.1", missing)

    status, stderr = start(env, site, missing, "libEGL.so.1")

    assert stderr.splitlines() == [
        f"backbreak: Qt cannot start: missing {missing} — install it with: "
        "sudo apt install libegl1 (Fedora: sudo dnf install libglvnd-egl)"
    ], stderr
    assert status == 1
