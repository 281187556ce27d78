r"""Start at login on Windows: the per-user ``HKCU\...\CurrentVersion\Run`` value "backbreak".

The registry is reached through :class:`Registry`, a three-method wrapper, so the logic runs
(and is tested) anywhere; ``winreg`` is imported only on Windows.

Task Manager's "Startup apps" page can switch an entry off without deleting it, by writing a
value of the same name under ``Explorer\StartupApproved\Run`` whose first byte is odd. That
counts as off here, and turning start at login on again removes that "off" mark.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import PureWindowsPath
from typing import Protocol

from backbreak.platform.autostart.base import APP_NAME, GUI_SCRIPT, AutostartError, reason

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
APPROVED_KEY = r"Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run"
VALUE_NAME = APP_NAME


class Registry(Protocol):
    """Values under ``HKEY_CURRENT_USER``; failures raise ``OSError``."""

    def get_value(self, key: str, name: str) -> str | bytes | None:
        """A string or binary value; ``None`` if the key or value is missing."""

    def set_string(self, key: str, name: str, value: str) -> None:
        """Create the key if needed and store ``value`` as ``REG_SZ``."""

    def delete_value(self, key: str, name: str) -> None:
        """Remove the value; a missing key or value is fine."""


if sys.platform == "win32":
    import winreg

    class WinRegistry:
        """:class:`Registry` over ``winreg``."""

        def get_value(self, key: str, name: str) -> str | bytes | None:
            try:
                with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key) as handle:
                    value, kind = winreg.QueryValueEx(handle, name)
            except FileNotFoundError:
                return None
            if kind in (winreg.REG_SZ, winreg.REG_EXPAND_SZ) and isinstance(value, str):
                return value
            if kind == winreg.REG_BINARY and isinstance(value, bytes):
                return value
            return None

        def set_string(self, key: str, name: str, value: str) -> None:
            with winreg.CreateKeyEx(
                winreg.HKEY_CURRENT_USER, key, 0, winreg.KEY_SET_VALUE
            ) as handle:
                winreg.SetValueEx(handle, name, 0, winreg.REG_SZ, value)

        def delete_value(self, key: str, name: str) -> None:
            try:
                with winreg.OpenKey(
                    winreg.HKEY_CURRENT_USER, key, 0, winreg.KEY_SET_VALUE
                ) as handle:
                    winreg.DeleteValue(handle, name)
            except FileNotFoundError:
                pass


def _system_registry() -> Registry:
    if sys.platform == "win32":
        return WinRegistry()
    raise AutostartError("the Windows registry is only available on Windows")


def _switched_off(mark: str | bytes | None) -> bool:
    """Task Manager's StartupApproved mark: an odd first byte means "disabled"."""
    return isinstance(mark, bytes) and bool(mark) and mark[0] % 2 == 1


class WindowsRunKeyAutostart:
    """The per-user Run key value ``backbreak`` holding the quoted command line."""

    name = "windows-run-key"

    def __init__(self, command: Sequence[str], registry: Registry | None = None) -> None:
        self._command = list(command)
        self.command_line = subprocess.list2cmdline(self._command)
        self._registry = registry

    def _reg(self) -> Registry:
        if self._registry is None:
            self._registry = _system_registry()
        return self._registry

    def is_enabled(self) -> bool:
        try:
            registry = self._reg()
            value = registry.get_value(RUN_KEY, VALUE_NAME)
            if not isinstance(value, str) or not value.strip():
                return False
            return not _switched_off(registry.get_value(APPROVED_KEY, VALUE_NAME))
        except (OSError, AutostartError):
            return False

    def enable(self) -> None:
        registry = self._reg()
        try:
            if registry.get_value(RUN_KEY, VALUE_NAME) != self.command_line:
                registry.set_string(RUN_KEY, VALUE_NAME, self.command_line)
            if _switched_off(registry.get_value(APPROVED_KEY, VALUE_NAME)):
                registry.delete_value(APPROVED_KEY, VALUE_NAME)
        except OSError as exc:
            raise AutostartError(
                f"could not turn on start at login: cannot write the registry value "
                f"{self._where()} ({reason(exc)})"
            ) from exc

    def disable(self) -> None:
        registry = self._reg()
        try:
            registry.delete_value(RUN_KEY, VALUE_NAME)
        except OSError as exc:
            raise AutostartError(
                f"could not turn off start at login: cannot remove the registry value "
                f"{self._where()} ({reason(exc)})"
            ) from exc

    def describe(self) -> str:
        return f"registry value {self._where()}"

    def refresh(self) -> bool:
        """Move a Run value an earlier backbreak wrote for the console script (which opens a
        console window at login) to the GUI script beside it. Any other value is left as it
        is. True if rewritten; raises :class:`AutostartError` if that failed."""
        gui = PureWindowsPath(self._command[0]) if self._command else None
        if gui is None or len(self._command) != 1 or gui.name.lower() != f"{GUI_SCRIPT}.exe":
            return False
        console = subprocess.list2cmdline([str(gui.with_name(f"{APP_NAME}.exe"))])
        try:
            if self._reg().get_value(RUN_KEY, VALUE_NAME) != console:
                return False
        except (OSError, AutostartError):
            return False
        self.enable()
        return True

    @staticmethod
    def _where() -> str:
        return f"\u201c{VALUE_NAME}\u201d in HKEY_CURRENT_USER\\{RUN_KEY}"
