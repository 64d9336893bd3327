# Every target installs what it needs first (scripts/install.sh is idempotent).
VENV := .venv
BIN := $(VENV)/bin
OUT ?= outputs/seeds

.PHONY: install demo test lint

install:
	bash scripts/install.sh

# The main job on the five seed articles: clean, split, translate (when the NLLB model can be
# loaded: exit code 2 otherwise, with the untranslated documents still written).
demo: install
	$(BIN)/workbench translate seeds --out $(OUT) $(WORKBENCH_ARGS) || [ $$? -eq 2 ]
	@echo "Documents are in $(OUT)/docs"

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
