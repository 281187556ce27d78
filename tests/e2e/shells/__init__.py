"""The desktops backbreak's users run, started headless for end-to-end tests.

One module per shell (:mod:`.gnome`, :mod:`.plasma`, :mod:`.sway`) on a common base
(:mod:`.common`), following the recipes verified on Debian 12 as root. No pytest imports here:
``bench/prompt_latency.py`` uses these outside pytest.
"""

from __future__ import annotations

from pathlib import Path

from tests.e2e.shells.common import Shell

#: The variants the tests run in.
VARIANTS = ("gnome-wayland", "gnome-xwayland", "plasma-wayland", "sway")


def shell_class(variant: str) -> type[Shell]:
    if variant.startswith("gnome"):
        from tests.e2e.shells.gnome import GnomeShell

        return GnomeShell
    if variant == "plasma-wayland":
        from tests.e2e.shells.plasma import PlasmaShell

        return PlasmaShell
    if variant == "sway":
        from tests.e2e.shells.sway import SwayShell

        return SwayShell
    raise ValueError(f"unknown shell variant {variant!r}")


def make_shell(variant: str, log_dir: Path, *, tray: bool = True) -> Shell:
    """A shell for ``variant`` (one of :data:`VARIANTS`), not started yet."""
    if variant.startswith("gnome"):
        from tests.e2e.shells.gnome import GnomeShell

        return GnomeShell(log_dir, tray=tray, xwayland=variant == "gnome-xwayland")
    return shell_class(variant)(log_dir, tray=tray)
