"""The command line's grammar: every command, its arguments and its ``--help``.

Bad usage is one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date, datetime
from typing import NoReturn

from backbreak import __version__
from backbreak.cli.durations import DurationError, parse_minutes

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_NOT_RUNNING = 3

MAX_PLAN_DAYS = 366
MAX_HISTORY_DAYS = 3660
DEFAULT_PAUSE_MINUTES = 30

# Far inside what datetime can hold, so that no look-ahead or local conversion leaves it.
EARLIEST = date(1900, 1, 1)
LATEST = date(9000, 12, 31)
RANGE = f"between {EARLIEST} and {LATEST}"

CONTROL_COMMANDS = frozenset(
    {"status", "break-now", "snooze", "skip", "pause", "resume", "meeting"}
)
"""The commands that talk to the running app (exit status 3 when it is not running)."""


class _Parser(argparse.ArgumentParser):
    """Bad input gets one line on stderr and exit status 2, never a traceback."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _bounded_int(lowest: int, highest: int) -> Callable[[str], int]:
    def convert(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
        if not lowest <= value <= highest:
            raise argparse.ArgumentTypeError(f"{value} is outside {lowest}..{highest}")
        return value

    return convert


def _duration(text: str) -> int:
    try:
        return parse_minutes(text)
    except DurationError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _moment(text: str) -> datetime:
    """An ISO 8601 date or date-time; naive values stay naive (local time, attached later)."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not an ISO 8601 date or date-time (e.g. 2026-03-02T08:00)"
        ) from None
    if not EARLIEST <= value.date() <= LATEST:
        raise argparse.ArgumentTypeError(f"'{text}' is outside the dates plan covers ({RANGE})")
    return value


def _examples(*lines: str) -> str:
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


NOT_RUNNING_NOTE = "Needs the running app: exit status 3 when backbreak is not running."


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="backbreak",
        description="Movement-break prompts in the system tray. Without a command, start it.",
        epilog="exit status: 0 done, 1 failed, 2 bad usage, 3 backbreak is not running "
        "(commands that need the running app). See `backbreak COMMAND --help`.",
    )
    parser.add_argument("--version", action="version", version=f"backbreak {__version__}")
    parser.add_argument(
        "--diagnose",
        action="store_true",
        help="print which idle, screen-lock, sleep, fullscreen, do-not-disturb and call "
        "sources would be used here and why the others would not, then exit",
    )
    commands = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")
    commands.add_parser("run", help="start the tray app (the default)")
    _add_plan(commands)
    _add_control(commands)
    _add_history(commands)
    completion = _command(
        commands,
        "completion",
        "print a shell completion script",
        "Print a completion script for the shell (bash) on stdout.",
        "source <(backbreak completion bash)        # in ~/.bashrc",
    )
    completion.add_argument("shell", choices=["bash"], help="the shell (bash)")
    return parser


def _command(
    commands: argparse._SubParsersAction[_Parser],
    name: str,
    summary: str,
    description: str,
    *examples: str,
) -> _Parser:
    return commands.add_parser(
        name,
        help=summary,
        description=description,
        epilog=_examples(*examples),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _add_plan(commands: argparse._SubParsersAction[_Parser]) -> None:
    plan = _command(
        commands,
        "plan",
        "print the prompts to expect, from the running app's state or the settings",
        "Print the prompts to expect, assuming you stay at the computer and start each "
        "break when prompted. While backbreak runs, the plan starts from its live state "
        "(time counted since the last break, pause, meeting, snooze), like the tray; "
        "otherwise, and with --from, from the settings alone, assuming you have been at "
        "the computer since the work period began.",
        "backbreak plan",
        "backbreak plan --days 7 --json",
        "backbreak plan --from 2026-03-02T08:00",
    )
    start = plan.add_mutually_exclusive_group()
    start.add_argument(
        "--from",
        dest="start",
        type=_moment,
        metavar="DATETIME",
        help="plan from the settings alone, from this ISO 8601 moment (without a UTC offset "
        "it is local time)",
    )
    start.add_argument(
        "--from-now",
        action="store_true",
        help="plan from the running app's live state; fail if backbreak is not running",
    )
    plan.add_argument(
        "--days",
        type=_bounded_int(1, MAX_PLAN_DAYS),
        default=1,
        metavar="N",
        help=f"how many days (default 1, max {MAX_PLAN_DAYS})",
    )
    plan.add_argument(
        "--json",
        action="store_true",
        help="print a JSON object: what the plan starts from and assumes, and the prompts",
    )


def _add_control(commands: argparse._SubParsersAction[_Parser]) -> None:
    status = _command(
        commands,
        "status",
        "what the running app is doing: next break, pause, meeting, today's breaks",
        "Print the running app's phase, next break, pause and meeting, what holds prompts "
        f"back, and today's breaks against the daily goal. {NOT_RUNNING_NOTE}",
        "backbreak status",
        "backbreak status --json | jq .next_break",
    )
    status.add_argument("--json", action="store_true", help="print a JSON object")
    _command(
        commands,
        "break-now",
        "show the break prompt now",
        "Show the break prompt now, in or out of work hours (during a break, bring its "
        f"window back). {NOT_RUNNING_NOTE}",
        "backbreak break-now",
    )
    _command(
        commands,
        "snooze",
        "snooze the prompt on screen",
        "Snooze the prompt on screen for the snooze time of the settings, as its Snooze "
        "button does. When no prompt is showing, says so and exits with status 1. "
        + NOT_RUNNING_NOTE,
        "backbreak snooze",
    )
    _command(
        commands,
        "skip",
        "skip the prompt on screen (or the snoozed one)",
        "Skip the prompt on screen, or the one snoozed, as its Skip button does: the time "
        "to the next break starts again. When no prompt is showing or snoozed, says so and "
        f"exits with status 1. {NOT_RUNNING_NOTE}",
        "backbreak skip",
    )
    pause = _command(
        commands,
        "pause",
        "no prompts for a while (default 30 minutes)",
        "No prompts and no counting for DURATION (1m to 24h; default "
        f"{DEFAULT_PAUSE_MINUTES}m), or until midnight with --until-tomorrow. A prompt on "
        f"screen goes away. {NOT_RUNNING_NOTE}",
        "backbreak pause            # 30 minutes",
        "backbreak pause 1h30m",
        "backbreak pause 90m",
        "backbreak pause --until-tomorrow",
    )
    length = pause.add_mutually_exclusive_group()
    length.add_argument(
        "duration",
        nargs="?",
        type=_duration,
        metavar="DURATION",
        help="how long: hours and/or minutes, e.g. 30m, 1h, 1h30m, 90m",
    )
    length.add_argument(
        "--until-tomorrow", action="store_true", help="pause until midnight (local time)"
    )
    _command(
        commands,
        "resume",
        "end a pause",
        f"End a pause now: counting starts again. {NOT_RUNNING_NOTE}",
        "backbreak resume",
    )
    meeting = _command(
        commands,
        "meeting",
        "hold prompts back during a meeting",
        "Hold prompts back during a meeting (time at the computer still counts); a break that "
        f"falls due is offered a minute after the meeting ends. {NOT_RUNNING_NOTE}",
        "backbreak meeting start --for 45m",
        "backbreak meeting start      # until `backbreak meeting end`",
        "backbreak meeting end",
    )
    which = meeting.add_subparsers(
        dest="meeting", parser_class=_Parser, metavar="start|end", required=True
    )
    start = which.add_parser(
        "start",
        help="start a meeting",
        description="Start a meeting: for DURATION (1m to 24h), or until `backbreak meeting "
        "end`. A prompt on screen goes away.",
        epilog=_examples("backbreak meeting start --for 1h", "backbreak meeting start"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    start.add_argument(
        "--for",
        dest="duration",
        type=_duration,
        metavar="DURATION",
        help="how long, e.g. 30m, 1h, 1h30m (default: until `backbreak meeting end`)",
    )
    which.add_parser(
        "end",
        help="end the meeting",
        description="End the meeting now.",
        epilog=_examples("backbreak meeting end"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _add_history(commands: argparse._SubParsersAction[_Parser]) -> None:
    history = _command(
        commands,
        "history",
        "list the recorded break events (works without the running app)",
        "List the recorded break events of the last N calendar days (today included), "
        "oldest first, in local time. Reads the history file and never changes it; works "
        "whether or not backbreak is running.",
        "backbreak history",
        "backbreak history --days 30 --csv > breaks.csv",
        "backbreak history --days 1 --json",
    )
    history.add_argument(
        "--days",
        type=_bounded_int(1, MAX_HISTORY_DAYS),
        default=7,
        metavar="N",
        help=f"the last N days, today included (default 7, max {MAX_HISTORY_DAYS})",
    )
    form = history.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="a JSON array, one object per event")
    form.add_argument("--csv", action="store_true", help="CSV with a header line")
    stats = _command(
        commands,
        "stats",
        "today, this week, streaks and the mid-back routine (works without the running app)",
        "Print today's breaks against the daily goal, this week day by day, the streak of "
        "days with the goal met, and the mid-back routine days this week. Reads the history "
        "file and never changes it; works whether or not backbreak is running.",
        "backbreak stats",
        "backbreak stats --json",
    )
    stats.add_argument("--json", action="store_true", help="print a JSON object")
