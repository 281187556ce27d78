"""The real app where no system tray exists (offscreen): it keeps running and says so.

Needs no X server, so it runs on every machine.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from backbreak.platform.instance import send_request
from tests.e2e.offscreen import ROOT, log_text, wait_for


def socket_path(env: dict[str, str]) -> str:
    return str(Path(env["XDG_RUNTIME_DIR"]) / "backbreak" / "instance.sock")


def test_without_a_tray_it_keeps_running_answers_and_quits_cleanly(
    launch: Callable[[], subprocess.Popen[str]], env: dict[str, str]
) -> None:
    app = launch()
    wait_for(lambda: "ready:" in log_text(env), 15, "the app to start")
    assert app.poll() is None, "the app exited although there is no tray"
    assert "no system tray available" in log_text(env)

    reply = send_request(socket_path(env), {"cmd": "status"})
    assert reply is not None
    assert reply["ok"] is True
    assert str(reply["status"]).startswith(("Next break", "No breaks planned"))

    second = subprocess.run(
        [sys.executable, "-m", "backbreak"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert second.returncode == 0
    assert second.stdout == "backbreak is already running; its window is brought to the front.\n"
    assert app.poll() is None

    app.send_signal(signal.SIGTERM)
    assert app.wait(10) == 0
    assert not Path(socket_path(env)).exists()
    assert "Traceback" not in log_text(env)


def test_a_corrupt_settings_file_is_moved_aside_and_reported(
    launch: Callable[[], subprocess.Popen[str]], env: dict[str, str]
) -> None:
    folder = Path(env["XDG_CONFIG_HOME"]) / "backbreak"
    folder.mkdir(parents=True)
    broken = b"[schedule\ninterval_minutes = 30\n"
    (folder / "settings.toml").write_bytes(broken)
    proc = launch()
    wait_for(lambda: "ready:" in log_text(env), 15, "the app to start")
    moved = list(folder.glob("settings.toml.corrupt-*"))
    assert len(moved) == 1
    assert moved[0].read_bytes() == broken
    assert not (folder / "settings.toml").exists()
    assert "line 1" in log_text(env)
    assert str(moved[0]) in log_text(env)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(10) == 0


def test_diagnose_lists_the_chosen_sources_and_why_others_were_not(env: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "backbreak", "--diagnose"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "presence: in use: null" in lines
    assert not any(line.startswith("presence: presence:") for line in lines)
    assert any(line.startswith("presence: null: chosen") for line in lines)
    assert any(line.startswith("presence: x11-screensaver: not an X11 session") for line in lines)
    assert any(line.startswith("interruptions: fullscreen:") for line in lines)
    entry = Path(env["XDG_CONFIG_HOME"]) / "autostart" / "backbreak.desktop"
    assert f"start at login: off (when on: desktop entry {entry})" in lines


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_for_a_settings_file_neither_hangs_start_up_nor_sigterm(
    launch: Callable[[], subprocess.Popen[str]], env: dict[str, str]
) -> None:
    folder = Path(env["XDG_CONFIG_HOME"]) / "backbreak"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "settings.toml")
    proc = launch()
    wait_for(lambda: "ready:" in log_text(env), 15, "the app to start")
    assert "not a regular file (it is a FIFO)" in log_text(env)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(10) == 0


def test_start_up_removes_only_its_own_stale_temp_files(
    launch: Callable[[], subprocess.Popen[str]], env: dict[str, str]
) -> None:
    config = Path(env["XDG_CONFIG_HOME"])
    folders = {
        "settings.toml": config / "backbreak",
        "state.toml": Path(env["XDG_STATE_HOME"]) / "backbreak",
        "backbreak.desktop": config / "autostart",
    }
    hour_ago = time.time() - 3600
    stale: list[Path] = []
    kept: list[Path] = []
    for name, folder in folders.items():
        folder.mkdir(parents=True, exist_ok=True)
        for number in range(3):
            temp = folder / f".{name}.{number:08x}.tmp"  # as an interrupted save leaves them
            temp.write_text("half a save")
            os.utime(temp, (hour_ago, hour_ago))
            stale.append(temp)
        fresh = folder / f".{name}.abcdef01.tmp"  # a save in progress right now
        fresh.write_text("being written")
        others = [folder / f".{name}.tmp", folder / f"{name}.12345678.tmp", folder / "notes.tmp"]
        for other in others:
            other.write_text("not ours")
            os.utime(other, (hour_ago, hour_ago))
        kept += [fresh, *others]
    proc = launch()
    wait_for(lambda: "ready:" in log_text(env), 15, "the app to start")
    assert [path for path in stale if path.exists()] == []
    assert [path for path in kept if not path.exists()] == []
    assert "removed 9 temporary files left by interrupted saves" in log_text(env)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(10) == 0
