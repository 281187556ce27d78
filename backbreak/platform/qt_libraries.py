"""Can Qt start here? Asked before QApplication exists, because Qt answers "no" by aborting.

When the platform plugin Qt picks cannot be loaded (a system library is missing), Qt prints
"could not load the Qt platform plugin" and calls abort(): nothing after it runs and the
process dies with SIGABRT. So the check runs first, in-process: import QtGui (which needs
the OpenGL and font libraries) and dlopen() the platform plugin file Qt would load. Both
are what QApplication does a moment later anyway, so on a working machine the check only
loads them earlier; the slow part (``ldd``, to name every missing library) runs only once a
load has failed.
"""

from __future__ import annotations

import os
import sys

# ctypes' own dlopen(); ``import ctypes`` alone would add 2 ms to every start (measured), and
# so would the subprocess machinery of qt_packages, imported only once a load has failed.
from _ctypes import dlopen
from collections.abc import Mapping, Sequence
from pathlib import Path

# The Qt libraries behind the PySide6 modules the tray app imports before QApplication. Asked
# of ``ldd`` instead of the extension modules themselves, which find libshiboken and libpyside
# only because Python loaded them first.
_MODULES = ("Core", "Gui", "Widgets", "DBus")


def qt_start_problem() -> str | None:
    """One line saying why Qt cannot start here, or None when it can (or cannot be told)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        from PySide6.QtCore import QLibraryInfo
        from PySide6.QtGui import QGuiApplication  # noqa: F401  (loads libEGL, libfontconfig...)
    except ImportError as exc:
        if (problem := import_problem(str(exc), qt_library_files())) is None:
            raise  # not a missing library: the traceback says more than a line would
        return problem
    plugins = QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)
    return platform_problem(os.environ, plugin_folders(os.environ, Path(plugins)))


def qt_library_files() -> list[Path]:
    """The Qt libraries PySide6 carries, found without importing it."""
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return []
    folder = Path(next(iter(spec.submodule_search_locations))) / "Qt" / "lib"
    return [f for name in _MODULES if (f := folder / f"libQt6{name}.so.6").is_file()]


def import_problem(error: str, modules: Sequence[Path]) -> str | None:
    """The line for an ImportError of PySide6; None when it was not a missing library."""
    from backbreak.platform.qt_packages import install_line, soname_in, unresolved_libraries

    first = soname_in(error)
    if first is None:
        return None
    missing = unresolved_libraries(modules) or [first]
    return f"Qt cannot start: {install_line(missing)}"


def platform_names(env: Mapping[str, str]) -> list[str]:
    """The platform plugins Qt will try, in order (QGuiApplication's own choice)."""
    chosen = env.get("QT_QPA_PLATFORM", "")
    if chosen:
        names = [entry.split(":", 1)[0].strip() for entry in chosen.split(";")]
        return [name for name in names if name]
    wayland = bool(env.get("WAYLAND_DISPLAY")) or env.get("XDG_SESSION_TYPE") == "wayland"
    return ["wayland", "xcb"] if wayland else ["xcb"]


def plugin_folders(env: Mapping[str, str], installed: Path) -> list[Path]:
    """Where Qt looks for platform plugins: its override, then each plugin path."""
    folders = []
    if override := env.get("QT_QPA_PLATFORM_PLUGIN_PATH"):
        folders.append(Path(override))
    folders.append(installed / "platforms")
    for entry in env.get("QT_PLUGIN_PATH", "").split(os.pathsep):
        if entry:
            folders.append(Path(entry) / "platforms")
    return folders


def plugin_files(name: str, folders: Sequence[Path]) -> list[Path]:
    """The files that can provide platform ``name`` (all Wayland flavours share one)."""
    stem = "wayland" if name.startswith("wayland") else name
    return [f for folder in folders if (f := folder / f"libq{stem}.so").is_file()]


def platform_problem(env: Mapping[str, str], folders: Sequence[Path]) -> str | None:
    """The line for platform plugins that cannot load; None as soon as one Qt tries loads.

    A platform whose plugin file is nowhere to be found is left to Qt, which lists the
    plugins it has: that is a packaging fault, not a missing system library.
    """
    failed: list[tuple[Path, str]] = []
    for name in platform_names(env):
        for path in plugin_files(name, folders):
            try:
                dlopen(str(path), os.RTLD_LAZY | os.RTLD_LOCAL)  # Qt's own flags
            except OSError as exc:
                failed.append((path, str(exc)))
            else:
                return None
    if not failed:
        return None
    from backbreak.platform.qt_packages import install_line, soname_in, unresolved_libraries

    missing = unresolved_libraries(path for path, _ in failed)
    if not missing:
        missing = [found for _, error in failed if (found := soname_in(error))]
    if not missing:
        return f"Qt cannot start: its platform plugin does not load: {failed[0][1]}"
    return f"Qt cannot start: {install_line(list(dict.fromkeys(missing)))}"
