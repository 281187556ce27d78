"""Log to a rotating file so problems in a tray app without a console can be diagnosed.

A tray app usually runs without a terminal: whatever goes to stderr is lost.
Everything at ``level`` and above goes to ``backbreak.log`` in the log folder;
warnings and errors also go to stderr for people who start it from a shell.
Unhandled exceptions (including those PySide6 reports from slots, after which
the app keeps running) are written to the same log with their traceback.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
from pathlib import Path
from types import TracebackType

__all__ = ["LOG_FILE_NAME", "install_excepthook", "setup_logging"]

LOG_FILE_NAME = "backbreak.log"
_FORMAT = "%(asctime)s %(levelname)-8s %(name)s: %(message)s"
_MAX_BYTES = 1024 * 1024
_BACKUP_COUNT = 5

# Marks the handlers this module attached, so a second setup replaces them.
_OWNED = "_backbreak_owned"
_warned_no_file = False


def _own(handler: logging.Handler) -> logging.Handler:
    setattr(handler, _OWNED, True)
    return handler


def _remove_owned_handlers(root: logging.Logger) -> None:
    for handler in list(root.handlers):
        if getattr(handler, _OWNED, False):
            root.removeHandler(handler)
            handler.close()


def setup_logging(
    log_dir: Path,
    level: int = logging.INFO,
    *,
    max_bytes: int = _MAX_BYTES,
    backup_count: int = _BACKUP_COUNT,
) -> Path:
    """Send logs to ``log_dir/backbreak.log`` (rotated) and warnings to stderr.

    Safe to call again: the handlers from an earlier call are replaced, never
    doubled. If the folder or file cannot be created the app still runs,
    logging to stderr only, and says so once. Returns the log file's path
    (which then does not exist).
    """
    global _warned_no_file
    formatter = logging.Formatter(_FORMAT)
    root = logging.getLogger()
    _remove_owned_handlers(root)

    # Windowed launches (pythonw, some desktop launchers) may have no stderr at all.
    console: logging.Handler = (
        logging.StreamHandler(sys.stderr) if sys.stderr is not None else logging.NullHandler()
    )
    console.setLevel(logging.WARNING)
    console.setFormatter(formatter)
    root.addHandler(_own(console))
    root.setLevel(level)

    log_file = log_dir / LOG_FILE_NAME
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        file_handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=max_bytes, backupCount=backup_count, encoding="utf-8"
        )
    except OSError as exc:
        if not _warned_no_file:
            _warned_no_file = True
            logging.getLogger("backbreak").warning(
                "cannot write log file %s (%s); logging to stderr only", log_file, exc
            )
        # Without a file, stderr is the only record: let it carry everything.
        console.setLevel(level)
        return log_file
    file_handler.setLevel(level)
    file_handler.setFormatter(formatter)
    root.addHandler(_own(file_handler))
    return log_file


def _log_unhandled(
    exc_type: type[BaseException],
    exc_value: BaseException,
    exc_tb: TracebackType | None,
    where: str,
) -> None:
    logging.getLogger("backbreak").critical(
        "unhandled exception%s", where, exc_info=(exc_type, exc_value, exc_tb)
    )


def _excepthook(
    exc_type: type[BaseException], exc_value: BaseException, exc_tb: TracebackType | None
) -> None:
    """Log instead of printing: PySide6 calls this for exceptions raised in slots."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc_value, exc_tb)
        return
    _log_unhandled(exc_type, exc_value, exc_tb, "")


def _threading_excepthook(args: threading.ExceptHookArgs) -> None:
    """Log exceptions that end a worker thread; SystemExit stays silent as by default."""
    if args.exc_type is SystemExit:
        return
    if issubclass(args.exc_type, KeyboardInterrupt) or args.exc_value is None:
        threading.__excepthook__(args)
        return
    name = args.thread.name if args.thread is not None else "unknown"
    _log_unhandled(args.exc_type, args.exc_value, args.exc_traceback, f" in thread {name}")


def install_excepthook() -> None:
    """Route unhandled exceptions from the main and worker threads to the log.

    Ctrl+C keeps Python's default behaviour. Installing twice is harmless.
    """
    sys.excepthook = _excepthook
    threading.excepthook = _threading_excepthook
