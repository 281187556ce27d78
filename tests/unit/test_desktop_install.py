"""`make install-desktop` / `make uninstall-desktop`, for real in a temporary XDG_DATA_HOME."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from backbreak import APP_ID
from backbreak.platform.autostart import desktop_entry as de
from backbreak.platform.autostart import launch_command
from backbreak.platform.desktop_install import (
    MANIFEST,
    DesktopInstallError,
    data_home,
    install,
    main,
    uninstall,
)

ROOT = Path(__file__).resolve().parents[2]
COMMAND = ["/home/jo/My Apps/venv/bin/backbreak"]
LAUNCHER = Path("applications") / f"{APP_ID}.desktop"
EXPECTED = {
    LAUNCHER,
    Path("metainfo") / f"{APP_ID}.metainfo.xml",
    Path("icons/hicolor/scalable/apps") / f"{APP_ID}.svg",
    Path("icons/hicolor/symbolic/apps") / f"{APP_ID}-symbolic.svg",
}


def tree(folder: Path) -> set[Path]:
    return {path.relative_to(folder) for path in folder.rglob("*")}


def files(folder: Path) -> set[Path]:
    return {path.relative_to(folder) for path in folder.rglob("*") if path.is_file()}


def test_data_home_respects_xdg_data_home_and_ignores_a_relative_one(tmp_path: Path) -> None:
    assert data_home({"XDG_DATA_HOME": str(tmp_path / "d"), "HOME": "/h"}) == tmp_path / "d"
    assert data_home({"XDG_DATA_HOME": "rel", "HOME": "/h"}) == Path("/h/.local/share")
    assert data_home({"HOME": "/h"}) == Path("/h/.local/share")


def test_install_puts_the_files_in_place_with_exec_at_the_installed_backbreak(
    tmp_path: Path,
) -> None:
    written = install(tmp_path, COMMAND)

    assert files(tmp_path) == EXPECTED | {MANIFEST}
    assert set(written) == {tmp_path / name for name in EXPECTED}
    values = de.read_group((tmp_path / LAUNCHER).read_text(encoding="utf-8"))
    assert de.parse_exec(values["Exec"]) == COMMAND
    assert de.unescape_string(values["TryExec"]) == COMMAND[0]
    assert values["Icon"] == APP_ID
    for name in EXPECTED - {LAUNCHER}:  # the rest are copied as shipped
        shipped = ROOT / "packaging" / "linux" / ("icons/" if "icons" in name.parts else "")
        assert (tmp_path / name).read_bytes() == (shipped / name.name).read_bytes()


def test_the_installed_launcher_passes_desktop_file_validate(tmp_path: Path) -> None:
    install(tmp_path, COMMAND)
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate is not installed (Debian package desktop-file-utils)")

    result = subprocess.run([tool, str(tmp_path / LAUNCHER)], capture_output=True, text=True)

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout + result.stderr == ""


def test_by_default_exec_is_the_same_command_as_start_at_login(tmp_path: Path) -> None:
    install(tmp_path)

    values = de.read_group((tmp_path / LAUNCHER).read_text(encoding="utf-8"))
    assert de.parse_exec(values["Exec"]) == launch_command()


def test_uninstall_leaves_nothing_behind(tmp_path: Path) -> None:
    home = tmp_path / "share"
    install(home, COMMAND)
    install(home, COMMAND)  # again: nothing changes

    removed, kept = uninstall(home)

    assert set(removed) == {home / name for name in EXPECTED}
    assert kept == []
    assert not any(home.iterdir())  # every folder install made is gone too


def test_uninstall_never_removes_files_or_folders_it_did_not_write(tmp_path: Path) -> None:
    other_app = tmp_path / "applications" / "org.example.Other.desktop"
    other_app.parent.mkdir()
    other_app.write_text("[Desktop Entry]\n", encoding="utf-8")
    install(tmp_path, COMMAND)
    # A file that another program puts into a folder install created.
    other_icon = tmp_path / "icons/hicolor/scalable/apps/org.example.Other.svg"
    other_icon.write_text("<svg/>", encoding="utf-8")

    uninstall(tmp_path)

    assert tree(tmp_path) == {
        Path("applications"),
        Path("applications/org.example.Other.desktop"),
        Path("icons"),
        Path("icons/hicolor"),
        Path("icons/hicolor/scalable"),
        Path("icons/hicolor/scalable/apps"),
        Path("icons/hicolor/scalable/apps/org.example.Other.svg"),
    }


def test_a_file_changed_since_install_is_left_alone_and_stays_recorded(tmp_path: Path) -> None:
    install(tmp_path, COMMAND)
    edited = tmp_path / LAUNCHER
    edited.write_text(edited.read_text(encoding="utf-8") + "NoDisplay=true\n", encoding="utf-8")

    _removed, kept = uninstall(tmp_path)

    assert kept == [edited]
    assert files(tmp_path) == {LAUNCHER, MANIFEST}
    edited.unlink()
    assert uninstall(tmp_path) == ([], [])
    assert not any(tmp_path.iterdir())


def test_install_never_overwrites_a_launcher_it_did_not_write(tmp_path: Path) -> None:
    mine = tmp_path / LAUNCHER
    mine.parent.mkdir()
    mine.write_text("[Desktop Entry]\nName=my own\n", encoding="utf-8")

    with pytest.raises(DesktopInstallError, match="not written by backbreak"):
        install(tmp_path, COMMAND)

    assert mine.read_text(encoding="utf-8") == "[Desktop Entry]\nName=my own\n"
    assert tree(tmp_path) == {Path("applications"), LAUNCHER}  # nothing else was written


def test_a_symlink_at_a_target_is_never_followed_or_replaced(tmp_path: Path) -> None:
    install(tmp_path, COMMAND)
    outside = tmp_path / "outside.svg"
    outside.write_text("<svg/>", encoding="utf-8")
    icon = tmp_path / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg"
    icon.unlink()
    icon.symlink_to(outside)

    with pytest.raises(DesktopInstallError):
        install(tmp_path, COMMAND)
    _removed, kept = uninstall(tmp_path)

    assert icon.is_symlink()
    assert kept == [icon]
    assert outside.read_text(encoding="utf-8") == "<svg/>"


def test_reinstall_with_a_new_command_updates_the_launcher(tmp_path: Path) -> None:
    install(tmp_path, COMMAND)

    written = install(tmp_path, ["/opt/elsewhere/backbreak"])

    assert written == [tmp_path / LAUNCHER]
    values = de.read_group((tmp_path / LAUNCHER).read_text(encoding="utf-8"))
    assert de.parse_exec(values["Exec"]) == ["/opt/elsewhere/backbreak"]


def test_a_damaged_or_hostile_record_stops_both_and_removes_nothing(tmp_path: Path) -> None:
    install(tmp_path, COMMAND)
    before = tree(tmp_path)
    (tmp_path / MANIFEST).write_text('{"files": {"../../etc/passwd": "x"}}', encoding="utf-8")
    with pytest.raises(DesktopInstallError, match="outside"):
        uninstall(tmp_path)
    (tmp_path / MANIFEST).write_text("{not json", encoding="utf-8")
    with pytest.raises(DesktopInstallError, match="damaged"):
        uninstall(tmp_path)
    with pytest.raises(DesktopInstallError, match="damaged"):
        install(tmp_path, COMMAND)

    assert tree(tmp_path) == before


class Calls:
    def __init__(self) -> None:
        self.argvs: list[list[str]] = []

    def __call__(self, argv: Sequence[str]) -> int:
        self.argvs.append(list(argv))
        return 1  # a failing tool is not an error


def test_caches_are_refreshed_only_where_they_exist(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tools = tmp_path / "bin"
    tools.mkdir()
    for tool in ("update-desktop-database", "gtk-update-icon-cache"):
        (tools / tool).write_text("#!/bin/sh\n", encoding="utf-8")
        (tools / tool).chmod(0o755)
    monkeypatch.setenv("PATH", str(tools))
    home = tmp_path / "share"
    calls = Calls()

    install(home, COMMAND, run=calls)
    assert calls.argvs == []  # no cache to refresh, and none is created

    (home / "applications" / "mimeinfo.cache").write_text("", encoding="utf-8")
    (home / "icons" / "hicolor" / "icon-theme.cache").write_bytes(b"")
    uninstall(home, run=calls)
    assert calls.argvs == [
        ["update-desktop-database", "-q", str(home / "applications")],
        ["gtk-update-icon-cache", "-q", "-f", "-t", str(home / "icons" / "hicolor")],
    ]


def test_missing_cache_tools_are_fine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    install(tmp_path, COMMAND)
    (tmp_path / "applications" / "mimeinfo.cache").write_text("", encoding="utf-8")

    assert uninstall(tmp_path)[1] == []


def test_the_command_line_installs_and_uninstalls(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path), "HOME": str(tmp_path / "home")}

    assert main(["install"], env) == 0
    assert (tmp_path / LAUNCHER).is_file()
    assert APP_ID in capsys.readouterr().out
    assert main(["uninstall"], env) == 0
    assert f"removed {tmp_path / LAUNCHER}" in capsys.readouterr().out
    assert not any(tmp_path.iterdir())


def test_the_tray_app_does_not_import_the_installer() -> None:
    code = (
        "import sys, backbreak.app, backbreak.cli; "
        "sys.exit('backbreak.platform.desktop_install' in sys.modules)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    assert subprocess.run([sys.executable, "-c", code], env=env, check=False).returncode == 0


def test_without_the_source_tree_install_says_where_the_files_come_from(tmp_path: Path) -> None:
    with pytest.raises(DesktopInstallError, match="packaging/linux"):
        install(tmp_path / "share", COMMAND, source=tmp_path / "nowhere")

    assert not (tmp_path / "share").exists()
