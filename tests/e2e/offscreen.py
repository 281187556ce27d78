"""The real app as a subprocess on the offscreen platform: no X server, a private home.

Its fixtures (``env``, ``launch``) are registered in ``tests/e2e/conftest.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def wait_for(condition: Callable[[], object], timeout: float, what: str) -> None:
    """Poll another process's observable state (files, sockets) with a deadline."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    values = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("XDG_", "DBUS_", "DISPLAY", "WAYLAND", "TMPDIR"))
    }
    values.update(
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        XDG_RUNTIME_DIR=str(runtime),
        QT_QPA_PLATFORM="offscreen",
    )
    return values


@pytest.fixture
def launch(env: dict[str, str]) -> Iterator[Callable[..., subprocess.Popen[str]]]:
    """Start the real app; whatever is still running at the end is killed."""
    started: list[subprocess.Popen[str]] = []

    def start(*args: str) -> subprocess.Popen[str]:
        proc = subprocess.Popen(
            [sys.executable, "-m", "backbreak", *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        started.append(proc)
        return proc

    yield start
    for proc in started:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)


def log_text(env: dict[str, str]) -> str:
    path = Path(env["XDG_STATE_HOME"]) / "backbreak" / "log" / "backbreak.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""
