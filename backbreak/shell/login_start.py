"""Start at login for the settings dialog, over the platform's autostart backend.

The General tab names what it needs as :class:`backbreak.ui.settings.general.LoginStart`; this
is the real one, so the dialog never imports the platform.
"""

from __future__ import annotations

from backbreak.platform.autostart import Autostart, AutostartError
from backbreak.platform.autostart.status import login_status
from backbreak.ui.settings.general import LoginStartError


class SystemLoginStart:
    """``autostart``'s state and changes, with its errors as :class:`LoginStartError`."""

    def __init__(self, autostart: Autostart) -> None:
        self._autostart = autostart

    @property
    def supported(self) -> bool:
        return self._autostart.name != "null"

    def is_enabled(self) -> bool:
        return self._autostart.is_enabled()

    def enable(self) -> None:
        try:
            self._autostart.enable()
        except AutostartError as error:
            raise LoginStartError(str(error)) from error

    def disable(self) -> None:
        try:
            self._autostart.disable()
        except AutostartError as error:
            raise LoginStartError(str(error)) from error

    def status(self) -> str:
        return login_status(self._autostart)
