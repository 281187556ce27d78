"""The processes a headless desktop or shell starts, and how they all end.

Each runs in its own process group with its output in ``<log_dir>/<name>.log`` and carries
:data:`TAG_VAR` in its environment, so that whatever it started in turn (bus-activated
services, forked helpers) is found and killed at the end too. Shared by
:class:`tests.e2e.desktop.Desktop` and :class:`tests.e2e.shells.common.Shell`.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

#: Environment variable that marks every process started in one desktop or shell.
TAG_VAR = "E2E_DESKTOP_ID"

_POLL_INTERVAL = 0.02
_GONE = ("Z", "X")  # zombie, dead


@dataclass(frozen=True)
class ProcInfo:
    pid: int
    ppid: int
    comm: str
    cmdline: str

    def __str__(self) -> str:
        return f"pid {self.pid} ({self.comm}): {self.cmdline}"


def popen_logged(
    log: Path,
    argv: Sequence[str],
    env: Mapping[str, str],
    *,
    cwd: Path | None = None,
    pass_fds: Sequence[int] = (),
) -> subprocess.Popen[bytes]:
    """Start ``argv`` in a process group of its own (killpg() takes its children too), its
    stdout and stderr appended to ``log``."""
    with log.open("ab") as out:
        return subprocess.Popen(
            list(argv),
            env=dict(env),
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            pass_fds=tuple(pass_fds),
        )


def log_tail(log: Path, tail: int = 4000) -> str:
    """The end of a started program's combined stdout/stderr."""
    try:
        data = log.read_bytes()
    except OSError:
        return f"(no log at {log})"
    return data[-tail:].decode(errors="replace") or "(empty log)"


def tagged_pids(tag: str) -> list[int]:
    """Live processes (other than this one) whose environment carries ``tag``."""
    marker = f"{TAG_VAR}={tag}".encode()
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        environ = read_proc(int(entry), "environ")
        if environ and marker in environ.split(b"\0"):
            stat = proc_stat(int(entry))
            if stat and stat[1] not in _GONE:
                pids.append(int(entry))
    return pids


def proc_info(pid: int) -> ProcInfo | None:
    stat = proc_stat(pid)
    if stat is None:
        return None
    raw = read_proc(pid, "cmdline") or b""
    cmdline = raw.replace(b"\0", b" ").decode(errors="replace").strip()
    return ProcInfo(pid, stat[2], stat[0], cmdline)


def read_proc(pid: int, name: str) -> bytes | None:
    try:
        return Path(f"/proc/{pid}/{name}").read_bytes()
    except OSError:
        return None


def proc_stat(pid: int) -> tuple[str, str, int] | None:
    """(comm, state, ppid) from /proc/PID/stat."""
    raw = read_proc(pid, "stat")
    if not raw:
        return None
    text = raw.decode(errors="replace")
    close = text.rfind(")")
    fields = text[close + 2 :].split()
    return text[text.find("(") + 1 : close], fields[0], int(fields[1])


def name_of(proc: subprocess.Popen[bytes]) -> str:
    args = proc.args if isinstance(proc.args, list) else [str(proc.args)]
    return " ".join(str(a) for a in args)


def descends_from(pid: int, ancestors: Collection[int]) -> bool:
    seen = set()
    while pid > 1 and pid not in seen:
        if pid in ancestors:
            return True
        seen.add(pid)
        stat = proc_stat(pid)
        if stat is None:
            return False
        pid = stat[2]
    return False


def alive(pid: int) -> bool:
    stat = proc_stat(pid)
    return stat is not None and stat[1] not in _GONE


def terminate_group(proc: subprocess.Popen[bytes], grace: float = 3.0) -> None:
    """SIGTERM the process group ``proc`` leads, SIGKILL it after ``grace`` seconds."""
    pgid = proc.pid
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        proc.poll()
        if not group_alive(pgid):
            break
        time.sleep(_POLL_INTERVAL)
    else:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pgid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(grace)


def group_alive(pgid: int) -> bool:
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            raw = read_proc(int(entry), "stat")
            if raw:
                text = raw.decode(errors="replace")
                fields = text[text.rfind(")") + 2 :].split()
                if int(fields[2]) == pgid and fields[0] not in _GONE:
                    return True
    return False


def kill_pids(pids: Iterable[int]) -> None:
    for pid in pids:
        if alive(pid):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
