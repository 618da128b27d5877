# QR PIN Manager: developer commands. Each target installs what it needs into ./.venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)

.PHONY: demo test bundle lint typecheck venv clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@rm -f $(VENV)/.installed-* && touch $@

venv: $(STAMP)

## Launch the app on the built-in demo tenant (no Microsoft account needed).
demo: $(STAMP)
	@bash scripts/ensure-qt-libs.sh
	$(BIN)/qrpin-gui --demo

## Run the whole test suite headless (what CI runs).
test: $(STAMP)
	$(BIN)/ruff check qrpin_gui tests bench
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest
	@bash scripts/check-packaging.sh

## Build the PyInstaller bundle dist/qrpin-gui/ (Windows: see docs/packaging.md).
bundle: $(STAMP)
	@$(BIN)/python -c "import PyInstaller" 2>/dev/null || $(BIN)/python -m pip install --quiet "pyinstaller>=6.10"
	$(BIN)/python packaging/build_bundle.py

lint: $(STAMP)
	$(BIN)/ruff check qrpin_gui tests bench
	$(BIN)/ruff format --check qrpin_gui tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
