# papi-analysis task runner. `make help` lists the targets.
PYTHON ?= python3.11
VENV   ?= .venv
BIN     = $(VENV)/bin
PERIOD ?= 2024-H1

.DEFAULT_GOAL := help
.PHONY: help venv run test test-fast lint validate data bench bench-quick bench-validate \
	bench-extract bench-intake bench-workbooks bench-national bench-records screenshot clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(BIN)/papi-analysis: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

venv: $(BIN)/papi-analysis ## Create .venv and install the package with test tools

run: venv ## Build every appendix of PERIOD (default 2024-H1) for all agencies
	$(BIN)/papi-analysis build --period $(PERIOD) --all

test: venv ## Run the whole test suite (unit, notebooks with nbval, end-to-end)
	$(BIN)/python -m pytest

test-fast: venv ## Tests without the end-to-end build and without nbval on notebooks/
	$(BIN)/python -m pytest -m "not slow" tests

lint: venv ## Ruff lint
	$(BIN)/ruff check papi_analysis tests scripts

validate: venv ## Validate the shipped submissions
	$(BIN)/papi-analysis validate data/submissions data/illustrative

data: venv ## Regenerate the illustrative panel (fixed seed, byte-identical)
	$(BIN)/python -m papi_analysis.intake.illustrative

bench: venv ## Benchmark: runner vs naive papermill+nbconvert loop, and a no-change rebuild
	$(BIN)/python scripts/bench.py --period $(PERIOD)

bench-quick: venv ## Shorter benchmark (naive loop on a subset, extrapolated per appendix, and says so)
	$(BIN)/python scripts/bench.py --period $(PERIOD) --quick

bench-validate: venv ## Benchmark validate on 200,000 and 1,000,000 tidy rows (scripts/bench_validate.py)
	$(BIN)/python scripts/bench_validate.py --rows 200000 1000000

bench-records: venv ## Benchmark records → II.06a: 5,000,000 files, every agency and field of a period, median of 3 (scripts/bench_records.py)
	$(BIN)/python scripts/bench_records.py --records 5000000 --repeat 3

bench-extract: venv ## Benchmark the prose reader on 50 KB to 5 MB of prose (scripts/bench_extract.py)
	$(BIN)/python scripts/bench_extract.py 50k 200k 1m 5m

bench-intake: venv ## Per-appendix cost of reading the data, with and without the tidy cache, with 18 forms
	$(BIN)/python scripts/bench_intake.py --repeat 3

bench-workbooks: venv ## validate on 1,000 form workbooks (scripts/bench_workbooks.py)
	$(BIN)/python scripts/bench_workbooks.py --files 1000 --repeat 3

bench-national: venv ## National build MEASURED: 1, 5, 34 illustrative provinces, local and Dask (~1 h)
	$(BIN)/python scripts/bench_national.py --provinces 1 5 34

screenshot: ## Screenshot reports/PERIOD appendices with headless Chromium (needs Debian's chromium)
	$(BIN)/python scripts/screenshot.py reports/$(PERIOD)

clean: ## Remove generated reports (keeps reports/README.md)
	find reports -mindepth 1 ! -name README.md -exec rm -rf {} +
