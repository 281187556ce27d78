"""The commands that drive the running app: status, break-now, snooze, skip, pause, resume,
meeting start/end. Each is one request on the app's instance socket (Qt-free, quick)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime, timedelta

from backbreak.cli.parser import (
    DEFAULT_PAUSE_MINUTES,
    EXIT_FAILED,
    EXIT_NOT_RUNNING,
    EXIT_OK,
)

NOT_RUNNING = "backbreak is not running; start it with `backbreak` or from your applications menu"

#: The fields of ``backbreak status --json``, in this order (see the README).
STATUS_FIELDS = (
    "status",
    "phase",
    "next_break",
    "paused_until",
    "meeting",
    "meeting_until",
    "deferred_by",
    "today",
)


def request_for(args: argparse.Namespace) -> dict[str, object]:
    """The socket request a parsed command line stands for."""
    command: str = args.command
    if command == "pause":
        if args.until_tomorrow:
            return {"cmd": "pause", "until_tomorrow": True}
        minutes = DEFAULT_PAUSE_MINUTES if args.duration is None else args.duration
        return {"cmd": "pause", "minutes": minutes}
    if command == "meeting":
        if args.meeting == "start":
            return {"cmd": "meeting-start", "minutes": args.duration}
        return {"cmd": "meeting-end"}
    return {"cmd": command}


def control(args: argparse.Namespace) -> int:
    from backbreak.platform import instance_client
    from backbreak.platform.instance_client import InstanceBusy, InstanceError, hand_over
    from backbreak.platform.instance_folder import instance_address

    name = args.command if args.command != "meeting" else f"meeting {args.meeting}"
    prog = f"backbreak {name}"
    request = request_for(args)
    try:
        address = instance_address()
        reply = hand_over(address, request, instance_client.HANDOVER_TIMEOUT_MS)
    except InstanceBusy as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except InstanceError as exc:  # no safe place for the socket: no app can listen either
        print(f"{prog}: error: {NOT_RUNNING} ({exc})", file=sys.stderr)
        return EXIT_NOT_RUNNING
    if reply is None:
        print(f"{prog}: {NOT_RUNNING}", file=sys.stderr)
        return EXIT_NOT_RUNNING
    if reply.get("ok") is not True:
        error = reply.get("error")
        print(f"{prog}: {error if isinstance(error, str) else 'refused'}", file=sys.stderr)
        return EXIT_FAILED
    if args.command == "status":
        if args.json:
            print(json.dumps({key: reply.get(key) for key in STATUS_FIELDS}, indent=2))
        else:
            print(status_text(reply))
        return EXIT_OK
    print(said(str(request["cmd"]), reply))
    return EXIT_OK


def _moment(reply: dict[str, object], key: str) -> datetime | None:
    value = reply.get(key)
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def when(moment: datetime, now: datetime | None = None) -> str:
    """``15:40`` today, ``tomorrow 00:00``, else ``Wed 2026-03-04 09:00`` (local time)."""
    local = moment.astimezone()
    today = (now or datetime.now(UTC)).astimezone().date()
    if local.date() == today:
        return f"{local:%H:%M}"
    if local.date() == today + timedelta(days=1):
        return f"tomorrow {local:%H:%M}"
    return f"{local:%a %Y-%m-%d %H:%M}"


def _next(reply: dict[str, object]) -> str:
    upcoming = _moment(reply, "next_break")
    return "no break planned" if upcoming is None else f"next break {when(upcoming)}"


def said(command: str, reply: dict[str, object]) -> str:
    """One line: what the command did, in the app's own terms after it."""
    phase = reply.get("phase")
    if command == "break-now":
        if phase == "break":
            return "A break is under way: its window is brought back."
        return "Break prompt shown."
    if command == "snooze":
        upcoming = _moment(reply, "next_break")
        return "Snoozed." if upcoming is None else f"Snoozed until {when(upcoming)}."
    if command == "skip":
        return f"Skipped; {_next(reply)}."
    if command == "pause":
        until = _moment(reply, "paused_until")
        return "Paused." if until is None else f"Paused until {when(until)}."
    if command == "resume":
        return f"Resumed; {_next(reply)}."
    if command == "meeting-start":
        until = _moment(reply, "meeting_until")
        if until is None:
            return "In a meeting until `backbreak meeting end`."
        return f"In a meeting until {when(until)}."
    return f"Meeting over; {_next(reply)}."


def status_text(reply: dict[str, object]) -> str:
    """The status line, then one line per part of it."""

    def moment(key: str) -> str:
        value = _moment(reply, key)
        return "-" if value is None else when(value)

    meeting = "no"
    if reply.get("meeting") is True:
        meeting = "until you end it" if _moment(reply, "meeting_until") is None else "yes"
    deferred = reply.get("deferred_by")
    held = ", ".join(str(d) for d in deferred) if isinstance(deferred, list) and deferred else "-"
    lines = [
        str(reply.get("status", "")),
        f"phase:         {reply.get('phase')}",
        f"next break:    {moment('next_break')}",
        f"paused until:  {moment('paused_until')}",
        f"meeting:       {meeting}",
        f"meeting until: {moment('meeting_until')}",
        f"deferred by:   {held}",
    ]
    today = reply.get("today")
    if isinstance(today, dict):
        lines.append(
            f"today:         {today.get('taken')} taken of {today.get('due')} due, "
            f"daily goal {today.get('goal')}, {today.get('minutes_moved')} min moved"
        )
    else:
        lines.append("today:         - (no history)")
    return "\n".join(lines)
