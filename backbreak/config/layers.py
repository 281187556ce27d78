"""Organisation-wide defaults and locked keys, layered under the user's own settings file.

An administrator may put a ``settings.toml`` in the system config location (see
:func:`site_settings_paths`). Such a *site file* has the same keys as the user's file plus a
top-level ``locked`` list of dotted keys. The layers, from weakest to strongest:

1. the built-in defaults;
2. the site files, from the least to the most important (a later file's values replace an
   earlier one's); together with 1. they are :attr:`LayeredSettings.defaults`;
3. the user's file, except for locked keys: a key listed in ``locked`` by any site file keeps
   its value from 1.-2. whatever the user's file says.

Site files are read, never written or moved: they are not the user's. Anything wrong with one is
a problem line naming the file; a site file that does not parse is skipped as a whole (its values
and locks do not apply) and a bad value in one is ignored, so that key keeps what the weaker
layers give it (the built-in default unless another site file sets it).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import platformdirs

from backbreak.config.loader import (
    LoadedSettings,
    SettingProblem,
    SettingsSyntaxError,
    read_settings,
)
from backbreak.config.schema import KEYS_BY_DOTTED, Settings, format_value, replace_value
from backbreak.config.store import APP_NAME, FILE_NAME, save_settings
from backbreak.config.store import quarantine as move_aside

LOCKED = "locked"
"""The site-file key listing the dotted keys users cannot change."""

_XDG_DEFAULT_CONFIG_DIRS = "/etc/xdg"
UNKNOWN_LISTED = 3
"""Unknown keys named one by one; past this a file's unknown keys are summed up in one line."""
_LOCKED_ALLOWED = 'a list of setting names such as "schedule.interval_minutes"'


@dataclass(frozen=True)
class LayeredSettings:
    """The settings that apply, where they came from, and what to tell the user about the files."""

    settings: Settings
    """What applies: the user's values over :attr:`defaults`, except for locked keys."""
    defaults: Settings
    """The built-in defaults with the site files' values over them ("Restore defaults")."""
    locked: frozenset[str]
    """Dotted keys the user cannot change."""
    locked_by: Mapping[str, Path]
    """The site file that locked each key (the most important one, if several did)."""
    user_document: dict[str, object]
    """The user's parsed file as-is, so a save can keep keys this version does not know."""
    problems: tuple[str, ...]
    """One human line each, naming the file (site or user) it is about."""
    quarantined: Path | None
    """Where the user's unparseable file was moved to (only when loaded with quarantine)."""
    syntax_error: SettingsSyntaxError | None
    """Why the user's file could not be parsed, if it could not."""
    read_only: bool
    """The user's file must not be written: newer, unreadable, or broken and left in place."""


def site_settings_paths(env: Mapping[str, str] = os.environ) -> list[Path]:
    """The site files to read, most important first (they need not exist).

    Follows the XDG Base Directory spec outside Windows: ``$XDG_CONFIG_DIRS`` (colon-separated,
    the first the most important; relative entries are invalid and ignored), ``/etc/xdg`` if it
    names none. On Windows, and on macOS without ``$XDG_CONFIG_DIRS``, it is
    ``platformdirs.site_config_path("backbreak")``.
    """
    if sys.platform != "win32":
        entries = env.get("XDG_CONFIG_DIRS", "").split(":")
        folders = [Path(entry) for entry in entries if entry and os.path.isabs(entry)]
        if not folders and sys.platform != "darwin":
            folders = [Path(_XDG_DEFAULT_CONFIG_DIRS)]
        if folders:
            return _unique(folder / APP_NAME / FILE_NAME for folder in folders)
    return [platformdirs.site_config_path(APP_NAME) / FILE_NAME]


def load_layered(
    user_path: Path, site_paths: Sequence[Path], now: datetime, *, quarantine: bool
) -> LayeredSettings:
    """Read the site files (``site_paths`` most important first) and then the user's file.

    Never raises for anything wrong with a site file. For the user's file, ``quarantine=True``
    (app start) moves an unparseable file aside, stamped with ``now``, and runs on the defaults;
    ``quarantine=False`` (``backbreak plan``, reloads) raises :class:`SettingsSyntaxError` and
    leaves the file alone. An unreadable user file means the defaults and ``read_only``.
    """
    problems: list[str] = []
    values: dict[str, object] = {}
    locked_by: dict[str, Path] = {}
    for path in reversed(site_paths):
        if _same_file(path, user_path):
            continue  # e.g. $XDG_CONFIG_HOME listed in $XDG_CONFIG_DIRS: it is the user's file
        site = _read_site_file(path, problems)
        if site is None:
            continue
        fallback = _with_values(Settings(), values)
        known, unknown = _split_unknown(site.problems)
        problems.extend(f"{path}: {_falling_back_to(bad, fallback)}" for bad in known)
        problems.extend(_unknown_lines(path, unknown))
        values.update(site.values)
        for key in _locked_keys(site, path, problems):
            locked_by[key] = path
    defaults = _with_values(Settings(), values)
    locked = frozenset(locked_by)

    def layered(
        settings: Settings,
        document: dict[str, object],
        *,
        read_only: bool,
        quarantined: Path | None = None,
        syntax_error: SettingsSyntaxError | None = None,
    ) -> LayeredSettings:
        return LayeredSettings(
            settings=settings,
            defaults=defaults,
            locked=locked,
            locked_by=dict(locked_by),
            user_document=document,
            problems=tuple(problems),
            quarantined=quarantined,
            syntax_error=syntax_error,
            read_only=read_only,
        )

    try:
        user = read_settings(user_path)
    except SettingsSyntaxError as error:
        if not quarantine:
            raise
        try:
            moved: Path | None = move_aside(user_path, now)
        except OSError:
            moved = None
        if moved is not None:
            problems.append(f"{error}; the file was moved to {moved} and the defaults are used")
        else:
            problems.append(f"{error}; using the defaults")
        return layered(defaults, {}, read_only=moved is None, quarantined=moved, syntax_error=error)
    except OSError as error:
        problems.append(
            f"{user_path}: could not read the file ({_reason(error)}); using the defaults and "
            "not saving changes"
        )
        return layered(defaults, {}, read_only=True)

    known, unknown = _split_unknown(user.problems)
    for problem in known:
        if problem.key in locked:
            problems.append(_locked_message(user_path, problem.key, problem.value, locked_by))
        else:
            problems.append(f"{user_path}: {_falling_back_to(problem, defaults)}")
    if any(problem.key == LOCKED for problem in unknown):
        problems.append(f"{user_path}: locked only has an effect in a site settings file")
    problems.extend(_unknown_lines(user_path, [p for p in unknown if p.key != LOCKED]))
    own: dict[str, object] = {}
    for key, value in user.values.items():
        if key not in locked:
            own[key] = value
        elif value != KEYS_BY_DOTTED[key].get(defaults):
            raw = KEYS_BY_DOTTED[key].to_toml(value)
            problems.append(_locked_message(user_path, key, raw, locked_by))
    if user.newer:
        problems.append(
            f"{user_path} was written by a newer version of backbreak; using the settings this "
            "version knows and never overwriting the file"
        )
    return layered(_with_values(defaults, own), user.document, read_only=user.newer)


def save_user_settings(path: Path, settings: Settings, layered: LayeredSettings) -> None:
    """Write the user's file atomically: ``schema_version`` and what differs from the defaults.

    Differences are from ``layered.defaults`` (site values included). Locked keys are never
    written from ``settings``; a value the file already has for one is left as it is (still
    ignored while the key is locked). Keys this version does not know are kept. Raises
    :class:`~backbreak.config.store.NewerFileError` for a file from a newer backbreak and
    ``OSError`` for a file that cannot be read, leaving it untouched; a file that no longer
    parses is moved aside first.
    """
    save_settings(path, settings, defaults=layered.defaults, locked=layered.locked)


def _read_site_file(path: Path, problems: list[str]) -> LoadedSettings | None:
    """The site file's contents, or ``None`` (with a problem) when it cannot be used at all."""
    try:
        return read_settings(path, extra_keys=(LOCKED,))
    except SettingsSyntaxError as error:
        problems.append(f"{error}; this site settings file is skipped")
    except OSError as error:
        problems.append(
            f"{path}: could not read the site settings file ({_reason(error)}); it is skipped"
        )
    return None


def _locked_keys(site: LoadedSettings, path: Path, problems: list[str]) -> list[str]:
    """The known dotted keys in the site file's ``locked`` list; everything else is reported."""
    if LOCKED not in site.document:
        return []
    listed = site.document[LOCKED]
    if not isinstance(listed, list):
        problems.append(
            f"{path}: {LOCKED} = {format_value(listed)} is not allowed ({_LOCKED_ALLOWED}); "
            "nothing is locked by this file"
        )
        return []
    keys: list[str] = []
    for item in listed:
        if isinstance(item, str) and item in KEYS_BY_DOTTED:
            keys.append(item)
        elif not site.newer or not isinstance(item, str):
            # A newer file may lock keys this version does not have yet: not worth a warning.
            problems.append(f"{path}: unknown setting {format_value(item)} in {LOCKED} ignored")
    return keys


def _split_unknown(
    problems: Iterable[SettingProblem],
) -> tuple[list[SettingProblem], list[SettingProblem]]:
    """The bad values, and the unknown keys and sections (told apart: they may be thousands)."""
    known: list[SettingProblem] = []
    unknown: list[SettingProblem] = []
    for problem in problems:
        (unknown if problem.unknown else known).append(problem)
    return known, unknown


def _unknown_lines(path: Path, unknown: Sequence[SettingProblem]) -> list[str]:
    """A line each for up to :data:`UNKNOWN_LISTED` unknown keys, one summary line for more."""
    if len(unknown) <= UNKNOWN_LISTED:
        return [f"{path}: {problem}" for problem in unknown]
    names = ", ".join(
        f"[{problem.key}]" if isinstance(problem.value, dict) else problem.key
        for problem in unknown[:UNKNOWN_LISTED]
    )
    more = len(unknown) - UNKNOWN_LISTED
    return [f"{path}: {len(unknown)} unknown keys ignored: {names} and {more} more"]


def _locked_message(user_path: Path, key: str, value: object, locked_by: Mapping[str, Path]) -> str:
    return (
        f"{user_path}: {key} is set by your organisation (in {locked_by[key]}); "
        f"your value {format_value(value)} is ignored"
    )


def _falling_back_to(problem: SettingProblem, fallback: Settings) -> SettingProblem:
    """``problem`` naming the value really used instead: the layered default, not the built-in."""
    spec = KEYS_BY_DOTTED.get(problem.key)
    if spec is None or problem.unknown or problem.section:
        return problem
    return replace(problem, default=spec.to_toml(spec.get(fallback)))


def _with_values(base: Settings, values: Mapping[str, object]) -> Settings:
    for key, value in values.items():
        base = replace_value(base, key, value)
    return base


def _same_file(site: Path, user: Path) -> bool:
    if site == user:
        return True
    try:
        return os.path.samefile(site, user)
    except (OSError, ValueError):
        return False


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _unique(paths: Iterable[Path]) -> list[Path]:
    """``paths`` without repeats, keeping the first (most important) of each."""
    return list(dict.fromkeys(paths))
