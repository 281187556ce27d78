"""Generated pywayland bindings for the two Wayland idle protocols (do not edit by hand).

- ``ext_idle_notify_v1.py`` from ``ext-idle-notify-v1.xml`` (wayland-protocols 1.31, Debian
  package ``wayland-protocols``; MIT licence, its notice is kept in the file);
- ``idle.py`` (``org_kde_kwin_idle``) from ``idle.xml`` (plasma-wayland-protocols 1.10, Debian
  package ``plasma-wayland-protocols``; LGPL-2.1-or-later, as its header says).

They are committed rather than generated at build time so that installing the wheel needs no
XML files and no scanner: pywayland's wheel carries its own libwayland-client. Regenerate with
``make wlproto`` (pywayland's scanner, ``python -m pywayland.scanner``, then ``wl_seat`` is
imported from pywayland's own ``pywayland.protocol.wayland``). ruff and mypy skip this folder.
"""
