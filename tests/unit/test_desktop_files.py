"""The shipped launcher, AppStream metainfo and icons: valid, and in agreement with each other,
with the start-at-login entry, the app id and the package version."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from backbreak import APP_ID, __version__
from backbreak.platform.autostart import desktop_entry as de
from backbreak.platform.autostart.xdg import render
from backbreak.platform.desktop_install import shipped_files

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
LAUNCHER = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
REPOSITORY_FILES = "https://raw.githubusercontent.com/backbreak/backbreak/main/"


def launcher() -> dict[str, str]:
    return de.read_group(LAUNCHER.read_text(encoding="utf-8"))


def metainfo() -> ET.Element:
    return ET.parse(METAINFO).getroot()


def validator(tool: str, package: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed (Debian package {package})")
    return path


def test_every_shipped_file_is_there() -> None:
    for name in shipped_files():
        assert (LINUX / name).is_file(), name


def test_the_launcher_passes_desktop_file_validate() -> None:
    tool = validator("desktop-file-validate", "desktop-file-utils")

    result = subprocess.run([tool, str(LAUNCHER)], capture_output=True, text=True, check=False)

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout + result.stderr == ""  # not even a hint


def test_the_metainfo_passes_appstreamcli_validate() -> None:
    tool = validator("appstreamcli", "appstream")

    result = subprocess.run(
        [tool, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "W:" not in result.stdout, result.stdout
    assert "E:" not in result.stdout, result.stdout


def test_the_launcher_is_named_for_the_app_id_and_shows_its_icon() -> None:
    values = launcher()
    assert values["Icon"] == APP_ID
    assert values["X-GNOME-UsesNotifications"] == "true"
    assert de.parse_exec(values["Exec"]) == ["backbreak"]


def test_the_danish_launcher_text_is_there() -> None:
    text = LAUNCHER.read_text(encoding="utf-8")
    assert "\nName[da]=" in text
    assert "\nComment[da]=Minder dig om at rejse dig" in text


def test_the_start_at_login_entry_agrees_with_the_launcher() -> None:
    login = de.read_group(render(["/opt/venv/bin/backbreak"]))
    values = launcher()
    for key in ("Type", "Name", "Comment", "Icon", "Terminal"):
        assert login[key] == values[key], key
    # Both start the same program: the launcher's on PATH, the login entry's by its full path.
    assert Path(de.parse_exec(login["Exec"])[0]).name == de.parse_exec(values["Exec"])[0]


def test_the_metainfo_names_the_launcher_binary_and_icon_of_the_app_id() -> None:
    root = metainfo()
    assert root.attrib["type"] == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("name") == launcher()["Name"]
    assert root.findtext("launchable[@type='desktop-id']") == LAUNCHER.name
    assert root.findtext("provides/binary") == de.parse_exec(launcher()["Exec"])[0]
    assert (LINUX / "icons" / f"{APP_ID}.svg").is_file()
    assert (LINUX / "icons" / f"{APP_ID}-symbolic.svg").is_file()


def test_the_metainfo_licences_are_the_projects() -> None:
    root = metainfo()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'license = "{root.findtext("project_license")}"' in pyproject
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.find("content_rating[@type='oars-1.1']") is not None


def test_the_latest_release_is_the_package_version() -> None:
    releases = metainfo().findall("releases/release")
    assert releases
    assert releases[0].attrib["version"] == __version__


def test_every_screenshot_the_metainfo_names_is_a_shipped_picture() -> None:
    images = [image.text or "" for image in metainfo().iter("image")]
    assert images
    for url in images:
        assert url.startswith(REPOSITORY_FILES), url
        picture = ROOT / url.removeprefix(REPOSITORY_FILES)
        assert picture.is_file(), f"the metainfo shows {url}, which is not in the repository"
        assert picture.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_the_symbolic_icon_is_one_colour_and_strokeless() -> None:
    # Desktops recolour a symbolic icon by its fills: a stroke or a second colour would stay.
    root = ET.parse(LINUX / "icons" / f"{APP_ID}-symbolic.svg").getroot()
    shapes = [el for el in root.iter() if el.tag.split("}")[-1] in {"path", "circle", "rect"}]
    assert shapes
    assert {el.attrib.get("fill") for el in shapes} == {"#2e3436"}
    assert all("stroke" not in el.attrib for el in shapes)
    assert (root.attrib["width"], root.attrib["height"]) == ("16", "16")


# GNOME Shell and GTK load icons through gdk-pixbuf, which picks the SVG loader by the file's
# content type: shared-mime-info's magic wants "<svg" within the first 256 bytes. An SVG whose
# opening tag comes later (after a long comment) is shown as no icon at all, in the app grid and
# on notifications (which name backbreak's icon file).
DESKTOP_SVGS = [
    *sorted((LINUX / "icons").glob("*.svg")),
    ROOT / "resources" / "icons" / "backbreak.svg",
]
GJS_LOAD = """
const GdkPixbuf = imports.gi.GdkPixbuf;
for (const f of ARGV) GdkPixbuf.Pixbuf.new_from_file_at_size(f, 48, 48);
"""


@pytest.mark.parametrize("svg", DESKTOP_SVGS, ids=lambda path: path.name)
def test_desktops_recognise_each_icon_as_svg(svg: Path) -> None:
    assert b"<svg" in svg.read_bytes()[:256]


def test_gdk_pixbuf_loads_each_icon(tmp_path: Path) -> None:
    gjs = validator("gjs", "gjs")
    script = tmp_path / "load.js"
    script.write_text(GJS_LOAD, encoding="utf-8")

    result = subprocess.run(
        [gjs, str(script), *map(str, DESKTOP_SVGS)], capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stderr
