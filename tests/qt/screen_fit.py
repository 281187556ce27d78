"""Run a check in a child Qt on a 1366×768 screen at 200 % (683×384 logical pixels)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def report_at_200_percent(tmp_path: Path, script: str) -> dict[str, object]:
    """Run ``script`` offscreen on that screen and return the JSON object it prints last.

    A child process, because the scale factor is read once, when Qt starts.
    """
    laptop = {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768}
    screen = {**laptop, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"windowFrameMargins": True, "screens": [screen]}), "utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": "2",
    }
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=Path(__file__).parents[2],
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["area"] == [683, 384]  # the scale factor took effect
    return report
