# Every target installs what it needs first (scripts/install.sh is idempotent).
VENV := .venv
BIN := $(VENV)/bin
OUT ?= outputs/seeds

.PHONY: install demo review test lint

install:
	bash scripts/install.sh

# The main job on the five seed articles: clean, split, translate (when the NLLB model can be
# loaded: exit code 2 otherwise, with the untranslated documents still written), then link.
demo: install
	$(BIN)/workbench translate seeds --out $(OUT) $(WORKBENCH_ARGS) || [ $$? -eq 2 ]
	$(BIN)/workbench link $(OUT)
	@echo "Documents are in $(OUT)/docs, links in $(OUT)/links.jsonl; make review to open the page"

review: demo
	$(BIN)/workbench review $(OUT) $(WORKBENCH_ARGS)

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
