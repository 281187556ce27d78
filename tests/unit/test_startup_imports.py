"""What start-up loads: kept lean because backbreak runs all day (see bench/)."""

from __future__ import annotations

import subprocess
import sys


def loaded_after(code: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    return set(result.stdout.split())


def test_the_scheduler_loads_without_openssl_and_ssl_still_imports_later() -> None:
    modules = loaded_after("import backbreak.scheduling")
    assert "apscheduler" in modules
    assert "ssl" not in modules
    assert "_ssl" not in modules
    later = loaded_after("import backbreak.scheduling, ssl\nassert ssl.OPENSSL_VERSION")
    assert "ssl" in later


def test_plan_does_not_load_qt_or_the_scheduler() -> None:
    modules = loaded_after(
        "from backbreak.cli import main\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['plan', '--from', '2026-03-02T08:00'])"
    )
    assert "backbreak.core.plan" in modules
    assert not {m for m in modules if m.startswith(("PySide6", "apscheduler"))}
