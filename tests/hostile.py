"""Hostile files for reader tests: a FIFO, a link to an endless device, and a safe way to try them.

A reader that blocks on a FIFO or reads ``/dev/zero`` to the end would hang or exhaust the test
run itself, so such a read is tried in a child process with a time limit and a memory cap: a
reader that misbehaves fails its test instead of taking the suite down.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TIME_LIMIT = 30.0
"""Seconds; a bounded read answers in milliseconds, an unbounded one never."""
MEMORY_LIMIT = 2 * 1024**3
"""Bytes of address space for the child: a runaway read stops with MemoryError, not the host."""
ROOT = Path(__file__).resolve().parent.parent

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev/zero are POSIX")


def make_fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def link_to_zero(path: Path) -> Path:
    path.symlink_to("/dev/zero")
    return path


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_child(
    code: str, *, env: dict[str, str] | None = None, args: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """Run ``code`` (or, with ``args``, ``python args...``) in a child that cannot hang the run.

    Fails the calling test when the child is still running after :data:`TIME_LIMIT`.
    """
    command = [sys.executable, *args] if args else [sys.executable, "-c", code]
    try:
        return subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=TIME_LIMIT,
            cwd=ROOT,
            env=env,
            preexec_fn=_limit_memory,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running after {TIME_LIMIT} s (blocked on a hostile file?)")
