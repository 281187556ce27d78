"""The GUI entry point, ``backbreakw``: the same program as ``backbreak``, for starts with no
console (``[project.gui-scripts]``; on Windows it runs under ``pythonw`` and opens no console
window, which is what start at login uses there).

Without a console ``sys.stdout`` and ``sys.stderr`` are ``None``: anything written to them
(Qt's messages, a command's output) would raise. They are pointed at the null device instead;
the log file still gets everything.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from backbreak.cli import main as cli_main


def main(argv: Sequence[str] | None = None) -> int:
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the app
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
