# Two entry points for users: `make run` and `make test`. Both create or update
# the virtual environment in .venv themselves.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev

.PHONY: run test test-deps check lint format typecheck contracts pytest bench bench-history bench-shells wheel-smoke bundle wlproto \
	translations clean install-desktop uninstall-desktop

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "backbreak needs Python 3.11 or newer ($(PYTHON) is older)"; exit 1; }
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); $(PYTHON) packaging/bootstrap_venv.py $(VENV); }

$(STAMP_RUN): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(STAMP_DEV): $(STAMP_RUN)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

run: $(STAMP_RUN)
	$(BIN)/backbreak

test: test-deps check pytest

# As root on Debian/Ubuntu, install the packages the tests use (packaging/debian-test-deps);
# otherwise name the missing ones: their tests skip.
test-deps:
	@packaging/debian-test-deps --best-effort

# The launcher, AppStream metainfo and icons for this user, under $XDG_DATA_HOME
# (~/.local/share), starting this .venv's backbreak; see "Install as a desktop app" in the README.
install-desktop: $(STAMP_RUN)
	$(BIN)/python -m backbreak.platform.desktop_install install --source packaging/linux

uninstall-desktop:
	$(BIN)/python -m backbreak.platform.desktop_install uninstall

check: lint format typecheck contracts

lint: $(STAMP_DEV)
	$(BIN)/ruff check backbreak tests bench

format: $(STAMP_DEV)
	$(BIN)/ruff format --check backbreak tests bench

typecheck: $(STAMP_DEV)
	$(BIN)/mypy

contracts: $(STAMP_DEV)
	$(BIN)/lint-imports --no-cache

pytest: $(STAMP_DEV)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Footprint (BENCH_ARGS go to bench/footprint.py), then the history's figures.
bench: $(STAMP_DEV)
	$(BIN)/python bench/footprint.py $(BENCH_ARGS)
	$(MAKE) --no-print-directory bench-history

# The history at ten years' size: file, inserts, `backbreak stats`/`history`, the window's open.
bench-history: $(STAMP_DEV)
	$(BIN)/python bench/history_bench.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/history_window.py

# Prompt latency in GNOME, Plasma and sway (those installed): see bench/prompt_latency.py.
bench-shells: $(STAMP_DEV)
	$(BIN)/python bench/prompt_latency.py $(BENCH_ARGS)

# Build the wheel, install it into a fresh venv and smoke-test it there.
wheel-smoke: $(STAMP_DEV)
	rm -rf dist /tmp/backbreak-wheel-venv
	$(BIN)/python -m build --wheel --outdir dist . >/dev/null
	$(PYTHON) -m venv /tmp/backbreak-wheel-venv
	/tmp/backbreak-wheel-venv/bin/pip install --quiet dist/*.whl
	cd /tmp && /tmp/backbreak-wheel-venv/bin/backbreak --version
	cd /tmp && /tmp/backbreak-wheel-venv/bin/backbreak plan --json --from 2026-03-02T08:00 >/dev/null
	cd /tmp && /tmp/backbreak-wheel-venv/bin/python -c 'from backbreak.resources import resource_path; print(resource_path("icons", "backbreak.svg"))'

# One-folder PyInstaller bundle in dist/backbreak/ plus a .tar.gz of it, built in a venv of its
# own (build/bundle-venv) without PySide6-Addons; see packaging/pyinstaller/build_bundle.py.
bundle:
	$(PYTHON) packaging/pyinstaller/build_bundle.py

# Regenerate the committed Wayland protocol bindings (presence/_wlproto) from Debian's XML files
# (packages libwayland-dev, wayland-protocols, plasma-wayland-protocols). wl_seat comes from
# pywayland's own wayland module, so the generated wayland.py is dropped.
WLPROTO := backbreak/platform/presence/_wlproto
wlproto: $(STAMP_RUN)
	$(BIN)/python -m pywayland.scanner -o $(WLPROTO) -i /usr/share/wayland/wayland.xml \
		/usr/share/wayland-protocols/staging/ext-idle-notify/ext-idle-notify-v1.xml \
		/usr/share/plasma-wayland-protocols/idle.xml
	rm $(WLPROTO)/wayland.py
	sed -i 's/^from \.wayland import/from pywayland.protocol.wayland import/' \
		$(WLPROTO)/ext_idle_notify_v1.py $(WLPROTO)/idle.py

# Collect the words to translate from the sources into each resources/translations/*.ts (keeping
# the translations there, dropping words no longer used), then compile each .ts into the .qm the
# app loads. Both are committed; tests/unit/test_translations.py fails when either is stale.
TS_FILES := $(wildcard resources/translations/backbreak_*.ts)
translations: $(STAMP_DEV)
	$(BIN)/pyside6-lupdate -extensions py -locations none -no-obsolete backbreak -ts $(TS_FILES)
	for ts in $(TS_FILES); do $(BIN)/pyside6-lrelease -silent $$ts -qm $${ts%.ts}.qm || exit 1; done

clean:
	rm -rf $(VENV) dist build .mypy_cache .pytest_cache .ruff_cache
