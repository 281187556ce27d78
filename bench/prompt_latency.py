"""How long the break prompt takes to show in each desktop shell.

In every shell available here (GNOME Wayland, GNOME with the app on Xwayland, Plasma Wayland,
sway + mako; see tests/e2e/shells/), backbreak starts with a fresh HOME; per repetition,
"Take a break now" is clicked over dbusmenu as the panel would, and the time is measured until
the prompt is visible: the Notify call seen on the session bus (dbus-monitor's timestamp) or
the prompt window in the shell's window list (polled every 20 ms, so a window's figure is
up to that much late). The prompt is then snoozed over the tray menu for the next round.

Prints one JSON line per measurement, then a Markdown table (median, min–max per shell).

    .venv/bin/python bench/prompt_latency.py [--reps 5] [--shells gnome-wayland,sway]
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.e2e.shells import VARIANTS, make_shell, shell_class  # noqa: E402
from tests.e2e.shells.common import PROMPT_TITLE, Shell, wait_until  # noqa: E402

TIMEOUT = 10.0


def _prompt_visible(shell: Shell, watch: Any, since: float) -> tuple[str, float] | None:
    note = next((n for n in watch.seen() if n.app_name == "backbreak" and n.seen_at >= since), None)
    if note is not None:
        return "notification", note.seen_at
    if any(w.title == PROMPT_TITLE for w in shell.windows()):
        return "window", time.time()
    return None


def measure_shell(variant: str, reps: int, logs: Path) -> list[dict[str, Any]]:
    shell = make_shell(variant, logs / variant)
    shell.start()
    rows = []
    try:
        watch = shell.watch_notifications()
        app = shell.launch_app()
        item = app.item(10.0)
        for rep in range(reps):
            menu = shell.menu(item)
            since = time.time()
            menu.click("Take a break now")
            kind, seen = wait_until(
                functools.partial(_prompt_visible, shell, watch, since),
                TIMEOUT,
                f"{variant}: no prompt within {TIMEOUT} s",
                0.02,
            )
            row = {"shell": variant, "rep": rep, "presentation": kind,
                   "latency_ms": round((seen - since) * 1000, 1)}  # fmt: skip
            print(json.dumps(row), flush=True)
            rows.append(row)
            shell.menu(item).click(re.compile(r"^Snooze \d+ min$"))
            wait_until(
                lambda: (
                    app.status()["phase"] == "snoozed"
                    and all(w.title != PROMPT_TITLE for w in shell.windows())
                ),
                TIMEOUT,
                lambda: (
                    f"{variant}: after Snooze from the tray menu the state is "
                    f"{app.status()['phase']!r} and prompt windows are "
                    f"{[w.as_dict() for w in shell.windows() if w.title == PROMPT_TITLE]}"
                ),
            )
        watch.stop()
    finally:
        shell.stop()
    return rows


def table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| shell | prompt as | n | median ms | min–max ms |",
        "|---|---|---|---|---|",
    ]
    for variant in dict.fromkeys(r["shell"] for r in rows):
        mine = [r for r in rows if r["shell"] == variant]
        values = [r["latency_ms"] for r in mine]
        kinds = "/".join(sorted({r["presentation"] for r in mine}))
        lines.append(
            f"| {variant} | {kinds} | {len(values)} | {statistics.median(values):.0f} "
            f"| {min(values):.0f}–{max(values):.0f} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=5, help="prompts per shell (default 5)")
    parser.add_argument("--shells", default=",".join(VARIANTS), help="comma-separated variants")
    args = parser.parse_args(argv)
    rows: list[dict[str, Any]] = []
    failed = False
    logs = Path(tempfile.mkdtemp(prefix="prompt-latency-"))
    for variant in args.shells.split(","):
        absent = shell_class(variant).missing_tools()
        if absent:
            print(f"{variant}: skipped, missing " + ", ".join(absent), file=sys.stderr)
            continue
        try:
            rows.extend(measure_shell(variant, args.reps, logs))
        except Exception as exc:
            failed = True
            print(f"{variant}: failed: {exc} (logs in {logs / variant})", file=sys.stderr)
    if rows:
        print()
        print(table(rows))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
