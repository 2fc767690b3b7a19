# purelift — one gate (`make test`) and one measurement (`make bench`).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: test lint typecheck unit engine-py functional e2e web web-e2e checkov bench build deploy clean dev mutation web-types

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "purelift needs Python 3.11+"'
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,api,local]'
	touch $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/cfn-lint template.yaml

typecheck: $(STAMP)
	$(BIN)/mypy

# One pytest run per test tier (folder of tests/). Exit 5 (no test collected) is said, not failed.
unit functional e2e: $(STAMP)
	@echo "$(BIN)/pytest -n auto tests/$@"; $(BIN)/pytest -n auto tests/$@; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "tests/$@: no test collected"; else exit $$rc; fi

# The engine's unit tests under the other interpreters the CLI and the Lambda runtime (3.12) use: the result
# must be the same on 3.11-3.13 (issue 12). Each runs from its own venv holding the test tools only, pinned as in
# pyproject's dev extra; the engine itself is stdlib-only (PYTHONPATH). An interpreter found neither on PATH nor
# in ~/.pyenv/versions is skipped with a notice, except 3.12 under CI=true, which is required.
ENGINE_PYS      := 3.12 3.13
ENGINE_PY_DEPS  := $(shell grep -oE '"(pytest|pytest-xdist|pyflakes|radon)==[^"]+"' pyproject.toml | tr -d '"')
ENGINE_PY_TESTS := tests/unit/purity tests/unit/test_rawmetrics.py tests/unit/test_rawscan.py tests/unit/test_parse_errors.py \
                   tests/unit/test_ui_detection.py tests/unit/test_ui_values.py tests/unit/test_ui_wrappers.py \
                   tests/unit/test_web_ready.py tests/unit/test_extract_reads.py tests/unit/test_platforms.py \
                   tests/unit/test_newer_syntax.py
# 3.12+'s tokenize copies the whole line into every token: a 1 MB line costs 20-40 s there (1-2 s on 3.11).
# The rows holding one run in `unit` (3.11) only, to keep this tier within a minute; so does the CLI's row (the CLI
# needs the service's dependencies, which these venvs do not hold).
PARSE_ERRORS    := tests/unit/test_parse_errors.py::test
ENGINE_PY_SKIP  := --deselect $(PARSE_ERRORS)_many_bad_files_in_one_tree \
  --deselect '$(PARSE_ERRORS)_bad_file_is_reported_and_the_rest_analysed[deeply-nested-binop-chain]' \
  --deselect '$(PARSE_ERRORS)_bad_file_is_reported_and_the_rest_analysed[deeply-nested-attribute-chain]' \
  --deselect tests/unit/test_ui_wrappers.py::test_the_cli_prints_each_warning_under_the_table

engine-py:
	@for v in $(ENGINE_PYS); do \
	  venv=$$(scripts/engine_venv.sh $$v $(ENGINE_PY_DEPS)); rc=$$?; \
	  if [ $$rc -eq 3 ]; then \
	    if [ "$$CI" = true ] && [ $$v = 3.12 ]; then echo "engine-py: python$$v not found (required under CI)"; exit 1; fi; \
	    echo "engine-py: python$$v not found, skipped"; continue; fi; \
	  [ $$rc -eq 0 ] || exit $$rc; \
	  echo "PYTHONPATH=layers/common $$venv/bin/pytest (python$$v)"; \
	  PYTHONPATH=layers/common $$venv/bin/pytest -q -n 2 -p no:cacheprovider -m 'not slow' $(ENGINE_PY_SKIP) $(ENGINE_PY_TESTS) \
	    || exit 1; \
	done

# The gate: the tiers in turn, each timed (`tier NAME: N s`); the first failing tier stops it, failing make.
TIERS := lint checkov typecheck unit engine-py functional e2e web web-e2e

# The web app (web/, docs in web/README.md): npm ci, typecheck, Vitest, build. Without Node.js 20+ and npm it is
# skipped with a notice; under CI=true it fails instead.
web:
	@if ! node -e 'process.exit(parseInt(process.versions.node) < 20 ? 1 : 0)' 2>/dev/null || ! command -v npm >/dev/null; then \
	  if [ "$$CI" = true ]; then echo "web: Node.js 20+ and npm are required under CI=true (install them: https://nodejs.org)"; exit 1; fi; \
	  echo "web: skipped: install Node.js 20+ and npm (https://nodejs.org) to build and test the web app"; exit 0; fi; \
	cd web && npm ci --no-audit --no-fund && npm run typecheck && npm test && npm run build

# The web app end to end (web/e2e, docs in web/README.md): Playwright drives Debian's chromium (no browser download)
# against `purelift serve` on free ports; axe-core on every page; screenshots in web/test-results/screenshots.
# Without Node.js 20+/npm or without chromium it is skipped with a notice; under CI=true it fails instead.
web-e2e: $(STAMP)
	@need() { if [ "$$CI" = true ]; then echo "web-e2e: $$1 required under CI=true ($$2)"; exit 1; fi; \
	  echo "web-e2e: skipped: $$2 to run the web app's end-to-end tests"; exit 0; }; \
	if ! node -e 'process.exit(parseInt(process.versions.node) < 20 ? 1 : 0)' 2>/dev/null || ! command -v npm >/dev/null; then \
	  need "Node.js 20+ and npm are" "install Node.js 20+ and npm (https://nodejs.org)"; fi; \
	chromium=$${CHROMIUM_PATH:-$$(command -v chromium || command -v chromium-browser || true)}; \
	if [ -z "$$chromium" ]; then need "Chromium is" "install Chromium (Debian: apt-get install chromium; or set CHROMIUM_PATH)"; fi; \
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 scripts/build_web.sh || exit 1; \
	cd web && CHROMIUM_PATH=$$chromium npx --no-install playwright test

test: $(STAMP)
	@for tier in $(TIERS); do \
	  start=$$(date +%s); \
	  $(MAKE) --no-print-directory $$tier; rc=$$?; \
	  echo "tier $$tier: $$(( $$(date +%s) - start )) s$$([ $$rc -eq 0 ] || echo ' (failed)')"; \
	  [ $$rc -eq 0 ] || exit $$rc; \
	done

# The web app's types of the API's shapes, from the API's OpenAPI document (web/src/api/schema.gen.ts; the unit
# tier fails when it is stale).
web-types: $(STAMP)
	$(BIN)/python scripts/web_types.py

# Every section under this venv's Python (3.11), then the engine section again under each of ENGINE_PYS (the
# Lambda runtime is 3.12): the engine's ratios are measured per interpreter. One not installed is skipped, said.
bench: $(STAMP)
	$(BIN)/python -m bench
	@for v in $(ENGINE_PYS); do \
	  venv=$$(scripts/engine_venv.sh $$v $(ENGINE_PY_DEPS)); rc=$$?; \
	  if [ $$rc -eq 3 ]; then echo "bench: python$$v not found, its engine section skipped"; continue; fi; \
	  [ $$rc -eq 0 ] || exit $$rc; \
	  PYTHONPATH=layers/common:. $$venv/bin/python -m bench engine || exit 1; \
	done

# The whole service on this machine (no AWS account, no Docker): docs/local.md. Ctrl-C stops it.
dev: $(STAMP)
	@scripts/build_web.sh
	$(BIN)/purelift serve

# Mutation testing (issue 12, not part of `make test`: hours on this machine). mutmut 3, pinned, from its own
# venv, mutates purelift/analysis/solve.py, state.py and rules.py and runs the engine's unit tests against each mutant
# (config: [tool.mutmut] in pyproject.toml). mutmut wants the package at the top of its working directory, so
# the engine and the tests are staged in build/mutation. `make mutation MUTANTS='purelift.analysis.rules.x_lookup*'`
# runs only the mutants whose names match; docs/engine.md says how to read the results.
MUTMUT_VENV  := .venv-mutmut
MUTMUT_STAMP := $(MUTMUT_VENV)/.installed-stamp
MUTATION_DIR := build/mutation
MUTANTS      ?=
# test_examples runs the CLI, whose `token` command needs PyJWT (pinned as in pyproject)
MUTMUT_CLI_DEPS := $(shell grep -oE '"pyjwt\[crypto\]==[^"]+"' pyproject.toml | tr -d '"')

$(MUTMUT_STAMP): pyproject.toml
	$(PYTHON) -m venv $(MUTMUT_VENV)
	$(MUTMUT_VENV)/bin/python -m pip install --quiet mutmut==3.8.1 $(ENGINE_PY_DEPS) $(MUTMUT_CLI_DEPS)
	touch $(MUTMUT_STAMP)

mutation: $(MUTMUT_STAMP)
	rm -rf $(MUTATION_DIR) && mkdir -p $(MUTATION_DIR)
	cp -r layers/common/purelift tests examples pyproject.toml $(MUTATION_DIR)/
	cd $(MUTATION_DIR) && ../../$(MUTMUT_VENV)/bin/mutmut run --max-children 2 $(MUTANTS) \
	  && ../../$(MUTMUT_VENV)/bin/mutmut results --all true

# `sam build` from its own venv: SAM pins older boto3/pydantic than the app. It needs the runtime's
# interpreter (python3.12) on PATH; a pyenv-installed 3.12 is picked up when the shim hides it.
SAM_VENV  := .venv-sam
SAM_STAMP := $(SAM_VENV)/.installed-stamp
PY312_BIN := $(firstword $(wildcard $(HOME)/.pyenv/versions/3.12*/bin))

$(SAM_STAMP):
	$(PYTHON) -m venv $(SAM_VENV)
	$(SAM_VENV)/bin/python -m pip install --quiet aws-sam-cli==1.170.0
	touch $(SAM_STAMP)

# checkov (the infrastructure scanner users run on template.yaml) from its own venv: it pins its own boto3.
# Every check it fails is fixed or skipped in the template itself, in the resource's Metadata, with the reason.
# --skip-download: the scan needs nothing from the vendor's API (only its guideline links, offline anyway).
# --skip-download: the scan needs nothing from the vendor's API (its guideline links are all it would fetch).
CHECKOV_VENV  := .venv-checkov
CHECKOV_STAMP := $(CHECKOV_VENV)/.installed-stamp

$(CHECKOV_STAMP):
	$(PYTHON) -m venv $(CHECKOV_VENV)
	$(CHECKOV_VENV)/bin/python -m pip install --quiet checkov==3.3.30
	touch $(CHECKOV_STAMP)

checkov: $(CHECKOV_STAMP)
	$(CHECKOV_VENV)/bin/checkov -f template.yaml --framework cloudformation --quiet --compact --skip-download

build: $(SAM_STAMP)
	PATH="$(if $(PY312_BIN),$(PY312_BIN):)$$PATH" SAM_CLI_TELEMETRY=0 $(SAM_VENV)/bin/sam build --template-file template.yaml

# The stack (sam build && sam deploy with samconfig.toml's defaults; no change is no error), then the web app:
# web/dist built when missing or stale, uploaded with a config.json made from the stack's outputs, CloudFront
# invalidated (scripts/publish_web.py; docs/backend.md, "Template parameters and deploy").
deploy: build $(STAMP)
	SAM_CLI_TELEMETRY=0 $(SAM_VENV)/bin/sam deploy --no-fail-on-empty-changeset
	@scripts/build_web.sh
	$(BIN)/python scripts/publish_web.py

clean:
	rm -rf $(VENV) $(SAM_VENV) $(CHECKOV_VENV) .venv-py312 .venv-py313 .aws-sam .mypy_cache .ruff_cache .pytest_cache
