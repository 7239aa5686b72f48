# Two entry points: `make run` (the main job on input_docs/) and `make test`.
# Both create .venv and install the project into it on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint typecheck golden bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/docs2code model input_docs -o generated/model.json || test $$? -eq 1
	$(BIN)/docs2code build input_docs -o generated

lint: $(STAMP)
	$(BIN)/ruff check generator tests benchmarks scripts templates

# The static modules under templates/ are checked as the generated packages hold them.
typecheck: $(STAMP)
	$(BIN)/mypy --strict generator
	$(BIN)/mypy --strict generated/sdk/docs2code_sdk generated/stubs/docs2code_stubs

test: lint typecheck
	$(BIN)/pytest -n 2 --dist loadgroup

# Refresh the committed golden outputs after an intended change; review the diff.
golden: $(STAMP)
	$(BIN)/docs2code lint input_docs > tests/golden/lint-input_docs.txt || test $$? -eq 1
	$(BIN)/python -m tests.lint.test_cases --refresh

# Speed and memory against the targets of issue 15 (a few minutes; BENCH_ARGS=--quick
# skips the ~8,000-page set, BENCH_ARGS=--profile adds the profile summaries).
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV)
