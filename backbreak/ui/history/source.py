"""What the window needs of the history: the shell's ``HistoryAccess``, as the widgets see it.

Widgets sit below the shell, so they name the methods they call here rather than import it;
the shell's recorder (and a test's fake) satisfies both.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from backbreak.history.stats import Summary


class HistorySource(Protocol):
    def summary(self) -> Summary | None: ...
    def problem(self) -> str | None: ...
    def recording(self) -> bool: ...
    def export(self, path: Path, kind: str) -> int: ...
    def clear(self) -> None: ...
