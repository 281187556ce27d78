"""Which Qt platform plugins backbreak checks, and the line it prints when libraries are missing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from backbreak.platform.qt_libraries import platform_names, platform_problem, plugin_folders
from backbreak.platform.qt_packages import install_line, soname_in


@pytest.mark.parametrize(
    ("env", "names"),
    [
        ({"DISPLAY": ":0"}, ["xcb"]),
        ({}, ["xcb"]),
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, ["wayland", "xcb"]),
        ({"XDG_SESSION_TYPE": "wayland"}, ["wayland", "xcb"]),
        ({"WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "xcb"}, ["xcb"]),
        ({"QT_QPA_PLATFORM": "wayland-egl;xcb:fontengine=freetype"}, ["wayland-egl", "xcb"]),
        ({"QT_QPA_PLATFORM": "offscreen"}, ["offscreen"]),
    ],
)
def test_platform_names_follow_qt_choice(env: dict[str, str], names: list[str]) -> None:
    assert platform_names(env) == names


def test_plugin_folders_put_the_override_first_and_the_plugin_path_last() -> None:
    env = {"QT_QPA_PLATFORM_PLUGIN_PATH": "/over", "QT_PLUGIN_PATH": "/a::/b"}

    assert plugin_folders(env, Path("/qt/plugins")) == [
        Path("/over"),
        Path("/qt/plugins/platforms"),
        Path("/a/platforms"),
        Path("/b/platforms"),
    ]


def test_one_missing_library_names_its_packages() -> None:
    assert install_line(["libxcb-cursor.so.0"]) == (
        "missing libxcb-cursor.so.0 — install it with: sudo apt install libxcb-cursor0 "
        "(Fedora: sudo dnf install xcb-util-cursor)"
    )


def test_several_missing_libraries_name_each_package_once() -> None:
    line = install_line(["libxcb-randr.so.0", "libxcb-shm.so.0", "libEGL.so.1"])

    assert line == (
        "missing libxcb-randr.so.0, libxcb-shm.so.0, libEGL.so.1 — install them with: "
        "sudo apt install libxcb-randr0 libxcb-shm0 libegl1 "
        "(Fedora: sudo dnf install libxcb libglvnd-egl)"
    )


def test_a_library_without_a_known_package_says_how_to_find_it() -> None:
    assert install_line(["libfoo.so.3"]) == (
        "missing libfoo.so.3; to find the package of libfoo.so.3: apt-file search libfoo.so.3"
    )


def test_the_library_is_read_from_loader_errors() -> None:
    error = "/x/libqxcb.so: libxcb-cursor.so.0: cannot open shared object file: No such file"

    assert soname_in(error) == "libxcb-cursor.so.0"
    assert soname_in("undefined symbol: _ZN5QFont") is None


def test_a_platform_whose_plugin_is_nowhere_is_left_to_qt(tmp_path: Path) -> None:
    assert platform_problem({"QT_QPA_PLATFORM": "xcb"}, [tmp_path]) is None


def test_a_plugin_that_does_not_load_is_reported_unless_a_later_one_does(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "libqxcb.so").write_bytes(b"not an ELF file")
    env = {"QT_QPA_PLATFORM": "xcb"}

    problem = platform_problem(env, [broken])

    assert problem is not None
    assert problem.startswith("Qt cannot start: its platform plugin does not load: ")
    import PySide6

    good = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms"
    assert platform_problem(env, [broken, good]) is None


def test_the_check_on_a_working_machine_loads_neither_ctypes_nor_subprocess() -> None:
    """What a start with every library present pays: no ctypes, no ldd machinery."""
    code = (
        "import sys\n"
        "from backbreak.platform.qt_libraries import qt_start_problem\n"
        "assert qt_start_problem() is None\n"
        "print('\\n'.join(sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    modules = set(done.stdout.split())
    assert "backbreak.platform.qt_libraries" in modules
    assert not modules & {"ctypes", "subprocess", "backbreak.platform.qt_packages"}
