"""Private user folders for tests that run the command line: never the user's own history,
settings or running app."""

from __future__ import annotations

from pathlib import Path

import pytest


def private_homes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the runtime, data, config and site folders below ``tmp_path``; return the
    runtime folder (mode 0700, as the instance socket wants it)."""
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "site"))
    return runtime
