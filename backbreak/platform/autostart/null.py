"""The fallback where backbreak does not know how to start at login."""

from __future__ import annotations

from backbreak.platform.autostart.base import AutostartError

NOT_SUPPORTED = "start at login is not supported on this system"
UNSUPPORTED = "not supported on this system"


class NullAutostart:
    """Always off; turning it on explains that it is not supported here."""

    name = "null"

    def __init__(self, detail: str = "") -> None:
        self._detail = detail

    def is_enabled(self) -> bool:
        return False

    def enable(self) -> None:
        raise AutostartError(NOT_SUPPORTED)

    def disable(self) -> None:
        """Nothing was ever written, so there is nothing to remove."""

    def describe(self) -> str:
        return f"{UNSUPPORTED} ({self._detail})" if self._detail else UNSUPPORTED
