"""How the start-at-login state reads, the same in ``--diagnose`` and the settings dialog.

A backend's ``describe()`` only says where its entry is (or would be); the state comes first
here so that a line about an entry that is not there can't be read as the option being on.
"""

from __future__ import annotations

from backbreak.platform.autostart.base import Autostart


def login_status(autostart: Autostart) -> str:
    """``"on (desktop entry …)"``, ``"off (when on: desktop entry …)"`` or, where there is no
    backend, ``"not supported on this system (…)"``."""
    if autostart.name == "null":
        return autostart.describe()
    if autostart.is_enabled():
        return f"on ({autostart.describe()})"
    return f"off (when on: {autostart.describe()})"
