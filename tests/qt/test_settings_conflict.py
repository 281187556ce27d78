"""The dialog's check for edits made meanwhile reads the settings file with the same bounds."""

from __future__ import annotations

import os
from pathlib import Path

from backbreak.ui.settings.conflict import fingerprint
from tests.hostile import make_fifo, posix_only, run_child


@posix_only
def test_a_fifo_for_a_settings_file_does_not_hang_the_check(tmp_path: Path) -> None:
    path = make_fifo(tmp_path / "settings.toml")
    done = run_child(
        "from pathlib import Path\n"
        "from backbreak.ui.settings.conflict import fingerprint\n"
        f"print(fingerprint(Path({str(path)!r})))\n",
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.stdout.strip() == "unreadable: not a regular file (it is a FIFO)", done.stderr


def test_an_oversized_file_is_not_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b"#" * (8 * 1024 * 1024))
    assert fingerprint(path) == "unreadable: larger than 256 KiB (the limit for this file)"


def test_a_regular_file_is_its_bytes(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b"schema_version = 1\n")
    assert fingerprint(path) == b"schema_version = 1\n"
    assert fingerprint(tmp_path / "missing.toml") is None
