"""How long reading a hostile settings file takes, and how much memory it costs.

Each case writes a file to a temporary folder and loads it as start-up and a live reload do
(``load_layered``), in a fresh process so peak memory (``ru_maxrss``) is the case's own:

- ``huge``: 50 MB of comments (refused at the size limit without being read);
- ``unknown-keys``: as many unknown keys as fit under the limit (one summary warning line);
- ``typical``: a file that sets every section.

Prints one JSON line per case: seconds (median of ``--reps``), peak RSS in MiB and the number
of warning lines.

    .venv/bin/python bench/settings_load.py [--reps 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from backbreak.config.loader import MAX_FILE_BYTES  # noqa: E402

TYPICAL = """schema_version = 1
[schedule]
interval_minutes = 30
work_days = ["mon", "tue", "wed", "thu"]
work_start = "08:30"
[break]
exercise = ["breathing", "scapular-squeeze"]
[sound]
volume = 40
"""

CHILD = """
import json, resource, sys, time
from datetime import UTC, datetime
from pathlib import Path
from backbreak.config.layers import load_layered
start = time.perf_counter()
layered = load_layered(Path(sys.argv[1]), [], datetime.now(UTC), quarantine=False)
seconds = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "rss_mib": rss, "warnings": len(layered.problems)}))
"""


def write_case(name: str, path: Path) -> None:
    if name == "huge":
        comment = b"# " + b"x" * 97 + b"\n"
        with path.open("wb") as stream:
            for _ in range(50 * 1024 * 1024 // len(comment)):
                stream.write(comment)
    elif name == "unknown-keys":
        lines: list[str] = []
        size = 0
        while True:
            line = f"k{len(lines)} = 1\n"
            if size + len(line) > MAX_FILE_BYTES:
                break
            lines.append(line)
            size += len(line)
        path.write_text("".join(lines), encoding="utf-8")
    else:
        path.write_text(TYPICAL, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for name in ("typical", "unknown-keys", "huge"):
            path = Path(folder) / f"{name}.toml"
            write_case(name, path)
            runs = []
            for _ in range(args.reps):
                done = subprocess.run(
                    [sys.executable, "-c", CHILD, str(path)],
                    cwd=REPO,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                runs.append(json.loads(done.stdout))
            print(
                json.dumps(
                    {
                        "case": name,
                        "bytes": path.stat().st_size,
                        "seconds": round(statistics.median(r["seconds"] for r in runs), 4),
                        "rss_mib": round(max(r["rss_mib"] for r in runs), 1),
                        "warnings": runs[0]["warnings"],
                    }
                )
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
