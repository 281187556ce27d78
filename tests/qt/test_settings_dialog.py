"""The settings dialog, driven through its widgets against real files in a temp folder."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from backbreak.config.docs import settings_table
from backbreak.config.kinds import (
    Days,
    ExerciseChoice,
    Kind,
    OneOf,
    Switch,
    TimeOfDay,
    Whole,
)
from backbreak.config.layers import LayeredSettings, load_layered, save_user_settings
from backbreak.config.loader import read_settings
from backbreak.config.registry import Schema, setting
from backbreak.config.schema import KEYS, KEYS_BY_DOTTED, KeySpec, ScheduleSettings, Settings
from backbreak.platform.autostart import Autostart, AutostartError, NullAutostart
from backbreak.shell.login_start import SystemLoginStart
from backbreak.ui.settings.conflict import CONFLICT_TEXT, ConflictChoice
from backbreak.ui.settings.exercise_field import (
    ALTERNATE_TITLE,
    NOTHING_TICKED,
    ROTATE,
    ROTATE_TITLE,
    ExerciseField,
)
from backbreak.ui.settings.fields import (
    BoolField,
    ChoiceField,
    DaysField,
    Field,
    IntField,
    TimeField,
)
from backbreak.ui.settings.pages import build_page
from backbreak.ui.settings.text import LOCKED_NOTE, NO_WORK_DAYS, mnemonic_of, tab_plan
from backbreak.ui.settings.timebox import parse_time
from backbreak.ui.settings_dialog import TITLE, SettingsDialog
from tests.qt.helpers import CATALOGUE
from tests.qt.widgets import activate, child, focused, page, tab_chain

NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
SCREENSHOTS = Path("/tmp")


@dataclass
class FakeAutostart:
    name: str = "fake"
    enabled: bool = False
    fail: str | None = None
    calls: list[str] = field(default_factory=list)

    def is_enabled(self) -> bool:
        return self.enabled

    def enable(self) -> None:
        self.calls.append("enable")
        if self.fail:
            raise AutostartError(self.fail)
        self.enabled = True

    def disable(self) -> None:
        self.calls.append("disable")
        if self.fail:
            raise AutostartError(self.fail)
        self.enabled = False

    def describe(self) -> str:
        return "a test entry in a test folder"


@dataclass
class Setup:
    """A settings file, optional organisation files, and what the dialog was given."""

    path: Path
    site: list[Path] = field(default_factory=list)
    asked: list[Path] = field(default_factory=list)
    answer: ConflictChoice = ConflictChoice.CANCEL
    saves: list[Settings] = field(default_factory=list)

    def load(self) -> LayeredSettings:
        return load_layered(self.path, self.site, NOW, quarantine=False)

    def save(self, settings: Settings, layered: LayeredSettings) -> None:
        self.saves.append(settings)
        save_user_settings(self.path, settings, layered)

    def ask(self, parent: QWidget, path: Path) -> ConflictChoice:
        self.asked.append(path)
        return self.answer

    def document(self) -> dict[str, object]:
        return read_settings(self.path).document

    def settings(self) -> Settings:
        return read_settings(self.path).settings


@pytest.fixture
def setup(tmp_path: Path) -> Setup:
    return Setup(tmp_path / "config" / "settings.toml")


def open_dialog(
    qtbot: QtBot,
    setup: Setup,
    autostart: Autostart | None = None,
    ask: Callable[[QWidget, Path], ConflictChoice] | None = None,
) -> SettingsDialog:
    dialog = SettingsDialog(
        setup.path,
        setup.load(),
        CATALOGUE,
        SystemLoginStart(autostart if autostart is not None else FakeAutostart()),
        setup.load,
        setup.save,
        ask=ask or setup.ask,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def apply(qtbot: QtBot, dialog: SettingsDialog) -> None:
    with qtbot.waitSignal(dialog.applied, timeout=2000):
        qtbot.mouseClick(dialog.apply, Qt.MouseButton.LeftButton)


def spin_of(dialog: SettingsDialog, dotted: str) -> QAbstractSpinBox:
    """The spin box of the number setting ``dotted``."""
    field = dialog.fields[dotted]
    assert isinstance(field, IntField), dotted
    return field.spin


def type_into(qtbot: QtBot, spin: QAbstractSpinBox, text: str) -> None:
    spin.setFocus()
    spin.selectAll()
    QTest.keyClick(spin, Qt.Key.Key_Backspace)
    qtbot.keyClicks(spin, text)


def type_time(qtbot: QtBot, field: TimeField, value: datetime.time) -> None:
    """Select all in the time field and type ``value`` as "HH:MM"."""
    field.edit.setFocus()
    qtbot.keyClick(field.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field.edit, f"{value:%H:%M}")


def other_value(spec: KeySpec) -> object:
    """A value for ``spec`` that is allowed and differs from its default."""
    default, kind = spec.default, spec.kind
    if isinstance(kind, Whole):
        assert isinstance(default, int)
        return default + 1 if default < kind.high else default - 1
    if isinstance(kind, Switch):
        return not default
    if isinstance(kind, TimeOfDay):
        assert isinstance(default, datetime.time)
        return datetime.time((default.hour + 3) % 24, 15)
    if isinstance(kind, Days):
        return ("tue", "sat")
    if isinstance(kind, OneOf):
        return next(choice for choice in kind.choices if choice != default)
    assert isinstance(kind, ExerciseChoice)
    return ("standing-side-bend", "breathing")


def set_widget(qtbot: QtBot, field: Field, value: object) -> None:
    """Operate the field's widgets the way a user would to make it show ``value``."""
    if isinstance(field, IntField):
        type_into(qtbot, field.spin, str(value))
    elif isinstance(field, BoolField):
        if field.box.isChecked() != value:
            qtbot.mouseClick(field.box, Qt.MouseButton.LeftButton)
    elif isinstance(field, TimeField):
        assert isinstance(value, datetime.time)
        type_time(qtbot, field, value)
    elif isinstance(field, DaysField):
        assert isinstance(value, tuple)
        for day, box in field.days.items():
            if box.isChecked() != (day in value):
                qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    elif isinstance(field, ChoiceField):
        field.combo.setCurrentIndex(field.combo.findData(value))
    else:
        assert isinstance(field, ExerciseField)
        if isinstance(value, str):
            field.combo.setCurrentIndex(field.combo.findData(value))
            return
        field.combo.setCurrentIndex(field.combo.findData(ROTATE))
        assert field.panel.isVisible()
        assert isinstance(value, tuple)
        for wanted in value:
            row = next(
                row
                for row in range(field.list.count())
                if field.list.item(row).data(Qt.ItemDataRole.UserRole) == wanted
            )
            field.list.setCurrentRow(row)
            field.list.item(row).setCheckState(Qt.CheckState.Checked)
            while field.list.currentRow() > len(field.ticked()) - 1:
                qtbot.mouseClick(field.up, Qt.MouseButton.LeftButton)


def show_tab_of(dialog: SettingsDialog, widget: QWidget) -> None:
    for index in range(dialog.tabs.count()):
        if page(dialog.tabs, index).isAncestorOf(widget):
            dialog.tabs.setCurrentIndex(index)
            return
    raise AssertionError(f"{widget} is on no tab")


# --- every key, round trip ------------------------------------------------------------------


def test_every_key_has_an_editor_of_its_kind_on_a_tab(qtbot: QtBot, setup: Setup) -> None:
    dialog = open_dialog(qtbot, setup)
    assert dialog.windowTitle() == TITLE
    assert list(dialog.fields) == [spec.dotted for spec in KEYS]
    kinds: dict[type[Kind[Any]], type[Field]] = {
        Whole: IntField,
        Switch: BoolField,
        TimeOfDay: TimeField,
        Days: DaysField,
        OneOf: ChoiceField,
        ExerciseChoice: ExerciseField,
    }
    pages = [page(dialog.tabs, index) for index in range(dialog.tabs.count())]
    for spec in KEYS:
        editor = dialog.fields[spec.dotted]
        assert type(editor) is kinds[type(spec.kind)], spec.dotted
        assert sum(page.isAncestorOf(editor.inputs()[0]) for page in pages) == 1, spec.dotted
        assert spec.help in editor.inputs()[0].toolTip()
    # The sections being added alongside the dialog are there too.
    assert {"presence.idle_minutes", "interruptions.fullscreen"} <= set(dialog.fields)


@dataclass(frozen=True)
class ScheduleWithPosture(ScheduleSettings):
    """The schedule with one key more, declared as every key is: one field."""

    posture_minutes: int = setting(
        20,
        Whole(5, 90),
        unit="min",
        label="Check posture every",
        help="How often backbreak asks you to sit up straight.",
        doc="minutes between posture checks",
    )


@dataclass(frozen=True)
class SettingsWithPosture(Settings):
    schedule: ScheduleWithPosture = field(default_factory=ScheduleWithPosture)


def test_a_key_declared_once_has_a_default_validation_an_editor_and_a_docs_row(
    qtbot: QtBot,
) -> None:
    schema = Schema(SettingsWithPosture)
    spec = schema.by_dotted["schedule.posture_minutes"]
    assert [key.dotted for key in schema.keys] == [
        *(key.dotted for key in KEYS[:5]),
        "schedule.posture_minutes",
        *(key.dotted for key in KEYS[5:]),
    ]
    # The default.
    assert SettingsWithPosture().schedule.posture_minutes == 20
    assert spec.get(schema.build({})) == 20
    # Validation, with the message the loader and the dialog use.
    assert schema.build({"schedule.posture_minutes": 30}).schedule.posture_minutes == 30
    with pytest.raises(ValueError, match=r"posture_minutes = 91 is not allowed \(a whole number"):
        schema.build({"schedule.posture_minutes": 91})
    with pytest.raises(ValueError, match="posture_minutes"):
        ScheduleWithPosture(posture_minutes=4)
    # An editor on its section's tab, with its unit, label and help.
    host = QWidget()
    qtbot.addWidget(host)
    title, specs = tab_plan(schema.keys)[0]
    assert (title, specs[-1]) == ("Schedule", spec)
    page, fields = build_page(specs, host, CATALOGUE, set())
    editor = fields[-1]
    assert isinstance(editor, IntField)
    assert editor.spec is spec
    assert editor.spin.suffix() == " min"
    texts = [label.text().replace("&", "") for label in page.findChildren(QLabel)]
    assert "Check posture every:" in texts
    assert "How often backbreak asks you to sit up straight." in texts
    # A row in the docs table.
    assert (
        "| `schedule.posture_minutes` | `20` | a whole number from 5 to 90: minutes between "
        "posture checks |"
    ) in settings_table(schema.keys).splitlines()


def test_tabs_group_the_keys(qtbot: QtBot, setup: Setup) -> None:
    dialog = open_dialog(qtbot, setup)
    titles = [dialog.tabs.tabText(index).replace("&", "") for index in range(dialog.tabs.count())]
    assert titles == ["Schedule", "Break", "Sound", "Awareness", "History", "General"]
    awareness = page(dialog.tabs, 3)
    for dotted in ("presence.idle_minutes", "interruptions.do_not_disturb", "interruptions.calls"):
        assert awareness.isAncestorOf(dialog.fields[dotted].inputs()[0])


def test_every_field_round_trips_through_the_file(qtbot: QtBot, setup: Setup) -> None:
    dialog = open_dialog(qtbot, setup)
    wanted = {spec.dotted: other_value(spec) for spec in KEYS}
    for dotted, value in wanted.items():
        show_tab_of(dialog, dialog.fields[dotted].inputs()[0])
        set_widget(qtbot, dialog.fields[dotted], value)
        assert dialog.fields[dotted].value() == value, dotted
    assert dialog.apply.isEnabled()
    apply(qtbot, dialog)

    document = setup.document()
    settings = setup.settings()
    for spec in KEYS:
        table = document[spec.section]
        assert isinstance(table, dict)
        assert table[spec.name] == spec.to_toml(wanted[spec.dotted]), spec.dotted
        assert spec.get(settings) == wanted[spec.dotted], spec.dotted
    assert dialog.fields["schedule.work_days"].value() == ("tue", "sat")


def test_only_values_that_differ_from_the_defaults_are_written(qtbot: QtBot, setup: Setup) -> None:
    dialog = open_dialog(qtbot, setup)
    type_into(qtbot, spin_of(dialog, "schedule.interval_minutes"), "50")
    with qtbot.waitSignal(dialog.applied) as applied:
        qtbot.mouseClick(dialog.apply, Qt.MouseButton.LeftButton)
    assert setup.document() == {"schema_version": 1, "schedule": {"interval_minutes": 50}}
    assert applied.args[0].schedule.interval_minutes == 50
    assert dialog.status.text() == "Settings saved."


def test_a_single_exercise_by_title_and_alternate(qtbot: QtBot, setup: Setup) -> None:
    dialog = open_dialog(qtbot, setup)
    exercise = dialog.fields["break.exercise"]
    assert isinstance(exercise, ExerciseField)
    titles = [exercise.combo.itemText(i) for i in range(exercise.combo.count())]
    assert titles[0] == ALTERNATE_TITLE
    assert titles[-1] == ROTATE_TITLE
    # By name, each marked with where it is done and what it needs beyond the obvious.
    by_name = sorted(CATALOGUE.values(), key=lambda item: item.title.casefold())
    assert [title.split(" — ")[0] for title in titles[1:-1]] == [item.title for item in by_name]
    assert "Seated T-spine matrix — seated" in titles
    assert "Foam-roller thoracic extension — floor, foam roller" in titles
    assert "Standing side bend — standing" in titles
    assert exercise.combo.itemData(titles.index("Paced breathing — seated")) == "breathing"
    assert not exercise.panel.isVisible()
    exercise.combo.setCurrentIndex(exercise.combo.findData("breathing"))
    apply(qtbot, dialog)
    assert setup.document()["break"] == {"exercise": "breathing"}
    exercise.combo.setCurrentIndex(0)
    apply(qtbot, dialog)
    assert "break" not in setup.document()


def test_the_rotation_list_shows_the_ticked_first_then_the_rest_by_name(
    qtbot: QtBot, setup: Setup
) -> None:
    write(setup.path, '[break]\nexercise = ["standing-side-bend", "breathing"]\n')
    dialog = open_dialog(qtbot, setup)
    exercise = dialog.fields["break.exercise"]
    assert isinstance(exercise, ExerciseField)
    rows = [exercise.list.item(row) for row in range(exercise.list.count())]
    ids = [str(item.data(Qt.ItemDataRole.UserRole)) for item in rows]
    rest = sorted(
        (key for key in CATALOGUE if key not in ("standing-side-bend", "breathing")),
        key=lambda key: CATALOGUE[key].title.casefold(),
    )
    assert ids == ["standing-side-bend", "breathing", *rest]
    assert rows[0].text() == "Standing side bend — standing"


def test_a_rotation_with_repeats_is_kept_unless_changed(qtbot: QtBot, setup: Setup) -> None:
    write(setup.path, '[break]\nexercise = ["breathing", "scapular-squeeze", "breathing"]\n')
    dialog = open_dialog(qtbot, setup)
    exercise = dialog.fields["break.exercise"]
    assert isinstance(exercise, ExerciseField)
    dialog.tabs.setCurrentIndex(1)
    assert exercise.panel.isVisible()
    assert exercise.ticked() == ["breathing", "scapular-squeeze"]
    assert exercise.value() == ("breathing", "scapular-squeeze", "breathing")
    # Move the squeeze to the front: now the ticked order is what is saved.
    exercise.list.setCurrentRow(1)
    qtbot.mouseClick(exercise.up, Qt.MouseButton.LeftButton)
    assert exercise.value() == ("scapular-squeeze", "breathing")
    apply(qtbot, dialog)
    assert setup.document()["break"] == {"exercise": ["scapular-squeeze", "breathing"]}


def test_an_exercise_that_is_not_installed_is_kept(qtbot: QtBot, setup: Setup) -> None:
    write(setup.path, '[break]\nexercise = "my-stretch"\n[sound]\nvolume = 20\n')
    dialog = open_dialog(qtbot, setup)
    exercise = dialog.fields["break.exercise"]
    assert isinstance(exercise, ExerciseField)
    assert exercise.combo.currentText() == "my-stretch (not installed)"
    type_into(qtbot, spin_of(dialog, "sound.volume"), "30")
    apply(qtbot, dialog)
    assert setup.document()["break"] == {"exercise": "my-stretch"}


# --- validation -------------------------------------------------------------------------------


def test_an_out_of_range_number_blocks_ok_and_apply_with_the_reason(
    qtbot: QtBot, setup: Setup
) -> None:
    dialog = open_dialog(qtbot, setup)
    interval = dialog.fields["schedule.interval_minutes"]
    assert isinstance(interval, IntField)
    type_into(qtbot, interval.spin, "3")
    reason = "Out of range: use a whole number from 5 to 240 min."
    assert interval.note.isVisible()
    assert interval.note.text() == reason
    assert interval.note.problem is not None
    assert interval.note.problem.level == "error"
    assert reason in interval.spin.accessibleDescription()
    assert not dialog.ok.isEnabled()
    assert not dialog.apply.isEnabled()
    # Return neither snaps the value back nor presses OK.
    QTest.keyClick(interval.spin, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert interval.note.text() == reason
    assert not setup.path.exists()

    type_into(qtbot, interval.spin, "")
    assert interval.note.text() == "Enter a whole number from 5 to 240 min."
    type_into(qtbot, interval.spin, "30")
    assert not interval.note.isVisible()
    assert interval.spin.accessibleDescription() == interval.spec.help
    assert dialog.ok.isEnabled()
    assert dialog.apply.isEnabled()


def test_leaving_a_number_typed_out_of_range_keeps_it_and_its_reason(
    qtbot: QtBot, setup: Setup
) -> None:
    dialog = open_dialog(qtbot, setup)
    activate(qtbot, dialog)
    interval = dialog.fields["schedule.interval_minutes"]
    assert isinstance(interval, IntField)
    type_into(qtbot, interval.spin, "3")
    qtbot.waitUntil(interval.spin.hasFocus)
    assert not dialog.apply.isEnabled()
    leave(qtbot, interval.spin)
    assert interval.spin.text() == "3 min"
    assert interval.note.text() == "Out of range: use a whole number from 5 to 240 min."
    assert not dialog.apply.isEnabled()


def test_a_rotation_with_nothing_ticked_is_invalid(qtbot: QtBot, setup: Setup) -> None:
    dialog = open_dialog(qtbot, setup)
    dialog.tabs.setCurrentIndex(1)
    exercise = dialog.fields["break.exercise"]
    assert isinstance(exercise, ExerciseField)
    exercise.combo.setCurrentIndex(exercise.combo.findData(ROTATE))
    assert exercise.panel.isVisible()
    assert exercise.note.text() == NOTHING_TICKED
    assert NOTHING_TICKED in exercise.combo.accessibleDescription()
    assert not dialog.apply.isEnabled()
    exercise.list.item(2).setCheckState(Qt.CheckState.Checked)
    assert not exercise.note.isVisible()
    assert dialog.apply.isEnabled()


def test_no_work_days_warns_but_saves(qtbot: QtBot, setup: Setup) -> None:
    dialog = open_dialog(qtbot, setup)
    days = dialog.fields["schedule.work_days"]
    assert isinstance(days, DaysField)
    set_widget(qtbot, days, ())
    assert days.note.text() == NO_WORK_DAYS
    assert days.note.problem is not None
    assert days.note.problem.level == "warning"
    assert dialog.apply.isEnabled()
    apply(qtbot, dialog)
    assert setup.document()["schedule"] == {"work_days": []}
    qtbot.mouseClick(days.every_day, Qt.MouseButton.LeftButton)
    assert days.value() == ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    assert not days.note.isVisible()
    qtbot.mouseClick(days.weekdays, Qt.MouseButton.LeftButton)
    assert days.value() == ("mon", "tue", "wed", "thu", "fri")


def test_work_hours_across_midnight_and_24_hours(qtbot: QtBot, setup: Setup) -> None:
    dialog = open_dialog(qtbot, setup)
    start = dialog.fields["schedule.work_start"]
    end = dialog.fields["schedule.work_end"]
    assert isinstance(start, TimeField)
    assert isinstance(end, TimeField)
    assert end.note.text() == "09:00 → 17:00"
    type_time(qtbot, start, datetime.time(22, 0))
    type_time(qtbot, end, datetime.time(6, 0))
    assert end.note.text() == "22:00 → 06:00 next day"
    assert "22:00 → 06:00 next day" in end.edit.accessibleDescription()
    assert dialog.apply.isEnabled()
    apply(qtbot, dialog)
    assert setup.document()["schedule"] == {"work_start": "22:00", "work_end": "06:00"}
    type_time(qtbot, end, datetime.time(22, 0))
    assert end.note.text() == "24 hours"
    assert dialog.apply.isEnabled()


def leave(qtbot: QtBot, widget: QWidget) -> None:
    """Press Tab in ``widget`` and wait for the focus to move on."""
    QTest.keyClick(widget, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not widget.hasFocus())


def focus_input(qtbot: QtBot, widget: QWidget, how: str) -> None:
    """Put the focus in ``widget`` as a user would: Tab into it, or click on its left part."""
    if how == "tab":
        widget.setFocus(Qt.FocusReason.TabFocusReason)
    else:
        editor = widget.findChild(QLineEdit)
        assert editor is not None
        qtbot.mouseClick(editor, Qt.MouseButton.LeftButton, pos=QPoint(3, editor.height() // 2))
    qtbot.waitUntil(widget.hasFocus)


CTRL_A = (Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
HOME = (Qt.Key.Key_Home, Qt.KeyboardModifier.NoModifier)


@pytest.mark.parametrize("how", ["tab", "click"])
@pytest.mark.parametrize(
    ("keys", "wanted"),
    [
        (["2"], datetime.time(2, 0)),
        (["22"], datetime.time(22, 0)),
        ([CTRL_A, "22:00"], datetime.time(22, 0)),
        ([HOME, "2200"], datetime.time(22, 0)),
        ([CTRL_A, "930"], datetime.time(9, 30)),
    ],
    ids=["2", "22", "ctrl-a 22:00", "home 2200", "ctrl-a 930"],
)
def test_work_hours_can_be_typed(
    qtbot: QtBot,
    setup: Setup,
    how: str,
    keys: list[str | tuple[Qt.Key, Qt.KeyboardModifier]],
    wanted: datetime.time,
) -> None:
    dialog = open_dialog(qtbot, setup)
    activate(qtbot, dialog)
    for dotted in ("schedule.work_start", "schedule.work_end"):
        field = dialog.fields[dotted]
        widget = field.inputs()[0]
        focus_input(qtbot, widget, how)
        for key in keys:
            if isinstance(key, str):
                qtbot.keyClicks(widget, key)
            else:
                qtbot.keyClick(widget, key[0], key[1])
        assert field.value() == wanted, (dotted, how, keys)
        leave(qtbot, widget)
        assert child(widget, QLineEdit).text() == f"{wanted:%H:%M}"
        assert field.value() == wanted
    end = dialog.fields["schedule.work_end"]
    assert end.note.text() == "24 hours"
    apply(qtbot, dialog)
    text = f"{wanted:%H:%M}"
    assert setup.document()["schedule"] == {"work_start": text, "work_end": text}


def test_arrow_keys_still_step_the_hours_and_the_minutes(qtbot: QtBot, setup: Setup) -> None:
    dialog = open_dialog(qtbot, setup)
    activate(qtbot, dialog)
    start = dialog.fields["schedule.work_start"]
    widget = start.inputs()[0]
    focus_input(qtbot, widget, "click")
    qtbot.keyClick(widget, Qt.Key.Key_Up)
    assert start.value() == datetime.time(10, 0)
    qtbot.keyClick(widget, Qt.Key.Key_End)
    qtbot.keyClick(widget, Qt.Key.Key_Down)
    assert start.value() == datetime.time(10, 59)


def test_a_time_that_is_no_time_stays_as_typed_and_blocks_saving(
    qtbot: QtBot, setup: Setup
) -> None:
    dialog = open_dialog(qtbot, setup)
    activate(qtbot, dialog)
    start = dialog.fields["schedule.work_start"]
    end = dialog.fields["schedule.work_end"]
    widget = start.inputs()[0]
    focus_input(qtbot, widget, "tab")
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, "25:00")
    leave(qtbot, widget)
    assert child(widget, QLineEdit).text() == "25:00"
    assert start.note.problem is not None
    assert start.note.problem.level == "error"
    assert "00:00 to 23:59" in start.note.text()
    assert start.note.text() in widget.accessibleDescription()
    assert not end.note.isVisible()  # no span from a start that is no time
    assert not dialog.ok.isEnabled()
    assert not dialog.apply.isEnabled()


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("0", datetime.time(0, 0)),
        ("9", datetime.time(9, 0)),
        ("22", datetime.time(22, 0)),
        ("930", datetime.time(9, 30)),
        ("0930", datetime.time(9, 30)),
        ("2200", datetime.time(22, 0)),
        ("9:30", datetime.time(9, 30)),
        (" 22:00 ", datetime.time(22, 0)),
        ("22.15", datetime.time(22, 15)),
        ("23:59", datetime.time(23, 59)),
        ("24", None),
        ("24:00", None),
        ("09:60", None),
        ("9:3", None),
        ("22:", None),
        ("", None),
        ("noon", None),
        ("12345", None),
        ("٠٩:٠٠", None),
    ],
)
def test_times_read_as_people_write_them(text: str, wanted: datetime.time | None) -> None:
    assert parse_time(text) == wanted


NUMBER_KEYS = [spec for spec in KEYS if isinstance(spec.kind, Whole)]


@pytest.mark.parametrize("spec", NUMBER_KEYS, ids=[spec.dotted for spec in NUMBER_KEYS])
def test_a_number_typed_out_of_range_is_shown_as_typed_and_blocks_saving(
    qtbot: QtBot, setup: Setup, spec: KeySpec
) -> None:
    dialog = open_dialog(qtbot, setup)
    activate(qtbot, dialog)
    field = dialog.fields[spec.dotted]
    assert isinstance(field, IntField)
    assert isinstance(spec.kind, Whole)
    low, high = spec.kind.low, spec.kind.high
    show_tab_of(dialog, field.spin)
    for typed in (f"{high}0", f"{high + 1}", "-5"):
        type_into(qtbot, field.spin, typed)
        unit = field.spin.suffix()
        reason = f"Out of range: use a whole number from {low} to {high}{unit}."
        assert field.spin.text() == typed + unit, typed
        assert field.note.text() == reason, typed
        assert field.note.problem is not None
        assert field.note.problem.level == "error"
        assert reason in field.spin.accessibleDescription()
        assert not dialog.ok.isEnabled()
        assert not dialog.apply.isEnabled()
    # Return neither presses OK nor changes the value.
    type_into(qtbot, field.spin, f"{high}0")
    QTest.keyClick(field.spin, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert field.spin.text() == f"{high}0{field.spin.suffix()}"
    # Leaving the field, or its tab and coming back, keeps what was typed and the reason.
    leave(qtbot, field.spin)
    page = dialog.tabs.currentIndex()
    dialog.tabs.setCurrentIndex(dialog.tabs.count() - 1)
    dialog.tabs.setCurrentIndex(page)
    assert field.spin.text() == f"{high}0{field.spin.suffix()}"
    assert field.note.text().startswith("Out of range")
    assert not dialog.apply.isEnabled()
    assert not setup.path.exists()
    # The down arrow brings it back into range, at the nearest allowed value.
    qtbot.keyClick(field.spin, Qt.Key.Key_Down)
    assert field.value() == high
    assert not field.note.isVisible()
    assert dialog.apply.isEnabled()


# --- restore, unknown keys, conflicts ----------------------------------------------------------


def test_restore_defaults_fills_in_the_organisation_defaults_without_saving(
    qtbot: QtBot, setup: Setup, tmp_path: Path
) -> None:
    site = tmp_path / "site" / "settings.toml"
    write(site, "[sound]\nvolume = 30\n")
    setup.site = [site]
    write(setup.path, "[schedule]\ninterval_minutes = 50\n[sound]\nvolume = 80\nchime = false\n")
    before = setup.path.read_bytes()
    dialog = open_dialog(qtbot, setup)
    assert dialog.fields["sound.volume"].value() == 80
    qtbot.mouseClick(dialog.restore, Qt.MouseButton.LeftButton)
    assert dialog.fields["schedule.interval_minutes"].value() == 45
    assert dialog.fields["sound.volume"].value() == 30
    assert dialog.fields["sound.chime"].value() is True
    assert setup.path.read_bytes() == before
    apply(qtbot, dialog)
    assert setup.document() == {"schema_version": 1}


def test_unknown_keys_and_sections_survive_a_save(qtbot: QtBot, setup: Setup) -> None:
    write(
        setup.path,
        'colour = "teal"\n'
        '[schedule]\ninterval_minutes = 50\nlunch = "12:00"\n'
        "[plugins.water]\nevery = 3\n",
    )
    dialog = open_dialog(qtbot, setup)
    type_into(qtbot, spin_of(dialog, "schedule.snooze_minutes"), "15")
    apply(qtbot, dialog)
    assert setup.document() == {
        "schema_version": 1,
        "colour": "teal",
        "schedule": {"interval_minutes": 50, "snooze_minutes": 15, "lunch": "12:00"},
        "plugins": {"water": {"every": 3}},
    }


def hand_edit(setup: Setup) -> bytes:
    write(setup.path, '[schedule]\ninterval_minutes = 70\nlunch = "12:00"\n')
    return setup.path.read_bytes()


def test_a_hand_edit_is_detected_and_cancel_leaves_it(qtbot: QtBot, setup: Setup) -> None:
    dialog = open_dialog(qtbot, setup)
    edited = hand_edit(setup)
    type_into(qtbot, spin_of(dialog, "sound.volume"), "20")
    with qtbot.assertNotEmitted(dialog.applied):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert setup.asked == [setup.path]
    assert setup.path.read_bytes() == edited
    assert dialog.isVisible()
    assert dialog.fields["sound.volume"].value() == 20


def test_a_hand_edit_can_be_overwritten_keeping_its_unknown_keys(
    qtbot: QtBot, setup: Setup
) -> None:
    dialog = open_dialog(qtbot, setup)
    hand_edit(setup)
    setup.answer = ConflictChoice.OVERWRITE
    type_into(qtbot, spin_of(dialog, "sound.volume"), "20")
    with qtbot.waitSignal(dialog.applied):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert setup.asked == [setup.path]
    assert setup.document() == {
        "schema_version": 1,
        "schedule": {"lunch": "12:00"},
        "sound": {"volume": 20},
    }
    assert not dialog.isVisible()


def test_reload_refills_the_fields_from_the_file(qtbot: QtBot, setup: Setup) -> None:
    dialog = open_dialog(qtbot, setup)
    edited = hand_edit(setup)
    setup.answer = ConflictChoice.RELOAD
    type_into(qtbot, spin_of(dialog, "sound.volume"), "20")
    with qtbot.assertNotEmitted(dialog.applied):
        qtbot.mouseClick(dialog.apply, Qt.MouseButton.LeftButton)
    assert setup.path.read_bytes() == edited
    assert dialog.fields["schedule.interval_minutes"].value() == 70
    assert dialog.fields["sound.volume"].value() == 60
    assert dialog.status.text() == "Reloaded the settings from the file."
    # The file as reloaded is the new reference: saving now does not ask again.
    type_into(qtbot, spin_of(dialog, "sound.volume"), "25")
    apply(qtbot, dialog)
    assert setup.asked == [setup.path]
    assert setup.document()["schedule"] == {"interval_minutes": 70, "lunch": "12:00"}


def test_the_conflict_question_offers_overwrite_reload_and_cancel(
    qtbot: QtBot, setup: Setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, list[str]]] = []

    def answer(box: QMessageBox) -> int:
        names = [button.text() for button in box.buttons()]
        seen.append((box.text(), names))
        next(b for b in box.buttons() if b.text() == "&Reload from file").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    dialog = SettingsDialog(
        setup.path,
        setup.load(),
        CATALOGUE,
        SystemLoginStart(FakeAutostart()),
        setup.load,
        setup.save,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    hand_edit(setup)
    type_into(qtbot, spin_of(dialog, "sound.volume"), "20")
    qtbot.mouseClick(dialog.apply, Qt.MouseButton.LeftButton)
    assert len(seen) == 1
    assert seen[0][0] == CONFLICT_TEXT
    assert {"&Overwrite", "&Reload from file"} <= set(seen[0][1])
    assert len(seen[0][1]) == 3
    assert dialog.fields["schedule.interval_minutes"].value() == 70


def test_an_unchanged_dialog_does_not_rewrite_the_file(qtbot: QtBot, setup: Setup) -> None:
    write(setup.path, "# my notes\n[sound]\nvolume = 20\n")
    before = setup.path.read_bytes()
    dialog = open_dialog(qtbot, setup)
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert setup.path.read_bytes() == before
    assert setup.saves == []


def test_a_newer_file_is_refused_and_nothing_is_lost(qtbot: QtBot, setup: Setup) -> None:
    write(setup.path, "schema_version = 99\n[sound]\nvolume = 20\n")
    before = setup.path.read_bytes()
    dialog = open_dialog(qtbot, setup)
    assert dialog.banner.isVisible()
    assert "newer version" in dialog.banner.text()
    assert dialog.banner.problem is not None
    assert dialog.banner.problem.level == "warning"
    type_into(qtbot, spin_of(dialog, "sound.volume"), "35")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.status.problem is not None
    assert dialog.status.problem.level == "error"
    assert "newer version" in dialog.status.text()
    assert setup.path.read_bytes() == before
    assert dialog.fields["sound.volume"].value() == 35


def test_a_failing_write_is_shown(qtbot: QtBot, setup: Setup) -> None:
    def refuse(settings: Settings, layered: LayeredSettings) -> None:
        raise PermissionError(13, "Permission denied", str(setup.path))

    dialog = SettingsDialog(
        setup.path, setup.load(), CATALOGUE, SystemLoginStart(FakeAutostart()), setup.load, refuse
    )
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(qtbot, spin_of(dialog, "sound.volume"), "35")
    with qtbot.assertNotEmitted(dialog.applied):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "Could not save the settings" in dialog.status.text()
    assert "Permission denied" in dialog.status.text()
    assert dialog.fields["sound.volume"].value() == 35


# --- locked keys --------------------------------------------------------------------------------


def test_locked_keys_are_disabled_noted_and_never_saved(
    qtbot: QtBot, setup: Setup, tmp_path: Path
) -> None:
    site = tmp_path / "site" / "settings.toml"
    write(site, 'locked = ["schedule.interval_minutes"]\n[schedule]\ninterval_minutes = 30\n')
    setup.site = [site]
    write(setup.path, "[schedule]\ninterval_minutes = 50\n")
    dialog = open_dialog(qtbot, setup)
    interval = dialog.fields["schedule.interval_minutes"]
    assert isinstance(interval, IntField)
    assert not interval.spin.isEnabled()
    assert interval.value() == 30
    assert interval.note.isVisible()
    assert interval.note.text() == LOCKED_NOTE
    assert str(site) in interval.note.toolTip()
    assert LOCKED_NOTE in interval.spin.accessibleDescription()
    qtbot.mouseClick(dialog.restore, Qt.MouseButton.LeftButton)
    assert interval.value() == 30
    interval.spin.setValue(99)  # even if something changed the disabled field
    type_into(qtbot, spin_of(dialog, "sound.volume"), "35")
    with qtbot.waitSignal(dialog.applied) as applied:
        qtbot.mouseClick(dialog.apply, Qt.MouseButton.LeftButton)
    assert applied.args[0].schedule.interval_minutes == 30
    assert setup.saves[-1].schedule.interval_minutes == 30
    # The user's own (ignored) value stays in the file as it was.
    assert setup.document()["schedule"] == {"interval_minutes": 50}
    assert setup.document()["sound"] == {"volume": 35}
    assert not interval.spin.isEnabled()


# --- start at login -----------------------------------------------------------------------------


def test_start_at_login_applies_through_the_autostart_backend(qtbot: QtBot, setup: Setup) -> None:
    autostart = FakeAutostart(enabled=False)
    dialog = open_dialog(qtbot, setup, autostart)
    login = dialog.general.login
    assert login.isEnabled()
    assert not login.isChecked()
    qtbot.mouseClick(login, Qt.MouseButton.LeftButton)
    assert autostart.calls == []  # nothing happens until Apply
    qtbot.mouseClick(dialog.apply, Qt.MouseButton.LeftButton)
    assert autostart.calls == ["enable"]
    assert autostart.enabled
    qtbot.mouseClick(login, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert autostart.calls == ["enable", "disable"]
    assert not autostart.enabled
    assert not setup.path.exists()


def test_start_at_login_says_whether_it_is_on_or_off(qtbot: QtBot, setup: Setup) -> None:
    autostart = FakeAutostart(enabled=False)
    dialog = open_dialog(qtbot, setup, autostart)
    dialog.tabs.setCurrentIndex(dialog.tabs.count() - 1)  # General
    hint = dialog.general.login_hint
    assert hint.text() == "Start at login is off (when on: a test entry in a test folder)."
    assert hint.text() in dialog.general.login.accessibleDescription()
    qtbot.mouseClick(dialog.general.login, Qt.MouseButton.LeftButton)
    assert hint.text().startswith("Start at login is off ")
    assert hint.text().endswith(" Choose OK or Apply to turn it on.")
    qtbot.mouseClick(dialog.apply, Qt.MouseButton.LeftButton)
    assert hint.text() == "Start at login is on (a test entry in a test folder)."
    qtbot.mouseClick(dialog.general.login, Qt.MouseButton.LeftButton)
    assert hint.text().endswith(" Choose OK or Apply to turn it off.")


def test_start_at_login_errors_are_shown_next_to_it(qtbot: QtBot, setup: Setup) -> None:
    autostart = FakeAutostart(enabled=False, fail="could not write the autostart entry")
    dialog = open_dialog(qtbot, setup, autostart)
    dialog.tabs.setCurrentIndex(dialog.tabs.count() - 1)  # General
    qtbot.mouseClick(dialog.general.login, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.general.login_note.isVisible()
    assert dialog.general.login_note.text() == "could not write the autostart entry"
    assert "could not write" in dialog.general.login.accessibleDescription()


def test_start_at_login_is_disabled_where_unsupported(qtbot: QtBot, setup: Setup) -> None:
    dialog = open_dialog(qtbot, setup, NullAutostart("platform 'plan9'"))
    dialog.tabs.setCurrentIndex(dialog.tabs.count() - 1)  # General
    assert not dialog.general.login.isEnabled()
    assert not dialog.general.login.isChecked()
    assert dialog.general.login_note.text() == "not supported on this system"
    assert dialog.general.login_note.isVisible()
    assert dialog.general.login.toolTip() == "not supported on this system (platform 'plan9')"
    # Nothing else on the tab pretends to be a choice.
    assert dialog.general.findChildren(QComboBox) == []


# --- accessibility, keyboard, size --------------------------------------------------------------


def input_widgets(dialog: QWidget) -> list[QWidget]:
    kinds = (QAbstractButton, QAbstractSpinBox, QComboBox, QAbstractItemView, QTabBar)
    found: list[QWidget] = []
    for widget in dialog.findChildren(QWidget):
        if not isinstance(widget, kinds) or widget.window() is not dialog:
            continue
        if isinstance(widget.parentWidget(), QTabBar | QAbstractSpinBox | QComboBox):
            continue  # Qt's own parts of a composite widget
        found.append(widget)
    return found


def test_every_input_widget_has_an_accessible_name(qtbot: QtBot, setup: Setup) -> None:
    dialog = open_dialog(qtbot, setup)
    widgets = input_widgets(dialog)
    assert len(widgets) > len(KEYS)
    unnamed = [repr(widget) for widget in widgets if not widget.accessibleName()]
    assert unnamed == []
    for dotted, editor in dialog.fields.items():
        spec = KEYS_BY_DOTTED[dotted]
        assert spec.help in editor.inputs()[0].accessibleDescription(), dotted


def test_labels_have_buddies_and_mnemonics_do_not_clash(qtbot: QtBot, setup: Setup) -> None:
    dialog = open_dialog(qtbot, setup)
    tabs = [dialog.tabs.tabText(index) for index in range(dialog.tabs.count())]
    buttons = [dialog.ok.text(), dialog.apply.text(), dialog.cancel.text(), dialog.restore.text()]
    for index in range(dialog.tabs.count()):
        tab = page(dialog.tabs, index)
        texts = list(tabs) + buttons
        for label in tab.findChildren(QLabel):
            if mnemonic_of(label.text()) is not None:
                assert label.buddy() is not None, label.text()
                assert tab.isAncestorOf(label.buddy())
                texts.append(label.text())
        texts += [button.text() for button in tab.findChildren(QAbstractButton)]
        letters = [mnemonic_of(text) for text in texts if mnemonic_of(text) is not None]
        assert len(letters) == len(set(letters)), texts
    # Every key can be reached with its mnemonic: on its label, or on the check box itself.
    buddies = {label.buddy(): label.text() for label in dialog.findChildren(QLabel)}
    for dotted, editor in dialog.fields.items():
        owner = editor.inputs()[0]
        text = buddies.get(owner) or (owner.text() if isinstance(owner, QAbstractButton) else "")
        assert mnemonic_of(text) is not None, dotted


def test_tab_visits_the_schedule_fields_in_order_then_the_buttons(
    qtbot: QtBot, setup: Setup
) -> None:
    dialog = open_dialog(qtbot, setup)
    activate(qtbot, dialog)
    bar = dialog.tabs.findChild(QTabBar)
    assert bar is not None
    fields = dialog.fields
    days = fields["schedule.work_days"]
    assert isinstance(days, DaysField)
    buttons = sorted(
        [dialog.restore, dialog.ok, dialog.apply, dialog.cancel],
        key=lambda button: button.mapTo(dialog, QPoint(0, 0)).x(),
    )
    expected: list[QWidget] = [
        bar,
        fields["schedule.interval_minutes"].inputs()[0],
        *days.days.values(),
        days.every_day,
        days.weekdays,
        fields["schedule.work_start"].inputs()[0],
        fields["schedule.work_end"].inputs()[0],
        fields["schedule.snooze_minutes"].inputs()[0],
        *buttons,
    ]
    assert tab_chain(qtbot, bar, len(expected) + 1) == [*expected, bar]
    assert buttons[0] is dialog.restore


def test_escape_closes_without_saving(qtbot: QtBot, setup: Setup) -> None:
    dialog = open_dialog(qtbot, setup)
    activate(qtbot, dialog)
    type_into(qtbot, spin_of(dialog, "sound.volume"), "35")
    with qtbot.waitSignal(dialog.rejected), qtbot.assertNotEmitted(dialog.applied):
        QTest.keyClick(focused(), Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert not setup.path.exists()
    # Shown again, it reads the file afresh and the cancelled edit is gone.
    dialog.present()
    assert dialog.fields["sound.volume"].value() == 60


def test_return_is_ok_only_when_valid(qtbot: QtBot, setup: Setup) -> None:
    dialog = open_dialog(qtbot, setup)
    activate(qtbot, dialog)
    snooze = dialog.fields["schedule.snooze_minutes"]
    assert isinstance(snooze, IntField)
    type_into(qtbot, snooze.spin, "0")
    QTest.keyClick(snooze.spin, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert snooze.spin.text() == "0 min"  # the error stays in view
    assert not dialog.ok.isEnabled()
    assert not setup.path.exists()
    type_into(qtbot, snooze.spin, "12")
    with qtbot.waitSignal(dialog.accepted):
        QTest.keyClick(snooze.spin, Qt.Key.Key_Return)
    assert setup.document()["schedule"] == {"snooze_minutes": 12}


def test_the_dialog_fits_a_1366_by_768_screen_and_screenshots(qtbot: QtBot, setup: Setup) -> None:
    dialog = open_dialog(qtbot, setup)
    exercise = dialog.fields["break.exercise"]
    assert isinstance(exercise, ExerciseField)
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        if index == 1:  # the tallest state: the rotation list shown
            folded = dialog.sizeHint().height()
            exercise.combo.setCurrentIndex(exercise.combo.findData(ROTATE))
            exercise.list.item(0).setCheckState(Qt.CheckState.Checked)

            def grown(height: int = folded) -> bool:
                return dialog.sizeHint().height() > height

            qtbot.waitUntil(grown)
            # The window grows by itself to show the whole list.
            qtbot.waitUntil(lambda: dialog.height() >= dialog.minimumSizeHint().height())
        dialog.adjustSize()
        hint = dialog.sizeHint()
        assert hint.width() <= 1300, (index, hint)
        assert hint.height() <= 700, (index, hint)
        assert dialog.minimumSizeHint().height() <= 700
        name = dialog.tabs.tabText(index).replace("&", "").lower()
        image = dialog.grab()
        assert not image.isNull()
        assert image.save(str(SCREENSHOTS / f"settings-dialog-{name}.png"))


def hints_fit(dialog: SettingsDialog) -> list[str]:
    """Texts of the current page's word-wrapped labels that do not get the height they need."""
    page = dialog.tabs.currentWidget()
    return [
        label.text()
        for label in page.findChildren(QLabel)
        if label.isVisible()
        and label.wordWrap()
        and label.text()
        and label.height() < label.heightForWidth(label.width())
    ]


def test_a_status_message_neither_grows_the_dialog_nor_clips_the_help(
    qtbot: QtBot, setup: Setup
) -> None:
    def refuse(settings: Settings, layered: LayeredSettings) -> None:
        raise PermissionError(13, "Permission denied", str(setup.path))

    dialog = SettingsDialog(
        setup.path, setup.load(), CATALOGUE, SystemLoginStart(FakeAutostart()), setup.load, refuse
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    size = dialog.size()
    type_into(qtbot, spin_of(dialog, "sound.volume"), "35")
    qtbot.mouseClick(dialog.apply, Qt.MouseButton.LeftButton)
    assert "Permission denied" in dialog.status.text()
    QApplication.processEvents()  # let a layout request, if any, resize the window
    assert dialog.size() == size
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        assert hints_fit(dialog) == [], dialog.tabs.tabText(index)
    qtbot.mouseClick(dialog.restore, Qt.MouseButton.LeftButton)
    assert dialog.status.text().startswith("Defaults filled in")
    QApplication.processEvents()
    assert dialog.size() == size


def test_the_dialog_cannot_be_made_so_small_that_help_is_clipped(
    qtbot: QtBot, setup: Setup
) -> None:
    dialog = open_dialog(qtbot, setup)
    dialog.resize(200, 100)
    QApplication.processEvents()
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        assert hints_fit(dialog) == [], dialog.tabs.tabText(index)


def test_switching_the_exercise_choice_back_shrinks_the_dialog_again(
    qtbot: QtBot, setup: Setup
) -> None:
    dialog = open_dialog(qtbot, setup)
    exercise = dialog.fields["break.exercise"]
    assert isinstance(exercise, ExerciseField)
    dialog.tabs.setCurrentIndex(1)
    folded = dialog.height()
    exercise.combo.setCurrentIndex(exercise.combo.findData(ROTATE))
    qtbot.waitUntil(lambda: dialog.height() > folded)
    # The whole list is in view, not cut short by the window.
    last = exercise.list.visualItemRect(exercise.list.item(exercise.list.count() - 1))
    assert exercise.list.viewport().rect().contains(last)
    exercise.combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: dialog.height() == folded)
    # A window the user made taller stays as tall.
    exercise.combo.setCurrentIndex(exercise.combo.findData(ROTATE))
    qtbot.waitUntil(lambda: dialog.height() > folded)
    dialog.resize(dialog.width(), dialog.height() + 40)
    taller = dialog.height()
    exercise.combo.setCurrentIndex(0)
    QApplication.processEvents()
    assert dialog.height() == taller


KEY_WORDS = re.compile(r"[a-z]+_[a-z_]+|\b(?:ids?|list|true|false)\b", re.IGNORECASE)


def test_the_help_speaks_of_what_the_user_sees(qtbot: QtBot, setup: Setup) -> None:
    dialog = open_dialog(qtbot, setup)
    labels = {spec.label for spec in KEYS}
    for dotted, editor in dialog.fields.items():
        widget = editor.inputs()[0]
        for text in (widget.toolTip(), widget.accessibleDescription()):
            assert text, dotted
            assert KEY_WORDS.search(text) is None, (dotted, text)
            assert not any(other in text for other in KEYS_BY_DOTTED), (dotted, text)
        hints = [
            label.text()
            for label in dialog.findChildren(QLabel)
            if label.text() and label.text() in widget.toolTip()
        ]
        assert hints, dotted  # the help under the field is the one in the tooltip
    end = dialog.fields["schedule.work_end"].inputs()[0].toolTip()
    assert "“Work starts at”" in end
    assert "Work starts at" in labels


def test_by_default_it_reads_and_writes_through_the_layered_settings(
    qtbot: QtBot, setup: Setup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "xdg" / "backbreak" / "settings.toml"
    write(site, 'locked = ["sound.speak"]\n[sound]\nspeak = true\n')
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "xdg"))
    write(setup.path, "[sound]\nvolume = 20\n")
    dialog = SettingsDialog(setup.path, setup.load(), CATALOGUE, SystemLoginStart(FakeAutostart()))
    qtbot.addWidget(dialog)
    dialog.present()
    assert dialog.layered.locked == {"sound.speak"}
    assert dialog.fields["sound.speak"].value() is True
    assert dialog.fields["sound.volume"].value() == 20
    type_into(qtbot, spin_of(dialog, "sound.volume"), "40")
    apply(qtbot, dialog)
    assert setup.document()["sound"] == {"volume": 40}
