"""Start-up and the single-instance guard, with the real app as a subprocess (offscreen).

A running instance is never doubled, even when it is too busy to answer; another
local user cannot keep backbreak from starting by taking its socket folder first.
Needs no X server, so it runs on every machine.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from backbreak.platform.instance_client import send_request
from tests.e2e.offscreen import wait_for

NOBODY = 65534


def finish(proc: subprocess.Popen[str], timeout: float) -> tuple[int, str, str]:
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        raise AssertionError(f"still running after {timeout} s; stderr:\n{err}") from None
    return proc.returncode, out, err


def test_an_instance_too_busy_to_answer_is_not_doubled(
    env: dict[str, str], launch: Callable[..., subprocess.Popen[str]]
) -> None:
    folder = Path(env["XDG_RUNTIME_DIR"]) / "backbreak"
    folder.mkdir(mode=0o700)
    # A running instance whose event loop is blocked: the kernel accepts the connection into
    # the backlog, and nothing ever answers.
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as busy:
        busy.bind(str(folder / "instance.sock"))
        busy.listen(8)
        code, out, err = finish(launch(), timeout=30)
    assert code == 1
    assert "backbreak is already running but did not answer within 5 s" in err
    assert "without the single-instance guard" not in err + out
    assert "Traceback" not in err


def test_a_second_launch_hands_over_to_the_first(
    env: dict[str, str], launch: Callable[..., subprocess.Popen[str]]
) -> None:
    first = launch()
    address = str(Path(env["XDG_RUNTIME_DIR"]) / "backbreak" / "instance.sock")
    wait_for(lambda: os.path.exists(address), 30, "the first instance to listen")
    wait_for(lambda: send_request(address, {"cmd": "status"}), 30, "the first instance to answer")
    code, out, _err = finish(launch(), timeout=30)
    assert code == 0
    assert "already running" in out
    assert first.poll() is None


@pytest.mark.skipif(os.getuid() != 0, reason="giving a folder to another user needs root")
@pytest.mark.skipif(
    os.path.isdir(f"/run/user/{os.getuid()}"), reason="a session runtime folder would be used"
)
def test_folders_taken_first_by_another_user_do_not_stop_backbreak(
    env: dict[str, str], launch: Callable[..., subprocess.Popen[str]], tmp_path: Path
) -> None:
    # su or ssh without logind: no XDG_RUNTIME_DIR, so the folder names are predictable.
    del env["XDG_RUNTIME_DIR"]
    temp = tmp_path / "t"
    temp.mkdir()
    temp.chmod(0o1777)
    env["TMPDIR"] = str(temp)
    for name in (f"runtime-{os.getuid()}", f"backbreak-{os.getuid()}"):
        (temp / name).mkdir()
        os.chown(temp / name, NOBODY, NOBODY)
        (temp / name).chmod(0o777)
    first = launch()
    state = tmp_path / "state" / "backbreak"
    wait_for(lambda: list(state.glob("instance-folder-*")), 30, "the private folder's record")
    (record,) = state.glob("instance-folder-*")
    address = str(Path(record.read_text()) / "instance.sock")
    wait_for(lambda: os.path.exists(address), 30, "the first instance to listen")
    assert first.poll() is None
    code, out, _err = finish(launch(), timeout=30)
    assert (code, "already running" in out) == (0, True)
    first.terminate()
    code, _out, err = finish(first, timeout=30)
    assert code == 0
    assert "Traceback" not in err
    assert f"belongs to uid {NOBODY}" in err
    assert list((temp / f"backbreak-{os.getuid()}").iterdir()) == []


def test_a_time_zone_offset_of_a_day_or_more_falls_back_to_utc(
    env: dict[str, str], launch: Callable[..., subprocess.Popen[str]]
) -> None:
    env["TZ"] = "UTC+99"
    app = launch()
    address = str(Path(env["XDG_RUNTIME_DIR"]) / "backbreak" / "instance.sock")
    wait_for(lambda: os.path.exists(address) or app.poll() is not None, 30, "the app to listen")
    assert app.poll() is None, app.communicate()[1]
    wait_for(lambda: send_request(address, {"cmd": "status"}), 30, "the app to answer")
    reply = send_request(address, {"cmd": "status"})
    assert reply is not None
    assert reply["ok"] is True
    assert str(reply["next_break"]).endswith("+00:00")
    app.terminate()
    code, _out, err = finish(app, timeout=30)
    assert code == 0
    assert "Traceback" not in err
    assert "time zone TZ='UTC+99' cannot be used" in err
    assert "using UTC" in err


ALL_DAY_EVERY_DAY = """\
schema_version = 1
[schedule]
work_days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
work_start = "00:00"
work_end = "00:00"
interval_minutes = 45
"""


@pytest.mark.parametrize("args", [["--from-now"], []])
def test_plan_agrees_with_the_tray_of_the_running_app(
    args: list[str], env: dict[str, str], launch: Callable[..., subprocess.Popen[str]]
) -> None:
    # The work period began at midnight, long before the app started: planning from the
    # settings alone assumes presence since midnight, the tray counts from its own start.
    config = Path(env["XDG_CONFIG_HOME"]) / "backbreak"
    config.mkdir(parents=True)
    (config / "settings.toml").write_text(ALL_DAY_EVERY_DAY, encoding="utf-8")
    app = launch()
    address = str(Path(env["XDG_RUNTIME_DIR"]) / "backbreak" / "instance.sock")
    wait_for(lambda: os.path.exists(address), 30, "the app to listen")

    def tray_next_break() -> object:
        reply = send_request(address, {"cmd": "status"})
        return None if reply is None else reply.get("next_break")

    wait_for(tray_next_break, 30, "the app to plan its first break")
    tray = datetime.fromisoformat(str(tray_next_break()))
    code, out, err = finish(launch("plan", "--json", *args), timeout=30)
    assert code == 0, err
    report = json.loads(out)
    assert report["basis"] == "running app"
    first = datetime.fromisoformat(report["prompts"][0]["at"])
    assert abs(first - tray) < timedelta(seconds=1)
    assert app.poll() is None
