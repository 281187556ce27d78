"""Which system package provides a shared library Qt needs, and the one line that says so.

PySide6's wheels carry Qt but not the X11, Wayland, OpenGL and font libraries Qt loads from
the system; a fresh Debian or Fedora often lacks some. Qt itself then aborts with "could not
load the Qt platform plugin ... Reinstalling the application may fix this problem", which
names neither the library nor the package. This table and message do.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path

# soname -> (Debian/Ubuntu package, Fedora package)
PACKAGES: dict[str, tuple[str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxcb-xinerama.so.0": ("libxcb-xinerama0", "libxcb"),
    "libxcb-glx.so.0": ("libxcb-glx0", "libxcb"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libXext.so.6": ("libxext6", "libXext"),
    "libSM.so.6": ("libsm6", "libSM"),
    "libICE.so.6": ("libice6", "libICE"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libGLX.so.0": ("libglx0", "libglvnd-glx"),
    "libOpenGL.so.0": ("libopengl0", "libglvnd-opengl"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libwayland-client.so.0": ("libwayland-client0", "libwayland-client"),
    "libwayland-cursor.so.0": ("libwayland-cursor0", "libwayland-cursor"),
    "libwayland-egl.so.1": ("libwayland-egl1", "libwayland-egl"),
    "libpulse.so.0": ("libpulse0", "pulseaudio-libs"),
}

# What ld.so and dlerror() say for a library they cannot find.
_CANNOT_OPEN = re.compile(r"([\w.+-]+\.so(?:\.\d+)*): cannot open shared object file")
_LDD_NOT_FOUND = re.compile(r"^\s*(\S+) => not found\s*$", re.MULTILINE)


def soname_in(error: str) -> str | None:
    """The library named by a loader error such as an ImportError's or dlopen()'s, if any."""
    match = _CANNOT_OPEN.search(error)
    return match.group(1) if match else None


def unresolved_libraries(files: Iterable[Path]) -> list[str]:
    """Every library, direct or indirect, that the loader cannot find for these files.

    Asks ``ldd`` (glibc's own resolution: RUNPATH, ld.so.cache, LD_LIBRARY_PATH). Only called
    once Qt is known not to start, so the subprocess costs nothing on a working machine.
    """
    ldd = shutil.which("ldd")
    paths = [str(f) for f in files]
    if ldd is None or not paths:
        return []
    try:
        done = subprocess.run(
            [ldd, *paths], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return []
    return list(dict.fromkeys(_LDD_NOT_FOUND.findall(done.stdout)))


def install_line(missing: Sequence[str]) -> str:
    """One line naming the missing libraries and the commands that install them."""
    names = ", ".join(missing)
    known = [PACKAGES[name] for name in missing if name in PACKAGES]
    unknown = [name for name in missing if name not in PACKAGES]
    parts = [f"missing {names}"]
    if known:
        debian = " ".join(dict.fromkeys(deb for deb, _ in known))
        fedora = " ".join(dict.fromkeys(fed for _, fed in known))
        pronoun = "it" if len(missing) == 1 else "them"
        parts.append(f" — install {pronoun} with: sudo apt install {debian}")
        parts.append(f" (Fedora: sudo dnf install {fedora})")
    if unknown:
        parts.append(f"; to find the package of {unknown[0]}: apt-file search {unknown[0]}")
    return "".join(parts)
