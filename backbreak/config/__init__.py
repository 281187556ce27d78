"""User settings: the schema, a forgiving reader for hand-edited files and a safe writer.

Pure on purpose (no Qt, no scheduler) so it can be tested and reused by docs and tools.
"""

from backbreak.config.layers import (
    LayeredSettings,
    load_layered,
    save_user_settings,
    site_settings_paths,
)
from backbreak.config.loader import (
    LoadedSettings,
    SettingProblem,
    SettingsSyntaxError,
    parse_settings,
    read_settings,
)
from backbreak.config.schema import (
    KEYS,
    KEYS_BY_DOTTED,
    SCHEMA_VERSION,
    WEEKDAYS,
    BreakSettings,
    InterruptionsSettings,
    KeySpec,
    PresenceSettings,
    ScheduleSettings,
    Settings,
    SoundSettings,
    build_settings,
    replace_value,
)
from backbreak.config.store import (
    NewerFileError,
    atomic_write_text,
    quarantine,
    render_settings,
    save_settings,
    settings_path,
)

__all__ = [
    "KEYS",
    "KEYS_BY_DOTTED",
    "SCHEMA_VERSION",
    "WEEKDAYS",
    "BreakSettings",
    "InterruptionsSettings",
    "KeySpec",
    "LayeredSettings",
    "LoadedSettings",
    "NewerFileError",
    "PresenceSettings",
    "ScheduleSettings",
    "SettingProblem",
    "Settings",
    "SettingsSyntaxError",
    "SoundSettings",
    "atomic_write_text",
    "build_settings",
    "load_layered",
    "parse_settings",
    "quarantine",
    "read_settings",
    "render_settings",
    "replace_value",
    "save_settings",
    "save_user_settings",
    "settings_path",
    "site_settings_paths",
]
