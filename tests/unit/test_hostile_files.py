"""Settings, state, site and exercise files are read with bounds: regular files only, no blocking,
at most a fixed size, and a message that says which rule was broken."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from backbreak.config.layers import load_layered
from backbreak.config.loader import read_settings
from backbreak.config.state import AppState, load_state
from tests.hostile import link_to_zero, make_fifo, posix_only, run_child

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
BIG = 50 * 1024 * 1024

pytestmark = posix_only


def big_comment_file(path: Path, size: int = BIG) -> Path:
    line = b"# " + b"x" * 97 + b"\n"
    with path.open("wb") as stream:
        for _ in range(size // len(line)):
            stream.write(line)
    return path


def test_a_settings_file_that_is_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    path = make_fifo(tmp_path / "settings.toml")
    done = run_child(
        "from pathlib import Path\n"
        "from backbreak.config.loader import read_settings\n"
        "try:\n"
        f"    read_settings(Path({str(path)!r}))\n"
        "except OSError as exc:\n"
        "    print('refused:', exc)\n"
    )
    assert "refused:" in done.stdout, done.stderr
    assert "not a regular file" in done.stdout


@pytest.mark.parametrize("name", ["settings.toml", "state.toml", "site.toml"])
def test_files_linked_to_dev_zero_are_refused_without_reading_it(tmp_path: Path, name: str) -> None:
    path = link_to_zero(tmp_path / name)
    done = run_child(
        "from datetime import UTC, datetime\n"
        "from pathlib import Path\n"
        "from backbreak.config.layers import load_layered\n"
        "from backbreak.config.state import load_state\n"
        f"path = Path({str(path)!r})\n"
        "now = datetime.now(UTC)\n"
        f"if {name!r} == 'state.toml':\n"
        "    print('state:', load_state(path, now))\n"
        f"elif {name!r} == 'site.toml':\n"
        "    print(*load_layered(path.with_name('user.toml'), [path], now, quarantine=False)"
        ".problems)\n"
        "else:\n"
        "    print(*load_layered(path, [], now, quarantine=True).problems)\n"
    )
    assert done.returncode == 0, done.stderr
    if name == "state.toml":
        assert "state: AppState(safety_note_seen=False)" in done.stdout
    else:
        assert "not a regular file" in done.stdout


def test_a_huge_settings_file_is_refused_naming_the_limit(tmp_path: Path) -> None:
    path = big_comment_file(tmp_path / "settings.toml")
    with pytest.raises(OSError, match="larger than 256 KiB"):
        read_settings(path)
    layered = load_layered(path, [], NOW, quarantine=True)
    (problem,) = layered.problems
    assert "larger than 256 KiB" in problem
    assert layered.read_only  # not understood, so never overwritten
    assert path.stat().st_size == BIG  # and left where it is


def test_a_huge_site_file_is_skipped_naming_the_limit(tmp_path: Path) -> None:
    site = big_comment_file(tmp_path / "site.toml")
    layered = load_layered(tmp_path / "user.toml", [site], NOW, quarantine=False)
    (problem,) = layered.problems
    assert str(site) in problem
    assert "larger than 256 KiB" in problem


def test_a_huge_state_file_is_not_read_but_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "state.toml"
    path.write_bytes(b"safety_note_seen = true\n")
    with path.open("ab") as stream:
        stream.write(b"#" * BIG + b"\n")
    assert load_state(path, NOW) == AppState()
    (moved,) = tmp_path.glob("state.toml.corrupt-*")
    assert moved.stat().st_size == BIG + len(b"safety_note_seen = true\n") + 1


def test_a_symlink_to_a_regular_settings_file_is_fine(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "backbreak.toml"
    real.parent.mkdir()
    real.write_text("[schedule]\ninterval_minutes = 30\n", encoding="utf-8")
    link = tmp_path / "settings.toml"
    link.symlink_to(real)
    assert read_settings(link).settings.schedule.interval_minutes == 30


def test_plan_with_a_fifo_for_settings_warns_and_plans_on_the_defaults(tmp_path: Path) -> None:
    config = tmp_path / "config"
    (config / "backbreak").mkdir(parents=True)
    make_fifo(config / "backbreak" / "settings.toml")
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(config),
        "XDG_CONFIG_DIRS": str(tmp_path / "none"),
    }
    done = run_child(
        "", args=("-m", "backbreak", "plan", "--from", "2026-03-02T08:00+00:00"), env=env
    )
    assert done.returncode == 0, done.stderr
    assert "not a regular file" in done.stderr
    assert done.stdout.strip()
