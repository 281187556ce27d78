"""The settings dialog: every key of the registry, checked as you type, saved without surprises.

- The editors are generated from :data:`backbreak.config.schema.KEYS` by kind, grouped in the
  tabs the keys' sections declare (see :func:`backbreak.ui.settings.text.tab_plan`), so a new
  key appears on its own.
- OK and Apply stay disabled while a field holds an impossible value; the reason is shown next
  to the field and in its accessible description.
- Saving goes through the injected ``save`` (atomic, keeps unknown keys, never writes locked
  keys). If the file changed on disk since it was read, the user chooses: overwrite, reload
  from the file, or cancel; it is never overwritten silently.
- Locked keys (organisation settings) are shown disabled with a note, and never saved.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QTabBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from backbreak.config.i18n import QT_TRANSLATE_NOOP
from backbreak.config.kinds import TimeOfDay
from backbreak.config.layers import (
    LayeredSettings,
    load_layered,
    save_user_settings,
    site_settings_paths,
)
from backbreak.config.loader import SettingsSyntaxError
from backbreak.config.schema import KEYS, Settings, replace_value
from backbreak.config.store import NewerFileError
from backbreak.core.exercises import Exercise
from backbreak.ui.language import Plural, arg, translate
from backbreak.ui.settings.conflict import ConflictChoice, ask_conflict, fingerprint
from backbreak.ui.settings.fields import Field, TimeField
from backbreak.ui.settings.general import GeneralPage, LoginStart
from backbreak.ui.settings.notes import Note, Problem, StatusLine
from backbreak.ui.settings.pages import build_page, stacked
from backbreak.ui.settings.text import (
    GENERAL_TAB,
    LOCKED_NOTE,
    reserve,
    shown,
    span_text,
    tab_plan,
    with_mnemonic,
)

TITLE = QT_TRANSLATE_NOOP("Settings", "backbreak settings")
Load = Callable[[], LayeredSettings]
Save = Callable[[Settings, LayeredSettings], None]
AskConflict = Callable[[QWidget, Path], ConflictChoice]


class SettingsDialog(QDialog):
    """Non-modal; the app keeps one and calls :meth:`present`, which re-reads the file."""

    applied = Signal(object)
    """The new :class:`Settings`, after they were saved."""

    def __init__(
        self,
        path: Path,
        layered: LayeredSettings,
        catalogue: Mapping[str, Exercise],
        login_start: LoginStart,
        load: Load | None = None,
        save: Save | None = None,
        parent: QWidget | None = None,
        *,
        ask: AskConflict = ask_conflict,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Settings", TITLE))
        self.setAccessibleName(self.windowTitle())
        self._path = path
        self._layered = layered
        self._load: Load = load or (lambda: _load_from(path))
        self._save: Save = save or (lambda values, base: save_user_settings(path, values, base))
        self._ask = ask
        self._fingerprint = fingerprint(path)

        self.buttons = QDialogButtonBox(self)
        standard = QDialogButtonBox.StandardButton
        self.ok = self._button(
            standard.Ok,
            translate("Settings", "&OK"),
            translate("Settings", "Save the settings and close"),
        )
        self.apply = self._button(
            standard.Apply,
            translate("Settings", "&Apply"),
            translate("Settings", "Save the settings"),
        )
        self.cancel = self._button(
            standard.Cancel,
            translate("Settings", "&Cancel"),
            translate("Settings", "Close without saving"),
        )
        # Restore defaults stands apart, left of the status, rather than in the button box.
        self.restore = QPushButton(translate("Settings", "&Restore defaults"), self)
        self._describe(
            self.restore, translate("Settings", "Fill in the default values; not saved yet")
        )
        self.ok.setDefault(True)
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        self.apply.clicked.connect(self._apply)
        self.restore.clicked.connect(self.restore_defaults)

        self.banner = Note(self)
        self.banner.setAccessibleName(translate("Settings", "Problems with the settings files"))
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(translate("Settings", "Settings pages"))
        self.fields: dict[str, Field] = {}
        self.general = self._build_tabs(catalogue, login_start)
        # The status shares the buttons' row, in room kept for it whether or not there is
        # something to say: a message appearing must neither grow the window nor take the
        # room of the page above (whose wrapped help would then be cut off).
        self.status = StatusLine(self)
        self.status.setAccessibleName(translate("Settings", "Status"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.restore, 0, Qt.AlignmentFlag.AlignBottom)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.buttons, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs)
        layout.addLayout(bottom)
        self._fitted: QSize | None = None
        for field in self.fields.values():
            field.changed.connect(self._revalidate)
        self._fill(layered)
        self._chain_focus()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:
            self._fit_content()
        return handled

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_content()

    @property
    def layered(self) -> LayeredSettings:
        return self._layered

    def present(self) -> None:
        """Show the dialog; when it was closed, first re-read the file and start at login."""
        if not self.isVisible():
            self.reload(quiet=True)
            self.general.refresh()
            self.tabs.setCurrentIndex(0)
        self.show()
        self.raise_()
        self.activateWindow()

    def values(self, base: LayeredSettings | None = None) -> Settings:
        """The settings the fields describe (only call while they are valid); locked keys keep
        their value from ``base``."""
        layered = base or self._layered
        settings = layered.settings
        for dotted, field in self.fields.items():
            if dotted not in layered.locked:
                settings = replace_value(settings, dotted, field.value())
        return settings

    def valid(self) -> bool:
        """Whether every key the user may change holds a value that can be saved."""
        return not any(
            (problem := field.check()) is not None and problem.level == "error"
            for dotted, field in self.fields.items()
            if dotted not in self._layered.locked
        )

    def restore_defaults(self) -> None:
        """Fill every key the user may change with its default (organisation's where set)."""
        for dotted, field in self.fields.items():
            if dotted not in self._layered.locked:
                field.set_value(field.spec.get(self._layered.defaults))
        self._say(
            Problem(
                "info",
                translate("Settings", "Defaults filled in; choose OK or Apply to save them."),
            )
        )

    def reload(self, *, quiet: bool = False) -> bool:
        """Refill the fields from the file; ``False`` (and the reason shown) if it can't be read."""
        seen = fingerprint(self._path)
        try:
            layered = self._load()
        except (SettingsSyntaxError, OSError) as error:
            self._say(
                Problem(
                    "error", arg(translate("Settings", "Could not reload the settings: %1"), error)
                )
            )
            return False
        self._layered, self._fingerprint = layered, seen
        self._fill(layered)
        self._say(
            None
            if quiet
            else Problem("info", translate("Settings", "Reloaded the settings from the file."))
        )
        return True

    def _apply(self) -> bool:
        """Start at login, then save if anything changed; ``True`` when everything worked."""
        if not self.valid():
            return False
        self._say(None)
        login_ok = self.general.apply()
        base = self._layered
        if self.values(base) == base.settings:
            return login_ok
        if fingerprint(self._path) != self._fingerprint:
            choice = self._ask(self, self._path)
            if choice is ConflictChoice.RELOAD:
                self.reload()
                return False
            if choice is not ConflictChoice.OVERWRITE:
                return False
            # Keep what the other editor added that this dialog does not show; a file that no
            # longer parses is moved aside by the save.
            with contextlib.suppress(SettingsSyntaxError, OSError):
                base = self._load()
        settings = self.values(base)
        try:
            self._save(settings, base)
        except (NewerFileError, OSError) as error:
            self._say(
                Problem(
                    "error", arg(translate("Settings", "Could not save the settings: %1"), error)
                )
            )
            return False
        self._fingerprint = fingerprint(self._path)
        try:
            self._layered = self._load()
        except (SettingsSyntaxError, OSError):
            self._layered = dataclasses.replace(base, settings=settings)
        self._show_banner()
        self._say(Problem("info", translate("Settings", "Settings saved.")))
        self.applied.emit(settings)
        return login_ok

    def _ok(self) -> None:
        if self._apply():
            self.accept()

    def _button(self, which: QDialogButtonBox.StandardButton, text: str, tip: str) -> QPushButton:
        button = self.buttons.addButton(which)
        button.setText(text)
        self._describe(button, tip)
        return button

    @staticmethod
    def _describe(button: QPushButton, tip: str) -> None:
        button.setAccessibleName(button.text().replace("&", ""))
        button.setAccessibleDescription(tip)
        button.setToolTip(tip)

    def _build_tabs(
        self, catalogue: Mapping[str, Exercise], login_start: LoginStart
    ) -> GeneralPage:
        # The dialog's buttons, as their (translated) mnemonics say.
        reserved = reserve(
            [self.ok.text(), self.apply.text(), self.cancel.text(), self.restore.text()]
        )
        general_tab = translate("Settings", GENERAL_TAB)
        plan = [(title, specs) for title, specs in tab_plan(shown(spec) for spec in KEYS)]
        if general_tab not in (title for title, _ in plan):
            plan.append((general_tab, []))
        titles = [with_mnemonic(title, reserved) for title, _ in plan]
        general: GeneralPage | None = None
        for title, (plain, specs) in zip(titles, plan, strict=True):
            page, fields = build_page(specs, self.tabs, catalogue, reserved)
            self.fields.update((field.spec.dotted, field) for field in fields)
            if plain == general_tab:
                # The interface keys, then start at login (the system's, not a file key).
                general = GeneralPage(login_start, set(reserved), self.tabs)
                page = stacked(page, general, self.tabs)
            self.tabs.addTab(page, title)
        assert general is not None
        return general

    def _chain_focus(self) -> None:
        bar = self.tabs.findChild(QTabBar)
        chain: list[QWidget] = []
        if bar is not None:
            bar.setAccessibleName(self.tabs.accessibleName())
            chain.append(bar)
        for field in self.fields.values():
            chain.extend(field.inputs())
        chain.extend(self.general.inputs())
        chain.extend(self._buttons_in_order())
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _buttons_in_order(self) -> list[QWidget]:
        """The dialog's buttons left to right: Restore defaults, then the button box's in the
        order the platform's button layout puts them."""
        layout = self.buttons.layout()
        if layout is not None:
            layout.activate()
        buttons: list[QWidget] = [self.ok, self.apply, self.cancel]
        return [self.restore, *sorted(buttons, key=lambda button: button.x())]

    def _fill(self, layered: LayeredSettings) -> None:
        for dotted, field in self.fields.items():
            field.set_value(field.spec.get(layered.settings))
            field.set_enabled(dotted not in layered.locked)
        self._show_banner()
        self._revalidate()

    def _show_banner(self) -> None:
        lines = list(self._layered.problems[:3])
        if len(self._layered.problems) > 3:
            lines.append(Plural.tr("… and %n more", "", len(self._layered.problems) - 3))
        if self._layered.read_only:
            lines.insert(0, translate("Settings", "backbreak will not change this settings file."))
        self.banner.show_problem(Problem("warning", "\n".join(lines)) if lines else None)

    def _revalidate(self) -> None:
        for dotted, field in self.fields.items():
            field.describe(self._note_for(dotted, field))
        valid = self.valid()
        self.ok.setEnabled(valid)
        self.apply.setEnabled(valid)

    def _note_for(self, dotted: str, field: Field) -> Problem | None:
        if dotted in self._layered.locked:
            where = self._layered.locked_by.get(dotted)
            locked_in = (
                arg(translate("Settings", "Locked in %1"), where) if where is not None else ""
            )
            field.note.setToolTip(locked_in)
            return Problem("info", translate("Settings", LOCKED_NOTE))
        field.note.setToolTip("")
        problem = field.check()
        kind = field.spec.kind
        if problem is None and isinstance(kind, TimeOfDay) and kind.span_from is not None:
            start = self.fields.get(f"{field.spec.section}.{kind.span_from}")
            if isinstance(field, TimeField) and isinstance(start, TimeField):
                begin, end = start.time(), field.time()
                if begin is not None and end is not None:
                    return Problem("info", span_text(begin, end))
        return problem

    def _say(self, problem: Problem | None) -> None:
        self.status.show_problem(problem)

    def _fit_content(self) -> None:
        """Keep the window at least its content's preferred size, and give back the room a
        part took (the rotation list) once it is hidden again.

        A window's own minimum lets word-wrapped help be squeezed until it is cut off, and a
        window never shrinks by itself. A window the user made bigger keeps its size.
        """
        hint = self.sizeHint()
        previous, self._fitted = self._fitted, hint
        self.setMinimumSize(hint)
        if (
            previous is not None
            and hint.height() < previous.height()
            and self.height() == previous.height()
        ):
            self.resize(self.width(), hint.height())


def _load_from(path: Path) -> LayeredSettings:
    return load_layered(path, site_settings_paths(), datetime.now(UTC), quarantine=False)
