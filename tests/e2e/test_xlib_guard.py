"""The X11 idle source's connection is under the process's Xlib error guard.

Xlib's default handlers print and ``exit()`` the process on an X error or a lost server. Each
test runs the source in a child process (so an exit is seen, not suffered) against a private
Xvfb, and checks that the child carries on and reports "unknown" instead.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from tests.e2e.desktop import Desktop

pytestmark = pytest.mark.e2e

_CHILD = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QCoreApplication
    from backbreak.platform.interruptions.x11_fullscreen import X11FullscreenSource
    from backbreak.platform.presence.x11 import X11IdleSource

    display, step = sys.argv[1], sys.argv[2]
    app = QCoreApplication([])
    # Another X11 backend in the same process, as in the app: its guard is installed first.
    fullscreen = X11FullscreenSource(display)
    fullscreen.start()
    source = X11IdleSource(display)
    source.open()
    print("open", source.read_idle() is not None, flush=True)
    if step == "x-error":
        x = source.connection
        x.select(0x3FFFFFFF, 1 << 22)  # no such window: BadWindow on the idle connection
        x.property_longs(x.root, x.atom("WM_NAME"))  # a round trip: the error arrives here
        print("after", source.read_idle() is not None, flush=True)
    else:
        sys.stdin.readline()  # the server is killed meanwhile
        print("after", source.read_idle(), flush=True)
    source.close()
    print("done", flush=True)
    """
)


def _child(desktop: Desktop, step: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _CHILD, desktop.display, step],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_an_x_error_on_the_idle_connection_does_not_end_the_process(desktop: Desktop) -> None:
    child = _child(desktop, "x-error")
    out, err = child.communicate(timeout=30)
    assert child.returncode == 0, err
    assert out.split("\n") == ["open True", "after True", "done", ""], err


def test_a_lost_x_server_makes_idle_unknown_instead_of_ending_the_process(
    desktop: Desktop,
) -> None:
    child = _child(desktop, "lost")
    assert child.stdout is not None
    assert child.stdin is not None
    assert child.stdout.readline() == "open True\n"
    desktop.stop()  # the X server goes away under the open connection
    out, err = child.communicate("go\n", timeout=30)
    assert child.returncode == 0, err
    assert out.split("\n") == ["after None", "done", ""], err
