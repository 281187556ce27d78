"""Small facts the app remembers between runs (not settings), e.g. that the safety note was seen.

Kept in ``platformdirs.user_state_path("backbreak") / "state.toml"``, apart from
the settings. A file that cannot be read is moved aside, never silently lost.
"""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import platformdirs

from backbreak.config.files import read_bounded, strip_bom
from backbreak.config.store import atomic_write_text, quarantine

log = logging.getLogger(__name__)

STATE_VERSION = 1
MAX_FILE_BYTES = 64 * 1024
"""The file holds a couple of lines; a larger one is not ours and is moved aside unread."""


@dataclass(frozen=True)
class AppState:
    safety_note_seen: bool = False

    def with_safety_note_seen(self) -> AppState:
        return replace(self, safety_note_seen=True)


def state_path() -> Path:
    return platformdirs.user_state_path("backbreak") / "state.toml"


def load_state(path: Path, now: datetime) -> AppState:
    """The remembered state; defaults when missing; a corrupt file is moved aside."""
    try:
        document = tomllib.loads(strip_bom(read_bounded(path, MAX_FILE_BYTES)).decode("utf-8"))
    except FileNotFoundError:
        return AppState()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        log.warning("state file %s unreadable (%s)", path, exc)
        try:
            moved = quarantine(path, now)
            log.warning("moved it to %s", moved)
        except OSError as move_error:
            log.warning("could not move it aside: %s", move_error)
        return AppState()
    seen = document.get("safety_note_seen", False)
    return AppState(safety_note_seen=seen is True)


def save_state(path: Path, state: AppState) -> None:
    seen = "true" if state.safety_note_seen else "false"
    atomic_write_text(path, f"state_version = {STATE_VERSION}\nsafety_note_seen = {seen}\n")
