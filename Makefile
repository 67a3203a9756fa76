# passives: `make help` lists the targets. Each target sets up .venv on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.DEFAULT_GOAL := help
.PHONY: help setup test test-fast lint report sample bench postgres

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP) ## create .venv, install the project with its dev extras, build the ONNX int8 model (once per install)
	$(BIN)/python -c "from passives_lib.embedding import choose_backend; \
	print(choose_backend('onnx-int8').describe())"

test: $(STAMP) lint postgres ## set up (Chromium and PostgreSQL too, as root), lint and run every test
	@.ci/chromium
	$(BIN)/python -m pytest

# The store tests start a throwaway PostgreSQL server from Debian's binaries; without them they
# skip saying why. As root with apt, install them; otherwise leave it to the skip.
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      --no-install-recommends postgresql >/dev/null) \
	    || echo "postgresql not installed: the PostgreSQL store tests will be skipped"; \
	  else echo "no PostgreSQL server binaries (apt-get install postgresql as root):" \
	    "the PostgreSQL store tests will be skipped"; fi; }

test-fast: $(STAMP) ## the unit tests only (no slow, integration, browser or PostgreSQL tests)
	$(BIN)/python -m pytest -m "not slow and not integration and not browser and not postgres" tests passives_lib

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
	$(BIN)/python -m bench.theme_stability
	$(BIN)/python -m bench.theme_codebook
	$(BIN)/python -m bench.theme_novelty
	$(BIN)/python -m bench.registry_memory
	$(BIN)/python -m bench.rank_speed
	$(BIN)/python -m bench.masking
	$(BIN)/python -m bench.report_speed
