# passives: `make help` lists the targets. Each target sets up .venv on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.DEFAULT_GOAL := help
.PHONY: help setup test test-fast lint report sample bench

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP) ## create .venv, install the project with its dev extras, build the ONNX int8 model
	$(BIN)/python -c "from passives_lib.pipeline._theme_run import default_cache_dir; \
	from passives_lib.themes._backend import choose_backend; \
	print(choose_backend('onnx-int8', default_cache_dir()).describe())"

test: $(STAMP) lint ## set up, then lint and run every test (unit, integration, notebooks, browser)
	$(BIN)/python -m pytest

test-fast: $(STAMP) ## the unit tests only (no slow, integration or browser tests), under a minute
	$(BIN)/python -m pytest -m "not slow and not integration and not browser" tests

lint: $(STAMP) ## ruff (style, docstrings, complexity), ruff format, and the layer contract
	$(BIN)/ruff check passives_lib tests bench
	$(BIN)/ruff format --check passives_lib tests bench
	$(BIN)/lint-imports

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
