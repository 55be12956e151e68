# The two commands every new user needs: `make run` and `make test`. Both set everything up.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test bench screenshot clean translations icons package

$(STAMP): pyproject.toml
	bash packaging/system-deps.sh test
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	bash packaging/system-deps.sh gui
	$(BIN)/python main.py $(ARGS)

test: $(STAMP)
	bash packaging/system-deps.sh test  # cheap when nothing is missing; PostgreSQL for tests/server
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.bench

screenshot: $(STAMP)
	bash packaging/system-deps.sh gui
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/screenshot.py docs/screenshot.png

# Interface text: lupdate lists every tr()/translate() string of ui/ and reviewer/ in the .ts
# files (translators edit those, e.g. in pyside6-linguist); lrelease compiles them to the .qm
# the app loads. Both are committed, so a fresh clone runs in every language without this step.
# English has a file too, of plural forms only ("1 case" / "2 cases").
TS_FILES := $(filter-out %_en.ts,$(wildcard resources/translations/*.ts))
EN_TS := resources/translations/reviewer_en.ts
translations: $(STAMP)
	$(BIN)/pyside6-lupdate -locations none -no-obsolete $$(find ui reviewer -name '*.py') -ts $(TS_FILES)
	$(BIN)/pyside6-lupdate -locations none -no-obsolete -pluralonly $$(find ui reviewer -name '*.py') -ts $(EN_TS)
	for ts in $(TS_FILES) $(EN_TS); do $(BIN)/pyside6-lrelease -silent $$ts -qm $${ts%.ts}.qm; done

# The product icon's PNG sizes, rendered from its SVG (committed: the wheel needs no build step).
icons: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/make_icons.py

# The desktop package (README, "Install and package"): a one-folder PyInstaller bundle in
# dist/reviewer-workstation/ with share/ (the .desktop entry, AppStream metainfo, icons) laid out
# as under /usr; ends by running the bundle with a clean environment outside the checkout.
PKG_STAMP := $(VENV)/.package-stamp
BUNDLE := dist/reviewer-workstation

$(PKG_STAMP): $(STAMP)
	$(BIN)/python -m pip install -q -e '.[package]'
	touch $(PKG_STAMP)

package: $(PKG_STAMP)
	bash packaging/system-deps.sh package
	desktop-file-validate packaging/linux/*.desktop
	appstreamcli validate --no-net packaging/linux/*.metainfo.xml
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/make_icons.py --check
	QT_QPA_PLATFORM=offscreen $(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
		--workpath build/pyinstaller --distpath dist packaging/reviewer-workstation.spec
	install -Dm644 -t $(BUNDLE)/share/applications packaging/linux/*.desktop
	install -Dm644 -t $(BUNDLE)/share/metainfo packaging/linux/*.metainfo.xml
	mkdir -p $(BUNDLE)/share/icons && cp -r resources/icons/hicolor $(BUNDLE)/share/icons/
	$(BIN)/python packaging/check_bundle.py $(BUNDLE)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
