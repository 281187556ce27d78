"""Build the one-folder bundle (`make bundle`): dist/backbreak/backbreak and a .tar.gz of it.

The build runs in a venv of its own (build/bundle-venv) holding the runtime dependencies from
pyproject.toml without PySide6-Addons, plus the `bundle` extra (PyInstaller): PyInstaller
bundles every Qt module it finds importable, and the app's optional sound and speech modules
would drag the Addons' multimedia stack (and FFmpeg) in with them.

Exit status 0 when built, 1 when the build failed, 3 when PyInstaller could not be installed
(no package index reachable, say): the bundle test skips then.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "pyinstaller" / "backbreak.spec"
EXIT_NO_PYINSTALLER = 3


def requirements() -> list[str]:
    """Runtime dependencies without PySide6-Addons, and the `bundle` extra."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = [d for d in project["dependencies"] if not d.lower().startswith("pyside6-addons")]
    return [*runtime, *project["optional-dependencies"]["bundle"]]


def venv_python(venv: Path) -> Path:
    python = venv / "bin" / "python"
    if not python.exists():
        made = subprocess.run([sys.executable, "-m", "venv", str(venv)], check=False)
        if made.returncode != 0:  # Debian without python3-venv
            shutil.rmtree(venv, ignore_errors=True)
            bootstrap = ROOT / "packaging" / "bootstrap_venv.py"
            subprocess.run([sys.executable, str(bootstrap), str(venv)], check=True)
    return python


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=Path, default=ROOT / "build" / "bundle-venv")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument("--no-tar", action="store_true", help="skip the .tar.gz")
    args = parser.parse_args(argv)

    started = time.monotonic()
    try:
        python = venv_python(args.venv)
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"bundle: cannot create the build venv: {exc}", file=sys.stderr)
        return EXIT_NO_PYINSTALLER
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    if subprocess.run([*pip, *requirements()], check=False).returncode != 0:
        print("bundle: cannot install PyInstaller and the dependencies", file=sys.stderr)
        return EXIT_NO_PYINSTALLER
    installed = time.monotonic()
    build = subprocess.run(
        [str(python), "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(args.dist), "--workpath", str(args.work), str(SPEC)],
        check=False,
    )  # fmt: skip
    if build.returncode != 0:
        return 1
    built = time.monotonic()
    folder = args.dist / "backbreak"
    size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())
    print(f"bundle: {folder} ({size / 2**20:.0f} MiB)")
    print(f"bundle: dependencies {installed - started:.0f} s, PyInstaller {built - installed:.0f} s")
    if not args.no_tar:
        archive = args.dist / f"backbreak-linux-{platform.machine()}.tar.gz"
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(folder, arcname="backbreak")
        print(f"bundle: {archive} ({archive.stat().st_size / 2**20:.0f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
