"""The instance socket's folder: ours alone, whatever other local users put in /tmp first."""

from __future__ import annotations

import logging
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from backbreak.platform import instance_folder
from backbreak.platform.instance_client import InstanceError
from backbreak.platform.instance_folder import folder_problem, instance_address

NOBODY = 65534
as_root = pytest.mark.skipif(os.getuid() != 0, reason="giving a folder to another user needs root")


@pytest.fixture
def temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A temp dir like /tmp (sticky, writable by all) and no runtime folder from the session.

    Short, as the real one is: socket addresses must fit in about 100 bytes.
    """
    base = Path(tempfile.mkdtemp(prefix="bb-"))
    base.chmod(0o1777)
    monkeypatch.setattr("tempfile.gettempdir", lambda: str(base))
    monkeypatch.setattr(instance_folder, "_SHORT_TEMP", base)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    # What platformdirs falls back to without XDG_RUNTIME_DIR.
    runtime = base / f"runtime-{os.getuid()}" / "backbreak"
    monkeypatch.setattr("platformdirs.user_runtime_path", lambda name: runtime)
    yield base
    shutil.rmtree(base)


def hijack(path: Path, mode: int = 0o777) -> None:
    """What another local user can do in /tmp before we get there."""
    path.mkdir()
    os.chown(path, NOBODY, NOBODY)
    path.chmod(mode)


def assert_private(address: str) -> None:
    folder = Path(address).parent
    info = os.lstat(folder)
    assert stat.S_ISDIR(info.st_mode)
    assert info.st_uid == os.getuid()
    assert stat.S_IMODE(info.st_mode) == 0o700
    assert len(os.fsencode(address)) <= 100
    assert folder_problem(folder) is None


def test_the_runtime_folder_is_created_private(temp: Path) -> None:
    address = instance_address()
    assert address == str(temp / f"runtime-{os.getuid()}" / "backbreak" / "instance.sock")
    assert_private(address)
    assert stat.S_IMODE(os.lstat(temp / f"runtime-{os.getuid()}").st_mode) == 0o700
    assert instance_address() == address


@as_root
def test_folders_taken_by_another_user_are_refused_and_a_private_one_recorded(
    temp: Path, caplog: pytest.LogCaptureFixture
) -> None:
    hijack(temp / f"runtime-{os.getuid()}")
    hijack(temp / f"backbreak-{os.getuid()}", 0o700)
    with caplog.at_level(logging.WARNING, logger="backbreak.platform.instance_folder"):
        address = instance_address()
    assert_private(address)
    folder = Path(address).parent
    assert folder.parent == temp
    assert folder.name.startswith(f"backbreak-{os.getuid()}-")
    assert f"belongs to uid {NOBODY}" in caplog.text
    assert str(temp / f"backbreak-{os.getuid()}") in caplog.text
    # Every later process agrees on the same folder.
    assert instance_address() == address
    assert instance_address() == address


def test_a_symbolic_link_and_a_loose_folder_are_refused(
    temp: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    runtime = temp / f"runtime-{os.getuid()}"
    runtime.mkdir(mode=0o700)
    (runtime / "backbreak").symlink_to(elsewhere)
    loose = temp / f"backbreak-{os.getuid()}"
    loose.mkdir()
    loose.chmod(0o777)
    with caplog.at_level(logging.WARNING, logger="backbreak.platform.instance_folder"):
        address = instance_address()
    assert_private(address)
    assert Path(address).parent not in (runtime / "backbreak", loose)
    assert "has mode 0777, not 0700" in caplog.text
    assert "symbolic link" in caplog.text
    assert list(elsewhere.iterdir()) == []


def test_a_folder_under_a_parent_others_may_write_to_is_refused(
    temp: Path, caplog: pytest.LogCaptureFixture
) -> None:
    parent = temp / f"runtime-{os.getuid()}"
    parent.mkdir()
    parent.chmod(0o777)  # ours, but anyone could swap our folder for theirs
    with caplog.at_level(logging.WARNING, logger="backbreak.platform.instance_folder"):
        address = instance_address()
    assert Path(address).parent == temp / f"backbreak-{os.getuid()}"
    assert_private(address)
    assert f"has a parent {parent} that other users may write to" in caplog.text


@as_root
def test_a_record_pointing_at_someone_elses_folder_is_replaced(temp: Path) -> None:
    hijack(temp / f"runtime-{os.getuid()}")
    hijack(temp / f"backbreak-{os.getuid()}")
    first = Path(instance_address()).parent
    # The recorded folder disappears (a reboot cleaned /tmp) and another user takes its name.
    first.rmdir()
    hijack(first, 0o700)
    second = instance_address()
    assert Path(second).parent != first
    assert_private(second)
    assert instance_address() == second


@as_root
def test_with_no_safe_place_at_all_the_error_is_an_instance_error(
    temp: Path, tmp_path: Path
) -> None:
    hijack(temp / f"runtime-{os.getuid()}")
    hijack(temp / f"backbreak-{os.getuid()}")
    hijack(tmp_path / "state")
    with pytest.raises(InstanceError, match="no private folder for the instance socket"):
        instance_address()
