"""Import APScheduler without OpenSSL.

APScheduler imports asyncio, and asyncio imports ``ssl``, which maps OpenSSL
into the process: about 10 MiB of PSS (measured with PySide6 6.12 on Debian 12)
in an app that never opens a network connection. asyncio treats a missing
``ssl`` as "no TLS support", so hiding it while APScheduler loads keeps the
footprint down; ``ssl`` stays importable for anything that needs it later.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def ssl_hidden() -> Iterator[None]:
    if "ssl" in sys.modules or "asyncio" in sys.modules:
        yield  # too late to matter: it is already loaded (or asyncio already has it)
        return
    sys.modules["ssl"] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        if "ssl" in sys.modules and sys.modules["ssl"] is None:
            del sys.modules["ssl"]
