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
from typing import TYPE_CHECKING, NoReturn

from backbreak import __version__

if TYPE_CHECKING:
    from backbreak.core.plan import LiveState

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
        help="print the prompts to expect, from the running app's state or the settings",
        description=(
            "Print the prompts to expect, assuming you stay at the computer and start each "
            "break when prompted. While backbreak runs, the plan starts from its live state "
            "(time counted since the last break, pause, meeting, snooze), like the tray; "
            "otherwise, and with --from, from the settings alone, assuming you have been at "
            "the computer since the work period began."
        ),
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
        type=_days,
        default=1,
        metavar="N",
        help=f"how many days (default 1, max {MAX_DAYS})",
    )
    plan.add_argument(
        "--json",
        action="store_true",
        help="print a JSON object: what the plan starts from and assumes, and the prompts",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.diagnose:
            from backbreak.app import diagnose

            return diagnose()
        if args.command == "plan":
            return _plan(args.start, args.days, as_json=args.json, live_only=args.from_now)
        from backbreak.app import run

        return run()
    except BrokenPipeError:  # e.g. `backbreak plan | head`
        sys.stderr.close()
        return 0


def _usage_error(message: str) -> int:
    print(f"backbreak plan: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _plan(start: datetime | None, days: int, *, as_json: bool, live_only: bool = False) -> int:
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
    from backbreak.config.exercise_files import load_catalogue, load_custom_exercises
    from backbreak.config.exercise_format import ExerciseError
    from backbreak.config.layers import load_layered, site_settings_paths
    from backbreak.config.loader import SettingsSyntaxError
    from backbreak.config.rotation import resolve_rotation
    from backbreak.config.rules import planner_rules
    from backbreak.config.store import custom_exercises_path, settings_path
    from backbreak.core.exercises import merge_catalogues
    from backbreak.core.plan import simulate, simulate_live
    from backbreak.resources import resources_dir

    try:
        layered = load_layered(
            settings_path(), site_settings_paths(), datetime.now(UTC), quarantine=False
        )
    except SettingsSyntaxError as exc:
        return _usage_error(str(exc))
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
    rules = planner_rules(settings)
    durations = {key: exercise.duration for key, exercise in catalogue.items()}

    state: LiveState | None = None
    if start is None:
        try:
            state = _running_state()
        except _NoLiveState as exc:
            if live_only:
                print(f"backbreak plan: error: {exc}", file=sys.stderr)
                return 1
            if exc.running:
                print(
                    f"backbreak plan: warning: {exc}; planning from the settings alone",
                    file=sys.stderr,
                )

    try:
        if state is not None:
            begin = state.at
            prompts = simulate_live(rules, durations, state, begin + timedelta(days=days))
        else:
            begin = start or datetime.now(UTC)
            prompts = simulate(rules, rotation, durations, begin, begin + timedelta(days=days))
    except OverflowError:  # e.g. work days so rare that the search runs off the calendar
        return _usage_error(f"the plan runs off the calendar; keep --from {_RANGE}")
    basis, notes = _basis(state, not_running=start is None and state is None)
    if as_json:
        report: dict[str, object] = {
            "basis": "running app" if state is not None else "settings",
            "assumes": basis,
            "notes": notes,
            "state": None if state is None else state.to_json(),
            "prompts": [
                {"at": p.at.astimezone().isoformat(timespec="seconds"), "exercise": p.exercise}
                for p in prompts
            ],
        }
        print(json.dumps(report, indent=2))
        return 0
    for line in (basis, *notes):
        print(line)
    if not prompts:
        print(f"No breaks in the {days * 24} hours from {begin.astimezone():%a %Y-%m-%d %H:%M}.")
    for p in prompts:
        local = p.at.astimezone()
        title = catalogue[p.exercise].title if p.exercise in catalogue else p.exercise
        print(f"{local:%a %Y-%m-%d %H:%M:%S}  {title}")
    return 0


class _NoLiveState(Exception):
    """No live state to plan from; ``running`` says whether an app was there at all."""

    def __init__(self, message: str, *, running: bool) -> None:
        super().__init__(message)
        self.running = running


def _running_state() -> LiveState:
    """The running app's live state, asked over its instance socket."""
    from backbreak.core.plan import LiveState
    from backbreak.platform import instance_client
    from backbreak.platform.instance_client import InstanceBusy, InstanceError, hand_over
    from backbreak.platform.instance_folder import instance_address

    not_running = "backbreak is not running, so there is no live state to plan from"
    try:
        address = instance_address()
        reply = hand_over(address, {"cmd": "state"}, instance_client.HANDOVER_TIMEOUT_MS)
    except InstanceBusy as exc:
        raise _NoLiveState(str(exc), running=True) from None
    except InstanceError as exc:  # no safe place for the socket: no app can listen either
        raise _NoLiveState(f"{not_running} ({exc})", running=False) from None
    if reply is None:
        raise _NoLiveState(not_running, running=False)
    data = reply.get("state")
    if reply.get("ok") is not True or not isinstance(data, dict):
        error = reply.get("error", "no state in its reply")
        raise _NoLiveState(
            f"the running backbreak did not report its state ({error})", running=True
        )
    try:
        return LiveState.from_json(data)
    except ValueError as exc:
        raise _NoLiveState(
            f"the running backbreak reported a garbled state ({exc})", running=True
        ) from None


def _clock(t: datetime) -> str:
    local = t.astimezone()
    return (
        f"{local:%H:%M}"
        if local.date() == datetime.now().astimezone().date()
        else f"{local:%a %Y-%m-%d %H:%M}"
    )


def _basis(state: LiveState | None, *, not_running: bool) -> tuple[str, list[str]]:
    """What the plan starts from and assumes (one sentence), and what else the user should know."""
    from backbreak.core.planner import Phase

    notes: list[str] = []
    if state is None:
        basis = (
            "Planned from the settings alone: assumes you have been at the computer since each "
            "work period began and start each break when prompted."
        )
        if not_running:
            notes.append("backbreak is not running; while it runs, plan starts from its state.")
        return basis, notes
    minutes = int(state.counted.total_seconds() // 60)
    basis = (
        f"Planned from the running backbreak at {_clock(state.at)} ({minutes} min at the computer "
        "counted since the last break): assumes you stay at the computer and start each break "
        "when prompted."
    )
    if state.phase is Phase.PROMPT:
        notes.append("A prompt is on screen now.")
    elif state.phase is Phase.BREAK:
        notes.append("A break is under way; the plan takes it to end now.")
    elif state.phase is Phase.SNOOZED and state.next_prompt is not None:
        notes.append(f"The prompt is snoozed until {_clock(state.next_prompt)}.")
    if state.paused_until is not None and state.paused_until > state.at:
        notes.append(f"Paused until {_clock(state.paused_until)}.")
    if state.meeting:
        if state.meeting_until is None:
            notes.append("In a meeting until you end it; the plan takes it to end now.")
        else:
            notes.append(f"In a meeting until {_clock(state.meeting_until)}.")
    if state.deferred_by:
        names = ", ".join(state.deferred_by)
        notes.append(f"Prompts are held back ({names}); the plan takes that to end now.")
    return basis, notes
