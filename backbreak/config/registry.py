"""How a setting is declared, and everything derived from the declarations.

A setting is one field of a frozen section dataclass, declared with :func:`setting`: its
default, its :class:`~backbreak.config.kinds.Kind` (type, bounds, choices), its unit, and the
words users see (the dialog's label and help, the docs' description). A :class:`Schema` reads
those fields once and gives everyone else the same view: the key list (:class:`KeySpec`),
validation, building and changing settings by dotted key. Adding a key is adding one field.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar, cast

from backbreak.config.formatting import format_value
from backbreak.config.kinds import Kind

T = TypeVar("T")
R = TypeVar("R")

_DECLARATION = "backbreak.setting"
"""The field-metadata key that marks a dataclass field as a setting."""


@dataclass(frozen=True)
class Declaration:
    """What :func:`setting` records about a key besides its default."""

    kind: Kind[Any]
    label: str
    help: str
    doc: str
    unit: str


def setting(default: T, kind: Kind[T], *, label: str, help: str, doc: str, unit: str = "") -> T:
    """Declare a settings key as a field of a :class:`Section` dataclass.

    ``label`` and ``help`` are the settings dialog's words (the help names the labels users
    see); ``doc`` describes the key for the settings file's documentation (Markdown, naming
    keys); ``unit`` is shown after a number ("min", "%").
    """
    declaration = Declaration(kind, label, help, doc, unit)
    # The dataclass machinery takes the Field object; type checkers see the default's type.
    return dataclasses.field(default=default, metadata={_DECLARATION: declaration})


class Section:
    """Base of the section dataclasses: one TOML table, shown on one tab of the dialog.

    Subclasses name their table and tab as class arguments, e.g.
    ``class SoundSettings(Section, table="sound", tab="Sound")``. Every instance is validated
    (and canonicalised) on construction, so no code path can hold a value its key refuses.
    """

    table: ClassVar[str]
    tab: ClassVar[str]

    def __init_subclass__(cls, *, table: str | None = None, tab: str | None = None) -> None:
        super().__init_subclass__()
        if table is not None:
            cls.table = table
        if tab is not None:
            cls.tab = tab

    def __post_init__(self) -> None:
        for spec in section_keys(type(self)):
            # Frozen dataclass: canonicalise (e.g. work-day order) through object.__setattr__.
            object.__setattr__(self, spec.name, spec.parse(getattr(self, spec.name)))


@dataclass(frozen=True)
class KeySpec:
    """One key as everyone but its declaration sees it: where it lives and what it accepts."""

    section: str
    """The TOML table, e.g. ``"break"``."""
    attr: str
    """The attribute of the settings object that holds the section, e.g. ``"break_"``."""
    name: str
    tab: str
    default: object
    declaration: Declaration

    @property
    def dotted(self) -> str:
        """The key as users see it in messages and docs, e.g. ``schedule.interval_minutes``."""
        return f"{self.section}.{self.name}"

    @property
    def kind(self) -> Kind[Any]:
        return self.declaration.kind

    @property
    def allowed(self) -> str:
        return self.declaration.kind.allowed

    @property
    def label(self) -> str:
        return self.declaration.label

    @property
    def help(self) -> str:
        return self.declaration.help

    @property
    def doc(self) -> str:
        return self.declaration.doc

    @property
    def unit(self) -> str:
        return self.declaration.unit

    def parse(self, raw: object) -> object:
        """Return the canonical value for ``raw`` (as tomllib gives it) or raise ``ValueError``."""
        value = self.kind.check(raw)
        if value is None:
            raise ValueError(f"{self.dotted} = {format_value(raw)} is not allowed ({self.allowed})")
        return value

    def to_toml(self, value: object) -> object:
        """Return ``value`` as it is written to the file (times become ``"HH:MM"`` strings)."""
        return self.kind.to_toml(value)

    def get(self, settings: object) -> object:
        """Read this key's current value out of a settings object."""
        return getattr(getattr(settings, self.attr), self.name)


def section_keys(section: type[Section], attr: str = "") -> tuple[KeySpec, ...]:
    """The keys a section dataclass declares, in field order."""
    specs: list[KeySpec] = []
    for item in dataclasses.fields(cast(Any, section)):
        declaration = item.metadata.get(_DECLARATION)
        if not isinstance(declaration, Declaration):
            raise TypeError(f"{section.__name__}.{item.name} is not declared with setting()")
        specs.append(
            KeySpec(section.table, attr, item.name, section.tab, item.default, declaration)
        )
    return tuple(specs)


class Schema(Generic[R]):
    """The keys of a settings dataclass whose fields are :class:`Section` dataclasses.

    Each field of ``root`` holds one section and has the section class as its
    ``default_factory``; its order is the order of tables in the file, tabs in the dialog and
    rows in the docs.
    """

    def __init__(self, root: type[R]) -> None:
        self.root = root
        self.attrs: dict[str, str] = {}
        """The attribute holding each table, by table name."""
        sections: dict[str, type[Section]] = {}
        for item in dataclasses.fields(cast(Any, root)):
            section = item.default_factory
            if not (isinstance(section, type) and issubclass(section, Section)):
                raise TypeError(f"{root.__name__}.{item.name} is not a Section dataclass")
            self.attrs[section.table] = item.name
            sections[section.table] = section
        self._sections = sections
        self.tables: tuple[str, ...] = tuple(sections)
        self.keys: tuple[KeySpec, ...] = tuple(
            spec
            for table, section in sections.items()
            for spec in section_keys(section, self.attrs[table])
        )
        self.by_dotted: Mapping[str, KeySpec] = {spec.dotted: spec for spec in self.keys}

    def keys_in(self, table: str) -> Iterator[KeySpec]:
        """The keys of one table, in declaration order."""
        return (spec for spec in self.keys if spec.section == table)

    def from_sections(self, by_section: Mapping[str, Mapping[str, Any]]) -> R:
        """Settings from already parsed values by table and field name; the rest are defaults."""
        parts = {
            self.attrs[table]: section(**by_section.get(table, {}))
            for table, section in self._sections.items()
        }
        return self.root(**parts)

    def build(self, values: Mapping[str, object]) -> R:
        """Settings from dotted-key values; keys not given keep their defaults.

        Raises ``ValueError`` for an unknown key or a value the key does not allow.
        """
        unknown = set(values) - set(self.by_dotted)
        if unknown:
            raise ValueError(f"unknown settings keys: {', '.join(sorted(unknown))}")
        by_section: dict[str, dict[str, Any]] = {table: {} for table in self.tables}
        for dotted, raw in values.items():
            spec = self.by_dotted[dotted]
            by_section[spec.section][spec.name] = spec.parse(raw)
        return self.from_sections(by_section)

    def replace(self, settings: R, dotted: str, raw: object) -> R:
        """A copy of ``settings`` with one key changed; ``ValueError`` if it is not allowed."""
        spec = self.by_dotted[dotted]
        section = getattr(settings, spec.attr)
        changed = dataclasses.replace(section, **{spec.name: spec.parse(raw)})
        return cast(R, dataclasses.replace(cast(Any, settings), **{spec.attr: changed}))
