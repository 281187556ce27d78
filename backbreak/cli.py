"""Command line: start the tray app (the default) or print the plan.

Qt is imported only when the tray app starts, so ``backbreak plan`` stays fast
and works without a display.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import NoReturn

from backbreak import __version__

EXIT_USAGE = 2
MAX_DAYS = 366


class _Parser(argparse.ArgumentParser):
    """Bad input gets one line on stderr and exit status 2, never a traceback."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 1 <= value <= MAX_DAYS:
        raise argparse.ArgumentTypeError(f"{value} is outside 1..{MAX_DAYS}")
    return value


# Far inside what datetime can hold, so that no look-ahead or local conversion leaves it.
EARLIEST = date(1900, 1, 1)
LATEST = date(9000, 12, 31)
_RANGE = f"between {EARLIEST} and {LATEST}"


def _moment(text: str) -> datetime:
    """An ISO 8601 date or date-time; naive values stay naive (local time, attached later)."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not an ISO 8601 date or date-time (e.g. 2026-03-02T08:00)"
        ) from None
    if not EARLIEST <= value.date() <= LATEST:
        raise argparse.ArgumentTypeError(f"'{text}' is outside the dates plan covers ({_RANGE})")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="backbreak",
        description="Movement-break prompts in the system tray. Without a command, start it.",
    )
    parser.add_argument("--version", action="version", version=f"backbreak {__version__}")
    parser.add_argument(
        "--diagnose",
        action="store_true",
        help="print which idle, screen-lock, sleep, fullscreen, do-not-disturb and call "
        "sources would be used here and why the others would not, then exit",
    )
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    commands.add_parser("run", help="start the tray app (the default)")
    plan = commands.add_parser(
        "plan",
        help="print the prompts the current settings would produce",
        description=(
            "Print the prompts the current settings would produce, assuming you are at the "
            "computer throughout every work period and start each break when prompted."
        ),
    )
    plan.add_argument(
        "--from",
        dest="start",
        type=_moment,
        metavar="DATETIME",
        help="ISO 8601 start (default: now; without a UTC offset it is local time)",
    )
    plan.add_argument(
        "--days",
        type=_days,
        default=1,
        metavar="N",
        help=f"how many days (default 1, max {MAX_DAYS})",
    )
    plan.add_argument("--json", action="store_true", help="print a JSON array")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.diagnose:
            from backbreak.app import diagnose

            return diagnose()
        if args.command == "plan":
            return _plan(args.start, args.days, as_json=args.json)
        from backbreak.app import run

        return run()
    except BrokenPipeError:  # e.g. `backbreak plan | head`
        sys.stderr.close()
        return 0


def _usage_error(message: str) -> int:
    print(f"backbreak plan: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _plan(start: datetime | None, days: int, *, as_json: bool) -> int:
    from backbreak.platform.local_zone import zone_problem

    problem = zone_problem()
    if problem is not None:
        return _usage_error(problem)
    if start is not None:
        if start.tzinfo is None:
            start = start.astimezone()
        last = start + timedelta(days=days) - timedelta(microseconds=1)
        if last.date() > LATEST:
            return _usage_error(f"--from plus --days must stay {_RANGE}")
    from backbreak.config.layers import load_layered, site_settings_paths
    from backbreak.config.loader import SettingsSyntaxError
    from backbreak.config.rules import planner_rules
    from backbreak.config.store import custom_exercises_path, settings_path
    from backbreak.core.exercises import (
        ExerciseError,
        load_catalogue,
        load_custom_exercises,
        merge_catalogues,
        resolve_rotation,
    )
    from backbreak.core.plan import simulate
    from backbreak.resources import resources_dir

    try:
        layered = load_layered(
            settings_path(), site_settings_paths(), datetime.now(UTC), quarantine=False
        )
    except SettingsSyntaxError as exc:
        print(f"backbreak plan: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for line in layered.problems:
        print(f"backbreak plan: warning: {line}", file=sys.stderr)
    settings = layered.settings
    try:
        resources = resources_dir()
        shipped = load_catalogue(resources / "exercises", resources / "illustrations")
        custom, problems = load_custom_exercises(custom_exercises_path(), reserved=shipped)
        catalogue = merge_catalogues(shipped, custom)
        rotation, warnings = resolve_rotation(settings.break_.exercise, catalogue)
    except ExerciseError as exc:
        print(f"backbreak plan: error: {exc}", file=sys.stderr)
        return 1
    for message in (*problems, *warnings):
        print(f"backbreak plan: warning: {message}", file=sys.stderr)
    begin = start or datetime.now(UTC)
    try:
        prompts = simulate(
            planner_rules(settings),
            rotation,
            {key: exercise.duration for key, exercise in catalogue.items()},
            begin,
            begin + timedelta(days=days),
        )
    except OverflowError:  # e.g. work days so rare that the search runs off the calendar
        return _usage_error(f"the plan runs off the calendar; keep --from {_RANGE}")
    if as_json:
        items = [
            {"at": p.at.astimezone().isoformat(timespec="seconds"), "exercise": p.exercise}
            for p in prompts
        ]
        print(json.dumps(items, indent=2))
        return 0
    if not prompts:
        print(f"No breaks in the {days * 24} hours from {begin.astimezone():%a %Y-%m-%d %H:%M}.")
    for p in prompts:
        local = p.at.astimezone()
        print(f"{local:%a %Y-%m-%d %H:%M:%S}  {catalogue[p.exercise].title}")
    return 0
