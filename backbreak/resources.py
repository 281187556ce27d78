"""One place that knows where runtime assets live.

A wheel carries them as ``backbreak/_resources``; a checkout or editable
install finds the top-level ``resources/`` next to the package.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """The folder holding icons, exercise data and illustrations."""
    for candidate in (_PACKAGE_DIR / "_resources", _PACKAGE_DIR.parent / "resources"):
        if (candidate / "icons").is_dir():
            return candidate
    raise FileNotFoundError(f"backbreak resources not found next to {_PACKAGE_DIR}")


def resource_path(*parts: str) -> Path:
    """Path of one asset, e.g. ``resource_path("icons", "backbreak.svg")``."""
    path = resources_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"missing resource: {path}")
    return path
