"""The freedesktop sound service through libcanberra, loaded with ctypes.

libcanberra is what GNOME, Xfce and MATE play their event sounds with: it hands the file to
the sound server (PulseAudio or PipeWire) as an "event" stream, so the server's mute, the
"system sounds" volume and the user's output device apply. ``ca_context_play`` returns once
the sound is queued and plays it on libcanberra's own thread, so calling it on the GUI thread
is safe; the first call connects to the sound server (a local socket, milliseconds).

Only the non-variadic entry points are used (``*_full`` with a property list), so the calls
need no varargs convention from ctypes.
"""

from __future__ import annotations

import ctypes
import weakref
from collections.abc import Callable
from pathlib import Path

from backbreak.platform.sound.base import Chime, clamp_volume, log, log_once, volume_decibels

LIBRARY = "libcanberra.so.0"
APPLICATION = "backbreak"
#: ca_context_play's "disabled by the desktop's event-sounds switch" code: no fallback then.
CA_ERROR_DISABLED = -16

PropsUser = Callable[[ctypes.c_void_p], int]


class Canberra:
    """One libcanberra context, named for the app, destroyed with this object."""

    def __init__(self, lib: ctypes.CDLL, context: ctypes.c_void_p) -> None:
        self._lib = lib
        self._context = context
        weakref.finalize(self, lib.ca_context_destroy, context)

    def play(self, path: Path, decibels: int) -> int:
        """Queue ``path`` at ``decibels``; 0 or a negative libcanberra error code."""
        return _with_props(
            self._lib,
            {
                "media.filename": str(path),
                "media.role": "event",
                "event.description": "Break step",
                "canberra.volume": str(decibels),
                "canberra.cache-control": "never",
            },
            lambda props: int(self._lib.ca_context_play_full(self._context, 1, props, None, None)),
        )

    def error_text(self, code: int) -> str:
        text = self._lib.ca_strerror(code)
        return text.decode("utf-8", "replace") if isinstance(text, bytes) else str(code)


def _declare(lib: ctypes.CDLL) -> None:
    p = ctypes.c_void_p
    lib.ca_context_create.argtypes = [ctypes.POINTER(p)]
    lib.ca_context_destroy.argtypes = [p]
    lib.ca_context_change_props_full.argtypes = [p, p]
    lib.ca_context_play_full.argtypes = [p, ctypes.c_uint32, p, p, p]
    lib.ca_proplist_create.argtypes = [ctypes.POINTER(p)]
    lib.ca_proplist_destroy.argtypes = [p]
    lib.ca_proplist_sets.argtypes = [p, ctypes.c_char_p, ctypes.c_char_p]
    lib.ca_strerror.argtypes = [ctypes.c_int]
    lib.ca_strerror.restype = ctypes.c_char_p
    for name in (
        "ca_context_create",
        "ca_context_destroy",
        "ca_context_change_props_full",
        "ca_context_play_full",
        "ca_proplist_create",
        "ca_proplist_destroy",
        "ca_proplist_sets",
    ):
        getattr(lib, name).restype = ctypes.c_int


def _with_props(lib: ctypes.CDLL, values: dict[str, str], use: PropsUser) -> int:
    props = ctypes.c_void_p()
    code = int(lib.ca_proplist_create(ctypes.byref(props)))
    if code != 0:
        return code
    try:
        for key, value in values.items():
            code = int(lib.ca_proplist_sets(props, key.encode(), value.encode()))
            if code != 0:
                return code
        return use(props)
    finally:
        lib.ca_proplist_destroy(props)


def open_canberra(library: str = LIBRARY) -> Canberra | None:
    """A context for this app, or None where libcanberra is not installed."""
    try:
        lib = ctypes.CDLL(library)
        _declare(lib)
    except (OSError, AttributeError) as exc:
        log.debug("Playing the break chime without libcanberra: %s", exc)
        return None
    context = ctypes.c_void_p()
    if int(lib.ca_context_create(ctypes.byref(context))) != 0 or not context:
        return None
    names = {"application.name": APPLICATION, "application.id": APPLICATION}
    _with_props(lib, names, lambda props: int(lib.ca_context_change_props_full(context, props)))
    return Canberra(lib, context)


class CanberraChime:
    """Plays the chime through libcanberra; a command-line player takes over where it fails."""

    def __init__(
        self, canberra: Canberra, source: Path, volume: int, fallback: Chime | None = None
    ) -> None:
        self._canberra = canberra
        self._source = source
        self._volume = clamp_volume(volume)
        self._fallback = fallback
        self._failed = False

    @property
    def available(self) -> bool:
        return not self._failed or (self._fallback is not None and self._fallback.available)

    @property
    def volume(self) -> int:
        return self._volume

    def set_volume(self, volume: int) -> None:
        self._volume = clamp_volume(volume)
        if self._fallback is not None:
            self._fallback.set_volume(volume)

    def play(self) -> None:
        if self._volume == 0:
            return
        if not self._failed:
            code = self._canberra.play(self._source, volume_decibels(self._volume))
            if code == 0 or code == CA_ERROR_DISABLED:
                return
            self._failed = True
            reason = self._canberra.error_text(code)
            if self._fallback is None:
                log_once(
                    "canberra-play",
                    "No sound for the break chime: libcanberra cannot play it (%s); "
                    "is a sound server (PipeWire or PulseAudio) running?",
                    reason,
                )
            else:  # the player's own line says whether sound works at all
                log.debug("libcanberra cannot play the break chime (%s): using a player", reason)
        if self._fallback is not None:
            self._fallback.play()
