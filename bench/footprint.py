"""backbreak's footprint next to the floor for its stack (a bare PySide6 + APScheduler tray app).

Each app runs in a fresh private headless desktop (Xvfb + trayer + session bus, from
tests/e2e/desktop.py) with a fresh HOME, so it starts on its defaults. Per run:

- time-to-tray: launch until the icon is docked and mapped in trayer;
- memory after settling (``--settle``, default 5 s): PSS, RSS and USS of the app's process tree,
  from /proc/PID/smaps_rollup;
- over an idle window (``--window``, default 60 s) with nothing touching the X server: CPU %
  (utime+stime, reaped children included) and wakeups/s (voluntary + involuntary context
  switches summed over every thread).

Prints one JSON line per run, then a Markdown table (median, and min–max over ``--reps``) and
how backbreak compares with the targets: time-to-tray within 1.5x the floor, PSS within the
floor + 15 MiB, under 0.3 wakeups/s idle. Targets are reported, never enforced: the exit status
is 0 unless a measurement failed (an app did not start or dock, or died while measured).

    .venv/bin/python bench/footprint.py [--reps 3] [--window 60] [--apps floor,backbreak]

``--apps`` also offers ``backbreak-no-history`` (``history.record = false``) and
``backbreak-recorded`` (measured after ``backbreak pause 30m`` and ``resume`` have recorded the
run's first events, so SQLite is loaded); each run says whether SQLite was loaded
(``sqlite_loaded``).
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CLK_TCK = os.sysconf("SC_CLK_TCK")

TIME_FACTOR = 1.5  # backbreak's time-to-tray at most this times the floor's
PSS_MARGIN_MIB = 15.0  # backbreak's PSS at most the floor's plus this
WAKEUPS_LIMIT = 0.3  # backbreak's idle wakeups per second below this


def _load_desktop() -> ModuleType:
    """tests/e2e/desktop.py, loaded by path (one copy of the desktop code, not a package import)."""
    path = REPO / "tests" / "e2e" / "desktop.py"
    spec = importlib.util.spec_from_file_location("_footprint_desktop", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


desktop = _load_desktop()

APPS: dict[str, tuple[str, list[str]]] = {
    "floor": (
        "bare PySide6 + APScheduler tray (floor)",
        [sys.executable, str(REPO / "bench" / "floor_tray.py")],
    ),
    "backbreak": ("backbreak", [sys.executable, "-m", "backbreak"]),
    # The history: off in the settings, or after the first recorded event (SQLite loaded then).
    "backbreak-no-history": (
        "backbreak, history.record = false",
        [sys.executable, "-m", "backbreak"],
    ),
    "backbreak-recorded": (
        "backbreak after its first recorded event",
        [sys.executable, "-m", "backbreak"],
    ),
}
METRICS = ("time_to_tray_s", "pss_mib", "rss_mib", "uss_mib", "idle_cpu_pct", "wakeups_per_s")


def log(*parts: object) -> None:
    print("[footprint]", *parts, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------- /proc


def _read(path: str) -> str:
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return ""


def _kv(text: str) -> dict[str, str]:
    out = {}
    for line in text.splitlines():
        key, _, value = line.partition(":")
        out[key.strip()] = value.strip()
    return out


def memory_kib(pids: Sequence[int]) -> dict[str, int]:
    """RSS, PSS, USS and anonymous PSS (KiB) summed over ``pids``."""
    total = {"rss": 0, "pss": 0, "uss": 0, "pss_anon": 0}
    for pid in pids:
        rollup = _kv(_read(f"/proc/{pid}/smaps_rollup"))
        fields = {k: int(v.split()[0]) for k, v in rollup.items() if v.endswith(" kB")}
        total["rss"] += fields.get("Rss", 0)
        total["pss"] += fields.get("Pss", 0)
        total["pss_anon"] += fields.get("Pss_Anon", 0)
        total["uss"] += fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
    return total


def cpu_ticks(pid: int) -> int:
    """utime + stime of the process (all its threads) and of its reaped children."""
    stat = _read(f"/proc/{pid}/stat")
    if not stat:
        return 0
    fields = stat[stat.rfind(")") + 2 :].split()
    return sum(int(v) for v in fields[11:15])


def context_switches(pid: int) -> dict[tuple[int, int], int]:
    """Voluntary + involuntary context switches per thread, keyed (pid, tid)."""
    out: dict[tuple[int, int], int] = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tids:
        status = _kv(_read(f"/proc/{pid}/task/{tid}/status"))
        if "voluntary_ctxt_switches" in status:  # else the thread ended meanwhile
            voluntary = int(status["voluntary_ctxt_switches"])
            involuntary = int(status.get("nonvoluntary_ctxt_switches", "0"))
            out[(pid, int(tid))] = voluntary + involuntary
    return out


def thread_count(pids: Sequence[int]) -> int:
    return sum(int(_kv(_read(f"/proc/{pid}/status")).get("Threads", "0")) for pid in pids)


# ---------------------------------------------------------------------------------- one run


WORK_HOURS = {
    # Every minute of every day is work time; idle for 30 min before "away", so the whole idle
    # window is spent counting towards a break, as at a desk during work hours.
    "always": 'work_days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]\n'
    'work_start = "00:00"\nwork_end = "00:00"\n[presence]\nidle_minutes = 30\n',
    # No work days: outside work hours all the time.
    "never": "work_days = []\n",
}


def write_settings(desk: Any, which: str, app: str) -> None:
    """Settings that put the idle window inside (or outside) work hours, whatever the clock says,
    and switch the history off for ``backbreak-no-history``."""
    text = ""
    if which != "default":
        text += "[schedule]\ninterval_minutes = 240\n" + WORK_HOURS[which]
    if app == "backbreak-no-history":
        text += "[history]\nrecord = false\n"
    if not text:
        return
    folder = Path(desk.env["XDG_CONFIG_HOME"]) / "backbreak"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.toml").write_text("schema_version = 1\n" + text, encoding="utf-8")


def record_an_event(desk: Any) -> None:
    """``backbreak pause 30m`` then ``resume``: events recorded (SQLite loaded), no window shown."""
    for args in (["pause", "30m"], ["resume"]):
        argv = [sys.executable, "-m", "backbreak", *args]
        done = subprocess.run(argv, cwd=REPO, env=desk.env, capture_output=True, timeout=60)
        if done.returncode != 0:
            raise RuntimeError(
                f"backbreak {' '.join(args)}: {done.stderr.decode(errors='replace')}"
            )


def measure(app: str, rep: int, args: argparse.Namespace) -> dict[str, Any]:
    label, argv = APPS[app]
    result: dict[str, Any] = {"kind": "run", "app": app, "label": label, "rep": rep, "ok": False}
    with tempfile.TemporaryDirectory(prefix=f"footprint-{app}-") as tmp:
        desk = desktop.Desktop(Path(tmp))
        try:
            desk.start()
            if app.startswith("backbreak"):
                write_settings(desk, args.work_hours, app)
            started = time.monotonic()
            proc = desk.spawn(argv, name=app, cwd=REPO)
            icon = desk.tray_icon_geometry(args.tray_timeout, proc=proc)
            result["time_to_tray_s"] = round(time.monotonic() - started, 3)
            result["icon"] = list(icon)
            if app == "backbreak-recorded":
                record_an_event(desk)

            time.sleep(args.settle)
            pids = [p.pid for p in desk.app_processes()]
            mem = memory_kib(pids)
            result.update({f"{k}_mib": round(v / 1024, 2) for k, v in mem.items()})
            result["processes"] = len(pids)
            result["sqlite_loaded"] = any("_sqlite3" in _read(f"/proc/{pid}/maps") for pid in pids)
            result["threads"] = thread_count(pids)

            ticks0 = {pid: cpu_ticks(pid) for pid in pids}
            switches0: dict[tuple[int, int], int] = {}
            for pid in pids:
                switches0.update(context_switches(pid))
            window_start = time.monotonic()
            time.sleep(args.window)
            elapsed = time.monotonic() - window_start
            pids_after = sorted({*pids, *(p.pid for p in desk.app_processes())})
            if proc.poll() is not None:
                raise RuntimeError(f"{app} exited with {proc.returncode} during the idle window")
            ticks = sum(cpu_ticks(pid) - ticks0.get(pid, 0) for pid in pids_after)
            switches = 0
            for pid in pids_after:
                for key, count in context_switches(pid).items():
                    switches += count - switches0.get(key, 0)
            result["window_s"] = round(elapsed, 2)
            result["idle_cpu_pct"] = round(100.0 * ticks / CLK_TCK / elapsed, 3)
            result["wakeups_per_s"] = round(switches / elapsed, 3)
            result["ok"] = True
        except (AssertionError, RuntimeError, OSError) as exc:
            result["error"] = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
            log(f"{app} rep {rep} failed:", exc)
        finally:
            leaked = desk.stop()
            if leaked:
                result["leaked"] = [str(p) for p in leaked]
    return result


# ---------------------------------------------------------------------------------- report


def summarise(runs: list[dict[str, Any]]) -> dict[str, dict[str, dict[str, float]]]:
    """Per app and metric: median, min and max over the runs that succeeded."""
    out: dict[str, dict[str, dict[str, float]]] = {}
    for app in dict.fromkeys(r["app"] for r in runs):
        good = [r for r in runs if r["app"] == app and r["ok"]]
        if not good:
            continue
        out[app] = {}
        for metric in METRICS:
            values = [r[metric] for r in good]
            out[app][metric] = {
                "median": round(statistics.median(values), 3),
                "min": min(values),
                "max": max(values),
                "n": len(values),
            }
    return out


def _cell(stats: dict[str, float] | None, digits: int) -> str:
    if stats is None:
        return "failed"
    text = f"{stats['median']:.{digits}f}"
    if stats["n"] > 1:
        text += f" ({stats['min']:.{digits}f}–{stats['max']:.{digits}f})"
    return text


def table(summary: dict[str, dict[str, dict[str, float]]], apps: Sequence[str]) -> str:
    # RSS and USS too: PSS shares the libraries' pages with whatever else maps them, so it
    # moves with the rest of the machine; RSS and USS compare runs of the same stack better.
    lines = [
        "| app | time-to-tray s | PSS MiB | RSS MiB | USS MiB | idle CPU % | wakeups/s |",
        "|---|---|---|---|---|---|---|",
    ]
    for app in apps:
        s = summary.get(app, {})
        lines.append(
            f"| {APPS[app][0]} | {_cell(s.get('time_to_tray_s'), 2)} | {_cell(s.get('pss_mib'), 1)}"
            f" | {_cell(s.get('rss_mib'), 1)} | {_cell(s.get('uss_mib'), 1)}"
            f" | {_cell(s.get('idle_cpu_pct'), 3)} | {_cell(s.get('wakeups_per_s'), 2)} |"
        )
    return "\n".join(lines)


def _row(target: str, value: str, limit: str, ok: bool | None) -> dict[str, str]:
    verdict = "n/a" if ok is None else ("met" if ok else "not met")
    return {"target": target, "value": value, "limit": limit, "verdict": verdict}


def targets(summary: dict[str, dict[str, dict[str, float]]]) -> list[dict[str, Any]]:
    """backbreak against the targets, on medians; "n/a" when a figure is missing."""
    bb, floor = summary.get("backbreak"), summary.get("floor")
    time_target = f"time-to-tray within {TIME_FACTOR}x the floor"
    pss_target = f"PSS within the floor + {PSS_MARGIN_MIB:.0f} MiB"
    rows = []
    if bb and floor:
        limit = TIME_FACTOR * floor["time_to_tray_s"]["median"]
        value = bb["time_to_tray_s"]["median"]
        rows.append(_row(time_target, f"{value:.2f} s", f"{limit:.2f} s", value <= limit))
        limit = floor["pss_mib"]["median"] + PSS_MARGIN_MIB
        value = bb["pss_mib"]["median"]
        rows.append(_row(pss_target, f"{value:.1f} MiB", f"{limit:.1f} MiB", value <= limit))
    else:
        rows.append(_row(time_target, "-", "-", None))
        rows.append(_row(pss_target, "-", "-", None))
    wakeups_target = f"under {WAKEUPS_LIMIT} wakeups/s idle"
    if bb:
        value = bb["wakeups_per_s"]["median"]
        rows.append(
            _row(wakeups_target, f"{value:.2f}/s", f"{WAKEUPS_LIMIT}/s", value < WAKEUPS_LIMIT)
        )
    else:
        rows.append(_row(wakeups_target, "-", f"{WAKEUPS_LIMIT}/s", None))
    return rows


def meta(args: argparse.Namespace) -> dict[str, Any]:
    def version(dist: str) -> str | None:
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            return None

    return {
        "kind": "meta",
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "pyside6": version("PySide6-Essentials") or version("PySide6"),
        "backbreak": version("backbreak"),
        "kernel": platform.release(),
        "cpus": os.cpu_count(),
        "reps": args.reps,
        "settle_s": args.settle,
        "window_s": args.window,
    }


def warm_page_cache(apps: Sequence[str]) -> None:
    """Load the shared libraries once so the first measured app does not pay alone for a cold
    page cache."""
    commands = [[sys.executable, "-c", "import PySide6.QtWidgets"]]
    if "backbreak" in apps:
        commands.append([sys.executable, "-m", "backbreak", "--version"])
    for argv in commands:
        subprocess.run(argv, cwd=REPO, capture_output=True, timeout=120, check=False)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=3, help="runs per app (default 3)")
    parser.add_argument("--window", type=float, default=60.0, help="idle window, s (default 60)")
    parser.add_argument("--settle", type=float, default=5.0, help="settle after docking, s")
    parser.add_argument("--tray-timeout", type=float, default=30.0, help="max wait for the icon")
    parser.add_argument(
        "--apps",
        default="floor,backbreak",
        help="comma-separated subset of: " + ", ".join(APPS) + " (default: floor,backbreak)",
    )
    parser.add_argument(
        "--work-hours",
        choices=["default", "always", "never"],
        default="default",
        help="backbreak's settings for the run: its defaults (work hours depend on the clock), "
        "always inside work hours, or never",
    )
    parser.add_argument("--out", type=Path, help="also write all results as JSON to this file")
    args = parser.parse_args(argv)
    args.apps = [a.strip() for a in args.apps.split(",") if a.strip()]
    unknown = [a for a in args.apps if a not in APPS]
    if unknown or not args.apps:
        parser.error(f"unknown app(s) {unknown}; choose from {list(APPS)}")
    if args.reps < 1 or args.window <= 0 or args.settle < 0:
        parser.error("--reps must be >= 1, --window > 0, --settle >= 0")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    missing = desktop.missing_tools()
    if missing:
        log("cannot measure without:", ", ".join(missing))
        return 2

    info = meta(args)
    print(json.dumps(info), flush=True)
    warm_page_cache(args.apps)
    runs = []
    for rep in range(1, args.reps + 1):
        for app in args.apps:  # interleaved, so slow drifts of a shared machine hit both
            log(f"{app} rep {rep}/{args.reps} (window {args.window:g} s)")
            run = measure(app, rep, args)
            runs.append(run)
            print(json.dumps(run), flush=True)

    summary = summarise(runs)
    goals = targets(summary)
    print()
    print(table(summary, args.apps))
    print()
    print(f"Targets for backbreak (medians of {args.reps} run(s); reported, not enforced):")
    for goal in goals:
        print(f"- {goal['target']}: {goal['value']} (limit {goal['limit']}): {goal['verdict']}")

    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        payload = {"meta": info, "runs": runs, "summary": summary, "targets": goals}
        args.out.write_text(json.dumps(payload, indent=2) + "\n")
    failed = [r for r in runs if not r["ok"]]
    for run in failed:
        log(f"measurement failed: {run['app']} rep {run['rep']}: {run.get('error')}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
