"""`backbreak plan`: the prompts to expect, from the running app's state or the settings."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from backbreak.cli.parser import EXIT_FAILED, EXIT_USAGE, LATEST, RANGE

if TYPE_CHECKING:
    from backbreak.core.plan import LiveState


def _usage_error(message: str) -> int:
    print(f"backbreak plan: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def plan(start: datetime | None, days: int, *, as_json: bool, live_only: bool = False) -> int:
    from backbreak.platform.local_zone import zone_problem

    problem = zone_problem()
    if problem is not None:
        return _usage_error(problem)
    if start is not None:
        if start.tzinfo is None:
            start = start.astimezone()
        last = start + timedelta(days=days) - timedelta(microseconds=1)
        if last.date() > LATEST:
            return _usage_error(f"--from plus --days must stay {RANGE}")
    from backbreak.cli.user_setup import SetupError, load_user_setup
    from backbreak.config.rules import planner_rules
    from backbreak.core.plan import simulate, simulate_live

    try:
        setup = load_user_setup("backbreak plan")
    except SetupError as exc:
        if exc.usage:
            return _usage_error(str(exc))
        print(f"backbreak plan: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    catalogue, rotation = setup.catalogue, setup.rotation
    rules = planner_rules(setup.settings)
    durations = {key: exercise.duration for key, exercise in catalogue.items()}

    state: LiveState | None = None
    if start is None:
        try:
            state = _running_state()
        except _NoLiveState as exc:
            if live_only:
                print(f"backbreak plan: error: {exc}", file=sys.stderr)
                return EXIT_FAILED
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
        return _usage_error(f"the plan runs off the calendar; keep --from {RANGE}")
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
