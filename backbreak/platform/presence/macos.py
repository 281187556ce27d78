"""macOS: the ``HIDIdleTime`` property of the IOHIDSystem service (nanoseconds since input).

Read through ctypes from IOKit and CoreFoundation: ``IOServiceGetMatchingService`` with
``IOServiceMatching("IOHIDSystem")`` once at open, then per reading
``IORegistryEntryCreateCFProperty(service, "HIDIdleTime")`` and ``CFNumberGetValue`` (older
systems hand out 8 bytes of ``CFData`` instead). :class:`IOKitApi` takes the two library objects,
so the logic runs (and is tested) anywhere against fakes; only :func:`mac_api` loads the
frameworks. Where that fails, :class:`IoregApi` parses ``ioreg -c IOHIDSystem`` (a process per
reading: a slow fallback). Lock and sleep are not reported here; the controller's clock check
covers sleep.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject

from backbreak.platform.presence.base import PresenceUnavailable
from backbreak.platform.presence.polling import Backoff, PollingPresence

__all__ = [
    "IOKitApi",
    "IoregApi",
    "MacIdleApi",
    "MacIdleSource",
    "MacPresence",
    "mac_api",
    "parse_ioreg",
]

K_CF_STRING_ENCODING_UTF8 = 0x08000100
K_CF_NUMBER_SINT64_TYPE = 4
K_IO_MAIN_PORT_DEFAULT = 0
_IOREG_IDLE = re.compile(rb'"HIDIdleTime"\s*=\s*(\d+)')


class MacIdleApi(Protocol):
    def open(self) -> None: ...

    def idle_ns(self) -> int | None: ...

    def close(self) -> None: ...


class IOKitApi:
    """HIDIdleTime through IOKit/CoreFoundation functions on ``iokit``/``cf`` objects."""

    def __init__(self, iokit: Any, cf: Any) -> None:
        self._iokit = iokit
        self._cf = cf
        self._service = 0
        self._key: int | None = None

    def open(self) -> None:
        if self._service:
            return
        matching = self._iokit.IOServiceMatching(b"IOHIDSystem")
        if not matching:
            raise PresenceUnavailable("IOServiceMatching(IOHIDSystem) failed")
        service = int(self._iokit.IOServiceGetMatchingService(K_IO_MAIN_PORT_DEFAULT, matching))
        if not service:  # the matching dictionary was consumed either way
            raise PresenceUnavailable("no IOHIDSystem service")
        key = self._cf.CFStringCreateWithCString(None, b"HIDIdleTime", K_CF_STRING_ENCODING_UTF8)
        if not key:
            self._iokit.IOObjectRelease(service)
            raise PresenceUnavailable("CFStringCreateWithCString failed")
        self._service, self._key = service, key

    def idle_ns(self) -> int | None:
        if not self._service:
            return None
        prop = self._iokit.IORegistryEntryCreateCFProperty(self._service, self._key, None, 0)
        if not prop:
            return None
        try:
            kind = self._cf.CFGetTypeID(prop)
            if kind == self._cf.CFNumberGetTypeID():
                value = ctypes.c_int64()
                if not self._cf.CFNumberGetValue(
                    prop, K_CF_NUMBER_SINT64_TYPE, ctypes.pointer(value)
                ):
                    return None
                return int(value.value)
            if kind == self._cf.CFDataGetTypeID() and self._cf.CFDataGetLength(prop) >= 8:
                raw = ctypes.string_at(self._cf.CFDataGetBytePtr(prop), 8)
                return int.from_bytes(raw, sys.byteorder)
            return None
        finally:
            self._cf.CFRelease(prop)

    def close(self) -> None:
        if self._service:
            self._iokit.IOObjectRelease(self._service)
        if self._key:
            self._cf.CFRelease(self._key)
        self._service, self._key = 0, None


def parse_ioreg(output: bytes) -> int | None:
    """HIDIdleTime (ns) from ``ioreg -c IOHIDSystem`` output."""
    found = _IOREG_IDLE.search(output)
    return int(found.group(1)) if found else None


class IoregApi:
    """The slow fallback: one ``ioreg`` process per reading."""

    def __init__(self, run: Callable[..., subprocess.CompletedProcess[bytes]] = subprocess.run):
        self._run = run

    def open(self) -> None:
        if self.idle_ns() is None:
            raise PresenceUnavailable("ioreg shows no HIDIdleTime")

    def idle_ns(self) -> int | None:
        try:
            done = self._run(
                ["ioreg", "-c", "IOHIDSystem", "-d", "4"],
                capture_output=True,
                timeout=5,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return parse_ioreg(done.stdout) if done.returncode == 0 else None

    def close(self) -> None:
        pass


def _framework(name: str) -> ctypes.CDLL:
    path = ctypes.util.find_library(name) or f"/System/Library/Frameworks/{name}.framework/{name}"
    return ctypes.CDLL(path)


def _iokit_api() -> IOKitApi:
    iokit, cf = _framework("IOKit"), _framework("CoreFoundation")
    iokit.IOServiceMatching.restype = ctypes.c_void_p
    iokit.IOServiceMatching.argtypes = [ctypes.c_char_p]
    iokit.IOServiceGetMatchingService.restype = ctypes.c_uint32
    iokit.IOServiceGetMatchingService.argtypes = [ctypes.c_uint32, ctypes.c_void_p]
    iokit.IORegistryEntryCreateCFProperty.restype = ctypes.c_void_p
    iokit.IORegistryEntryCreateCFProperty.argtypes = [
        ctypes.c_uint32, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_uint32,
    ]  # fmt: skip
    iokit.IOObjectRelease.argtypes = [ctypes.c_uint32]
    cf.CFStringCreateWithCString.restype = ctypes.c_void_p
    cf.CFStringCreateWithCString.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_uint32]
    cf.CFGetTypeID.restype = ctypes.c_ulong
    cf.CFGetTypeID.argtypes = [ctypes.c_void_p]
    for getter in ("CFNumberGetTypeID", "CFDataGetTypeID"):
        getattr(cf, getter).restype = ctypes.c_ulong
        getattr(cf, getter).argtypes = []
    cf.CFNumberGetValue.restype = ctypes.c_bool
    cf.CFNumberGetValue.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p]
    cf.CFDataGetLength.restype = ctypes.c_long
    cf.CFDataGetLength.argtypes = [ctypes.c_void_p]
    cf.CFDataGetBytePtr.restype = ctypes.c_void_p
    cf.CFDataGetBytePtr.argtypes = [ctypes.c_void_p]
    cf.CFRelease.argtypes = [ctypes.c_void_p]
    return IOKitApi(iokit, cf)


def mac_api() -> MacIdleApi:
    """IOKit through ctypes, else ``ioreg``; PresenceUnavailable anywhere but macOS."""
    if sys.platform != "darwin":
        raise PresenceUnavailable(f"not macOS (platform {sys.platform})")
    try:
        return _iokit_api()
    except (OSError, AttributeError) as exc:
        if shutil.which("ioreg"):
            return IoregApi()
        raise PresenceUnavailable(f"cannot load IOKit ({exc}) and no ioreg") from exc


class MacIdleSource:
    def __init__(self, make_api: Callable[[], MacIdleApi] = mac_api) -> None:
        self._make_api = make_api
        self._api: MacIdleApi | None = None

    def open(self) -> None:
        if self._api is None:
            api = self._make_api()
            api.open()
            self._api = api

    def read_idle(self) -> float | None:
        ns = None if self._api is None else self._api.idle_ns()
        return None if ns is None else ns / 1e9

    def close(self) -> None:
        if self._api is not None:
            self._api.close()
            self._api = None


class MacPresence(PollingPresence):
    """Idle detection on macOS, polled (see :class:`PollingPresence`)."""

    name = "macos"

    def __init__(
        self,
        make_api: Callable[[], MacIdleApi] = mac_api,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        backoff: Backoff | None = None,
        parent: QObject | None = None,
    ) -> None:
        self.source = MacIdleSource(make_api)
        super().__init__(self.source, monotonic=monotonic, backoff=backoff, parent=parent)
