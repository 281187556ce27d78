"""The ``desktop`` fixture: a private headless desktop (Xvfb + trayer + session bus) per test."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest

from tests.e2e.desktop import Desktop, StartDesktop, missing_tools
from tests.e2e.offscreen import env, launch  # noqa: F401  (fixtures for the offscreen tests)

ARTIFACTS = Path(__file__).parent / "artifacts"
#: The screenshots README.md shows; every e2e run writes them afresh (commit them when they
#: change), and tests/unit/test_readme_screenshots.py checks each one has a test that does.
SCREENSHOTS = Path(__file__).resolve().parents[2] / "packaging" / "screenshots"

_reports = pytest.StashKey[dict[str, pytest.TestReport]]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    item.stash.setdefault(_reports, {})[report.when] = report
    return report


@pytest.fixture
def artifacts() -> Path:
    """Where e2e tests save screenshots (git-ignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def screenshots() -> Iterator[Path]:
    """Where e2e tests save the screenshots the README shows (kept in git).

    Those the test wrote lose their metadata afterwards (ImageMagick stamps the time into each
    PNG), so a picture that looks the same is the same file and git sees no change."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    started = time.time()
    yield SCREENSHOTS
    written = [str(p) for p in SCREENSHOTS.glob("*.png") if p.stat().st_mtime >= started]
    if written and shutil.which("mogrify"):
        subprocess.run(["mogrify", "-strip", *written], check=True, timeout=60)


@pytest.fixture
def start_desktop(request: pytest.FixtureRequest, artifacts: Path) -> Iterator[StartDesktop]:
    """Starts the :class:`Desktop` (or subclass) it is given, skipping the test where the tools
    are missing. Afterwards everything it ran is killed (with a screenshot and the logs when
    the test failed), and the test errors if a process it started had escaped its process
    group (it would outlive the session)."""
    started: list[Desktop] = []

    def start(desk: Desktop) -> Desktop:
        missing = missing_tools()
        if missing:
            pytest.skip("e2e tests need a headless X desktop; missing: " + ", ".join(missing))
        started.append(desk)
        desk.start()
        return desk

    yield start
    leaked = []
    for desk in reversed(started):
        report = request.node.stash.get(_reports, {}).get("call")
        if report is not None and report.failed:
            _record_failure(desk, request.node.name, artifacts)
        leaked += desk.stop()
    assert not leaked, "processes left behind after the test:\n" + "\n".join(map(str, leaked))


@pytest.fixture
def desktop(tmp_path: Path, start_desktop: StartDesktop) -> Desktop:
    """A started headless X desktop with a tray (see :func:`start_desktop`)."""
    return start_desktop(Desktop(tmp_path / "desktop"))


def _record_failure(desk: Desktop, test_name: str, artifacts: Path) -> None:
    """Screenshot plus the logs of everything the test started, shown with the failure."""
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", test_name)
    try:
        shot = desk.screenshot(artifacts / f"failed-{slug}.png")
        print(f"screen at failure: {shot}")
    except Exception as exc:  # the report matters more than the picture
        print(f"no screenshot: {exc}")
    for log in sorted(desk.logs.glob("*.log")):
        print(f"----- {log.name} -----\n{desk.log_text(log.stem)}")
    for log in sorted((desk.home / ".local" / "state").rglob("*.log*")):
        print(f"----- {log} -----\n{log.read_text(errors='replace')[-4000:]}")
