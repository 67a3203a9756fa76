# passives: `make help` lists the targets. Each target sets up .venv on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.DEFAULT_GOAL := help
.PHONY: help setup test lint report sample bench

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP) ## create .venv and install the project with its dev extras

test: $(STAMP) ## set up, then run every test (unit, integration, notebooks) and ruff
	$(BIN)/ruff check passives_lib tests bench
	$(BIN)/python -m pytest

lint: $(STAMP) ## ruff only
	$(BIN)/ruff check passives_lib tests bench

SAMPLE_ARGS := data/sample/survey.csv --config data/sample/config.yml

report: $(STAMP) ## set up, then build the weekly report of data/sample/ into reports/<week>/
	$(BIN)/passives report $(SAMPLE_ARGS) --out reports/

sample: $(STAMP) ## regenerate data/sample/ from its seeded generator
	$(BIN)/passives sample --out data/sample

bench: $(STAMP) ## run the benchmarks and print their figures
	$(BIN)/python -m bench.load_speed
	$(BIN)/python -m bench.theme_quality
	$(BIN)/python -m bench.theme_speed
	$(BIN)/python -m bench.rank_speed
	$(BIN)/python -m bench.report_speed
