"""Create a virtual environment where ``python3 -m venv`` cannot install pip.

Debian and Ubuntu ship the interpreter without ``ensurepip`` unless the
python3-venv package is installed. This creates the venv without pip, fetches
the pip wheel from PyPI (checking its sha256) and installs pip from it.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
import venv
from pathlib import Path

INDEX = "https://pypi.org/pypi/pip/json"


def main(target: str) -> int:
    venv.EnvBuilder(with_pip=False, clear=True).create(target)
    with urllib.request.urlopen(INDEX, timeout=60) as reply:
        info = json.load(reply)
    wheel = next(f for f in info["urls"] if f["packagetype"] == "bdist_wheel")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / wheel["filename"]
        # Mirrors may answer with addresses relative to the index page.
        url = urllib.parse.urljoin(INDEX, wheel["url"])
        with urllib.request.urlopen(url, timeout=120) as reply:
            data = reply.read()
        if hashlib.sha256(data).hexdigest() != wheel["digests"]["sha256"]:
            print("pip download failed its checksum", file=sys.stderr)
            return 1
        path.write_bytes(data)
        python = Path(target) / "bin" / "python"
        return subprocess.call([str(python), f"{path}/pip", "install", "--quiet", str(path)])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
