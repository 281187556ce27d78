"""Command line: start the tray app (the default), print the plan, drive the running app,
read the break history.

Qt is imported only when the tray app starts, so every other command stays fast and works
without a display; sqlite3 only by ``history`` and ``stats``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    from backbreak.cli.parser import build_parser as build

    return build()


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    if words in ([], ["run"]):
        # The tray app, as a login starts it: the parser (some twenty commands and their help)
        # is not built, so it takes no memory for the whole day.
        from backbreak.app import run

        return run()
    from backbreak.cli.parser import CONTROL_COMMANDS, EXIT_USAGE

    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:  # named by the command they were given to, not by "backbreak"
        prog = " ".join(
            ["backbreak", *(w for w in (args.command, getattr(args, "meeting", None)) if w)]
        )
        parser.exit(EXIT_USAGE, f"{prog}: error: unrecognized arguments: {' '.join(extra)}\n")
    try:
        if args.diagnose:
            from backbreak.shell.diagnose import diagnose

            return diagnose()
        if args.command == "plan":
            from backbreak.cli.plan import plan

            return plan(args.start, args.days, as_json=args.json, live_only=args.from_now)
        if args.command in CONTROL_COMMANDS:
            from backbreak.cli.control import control

            return control(args)
        if args.command == "history":
            from backbreak.cli.history import history

            return history(args.days, "json" if args.json else "csv" if args.csv else "text")
        if args.command == "completion":
            from backbreak.cli.completion import bash_script

            sys.stdout.write(bash_script(parser))
            return 0
        if args.command == "stats":
            from backbreak.cli.stats import stats

            return stats(as_json=args.json)
        from backbreak.app import run

        return run()
    except BrokenPipeError:  # e.g. `backbreak history | head`
        sys.stderr.close()
        return 0
