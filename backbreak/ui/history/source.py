"""What the Your breaks window needs of the recorded history.

Declared on the widgets' side (they sit below the shell); the shell's recorder provides it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from backbreak.history.stats import Summary


class HistorySource(Protocol):
    """Implemented by the shell's :class:`~backbreak.shell.history_recorder.HistoryRecorder`;
    tests use a fake."""

    def summary(self) -> Summary | None:
        """The statistics as of now; ``None`` when no history can be read (see :meth:`problem`)."""
        ...

    def problem(self) -> str | None:
        """Why the history cannot be read or written (a refused or unreadable file), for the
        user; ``None`` when all is well."""
        ...

    def recording(self) -> bool:
        """Whether new events are recorded (the ``history.record`` setting)."""
        ...

    def export(self, path: Path, kind: str) -> int:
        """Write every event to ``path`` (atomically) as ``kind`` ("csv" or "json"); returns
        the number written. Raises ``OSError`` or ``ValueError`` with a message for the user."""
        ...

    def clear(self) -> None:
        """Delete every recorded event (the caller has asked the user first)."""
        ...
