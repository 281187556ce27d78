"""``backbreak stats``: today, this week, streaks and the mid-back routine, as the "Your breaks"
window shows them (:func:`backbreak.history.reading.load_summary`), from the history file."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from backbreak.cli.local_time import store_zone, usable_local_zone
from backbreak.cli.parser import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from backbreak.history.stats import DayTally, Summary, goals_of


def stats(*, as_json: bool) -> int:
    from backbreak.cli.history import no_history_line, read_history
    from backbreak.cli.user_setup import SetupError, load_user_setup
    from backbreak.config.rotation import routine_in
    from backbreak.history.reading import load_summary
    from backbreak.history.stats import summarize
    from backbreak.history.store import history_path

    prog = "backbreak stats"
    try:
        setup = load_user_setup(prog)
    except SetupError as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE if exc.usage else EXIT_FAILED
    goals = goals_of(setup.settings)
    routine = routine_in(setup.rotation, setup.catalogue)
    zone = usable_local_zone(prog)
    today = datetime.now(zone).date()
    path = history_path()
    reading = read_history(
        path,
        prog,
        lambda store: load_summary(store, today, store_zone(zone), goals, routine),
        lambda: summarize({}, today, goals, routine),
    )
    if reading is None:
        return EXIT_FAILED
    summary = reading.value
    titles = {key: exercise.title for key, exercise in setup.catalogue.items()}
    if as_json:
        print(json.dumps(as_object(summary, path, recorded=reading.recorded), indent=2))
    elif not reading.recorded:
        print(no_history_line(path))
    else:
        print("\n".join(as_text(summary, titles)))
    return EXIT_OK


def _day(tally: DayTally, goal: int) -> dict[str, object]:
    return {
        "date": tally.day.isoformat(),
        "taken": tally.taken,
        "due": tally.due,
        "skipped": tally.skipped,
        "minutes_moved": round(tally.seconds_moved / 60),
        "goal_met": tally.taken >= goal,
    }


def as_object(summary: Summary, path: Path, *, recorded: bool) -> dict[str, object]:
    """The stable ``--json`` object (its fields are listed in the README)."""
    goals = summary.goals
    return {
        "history": str(path),
        "recorded": recorded,
        "today": {**_day(summary.today, goals.breaks_per_day), "goal": goals.breaks_per_day},
        "week": [_day(tally, goals.breaks_per_day) for tally in summary.week],
        "streak": summary.streak,
        "best_streak": summary.best_streak,
        "routine": {
            "exercises": list(summary.routine),
            "days_this_week": summary.routines_this_week,
            "goal_days_per_week": goals.routines_per_week,
        },
    }


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def as_text(summary: Summary, titles: Mapping[str, str]) -> list[str]:
    goals, today = summary.goals, summary.today
    to_go = goals.breaks_per_day - today.taken
    goal = "goal met" if to_go <= 0 else f"{to_go} to go"
    lines = [
        f"Today ({today.day:%a %Y-%m-%d}): {today.taken} of {today.due} due breaks taken, "
        f"{summary.minutes_moved_today} min moved; daily goal {goals.breaks_per_day} ({goal})",
        "This week:",
    ]
    for tally in summary.week:
        mark = " (today)" if tally.day == today.day else ""
        if tally.day > today.day:
            detail = ""
        elif not tally.recorded:
            detail = "-"
        else:
            met = ", goal met" if tally.taken >= goals.breaks_per_day else ""
            detail = (
                f"{tally.taken} taken, {tally.skipped} skipped, "
                f"{round(tally.seconds_moved / 60)} min moved{met}"
            )
        lines.append(f"  {tally.day:%a %m-%d}  {detail}{mark}".rstrip())
    lines.append(
        f"Streak: {_plural(summary.streak, 'day')} with the daily goal met "
        f"(best {summary.best_streak})"
    )
    if summary.routine:
        lines.append(
            f"Mid-back routine: {summary.routines_this_week} of {goals.routines_per_week} "
            "days this week"
        )
        names = ", ".join(titles.get(item, item) for item in summary.routine)
        lines.append(f"  Routine: {names}")
    else:
        lines.append("Mid-back routine: none of its exercises is in your rotation")
    return lines
