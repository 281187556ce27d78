"""Where the history file lives; apart from the store so that naming it loads no SQLite."""

from __future__ import annotations

from pathlib import Path

FILE_NAME = "history.sqlite3"


def history_path(data_folder: Path | None = None) -> Path:
    """Where the history lives: in ``data_folder``, by default the user's data folder
    (``platformdirs.user_data_path("backbreak")``, e.g. ``~/.local/share/backbreak``)."""
    if data_folder is None:
        import platformdirs

        data_folder = platformdirs.user_data_path("backbreak")
    return data_folder / FILE_NAME
