# purelift — one gate (`make test`) and one measurement (`make bench`).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: test lint typecheck unit functional e2e checkov bench build clean dev

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

# The gate: the tiers in turn, each timed (`tier NAME: N s`); the first failing tier stops it, failing make.
TIERS := lint checkov typecheck unit functional e2e

test: $(STAMP)
	@for tier in $(TIERS); do \
	  start=$$(date +%s); \
	  $(MAKE) --no-print-directory $$tier; rc=$$?; \
	  echo "tier $$tier: $$(( $$(date +%s) - start )) s$$([ $$rc -eq 0 ] || echo ' (failed)')"; \
	  [ $$rc -eq 0 ] || exit $$rc; \
	done

bench: $(STAMP)
	$(BIN)/python -m bench

# The whole service on this machine (no AWS account, no Docker): docs/local.md. Ctrl-C stops it.
dev: $(STAMP)
	$(BIN)/purelift serve

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

clean:
	rm -rf $(VENV) $(SAM_VENV) $(CHECKOV_VENV) .aws-sam .mypy_cache .ruff_cache .pytest_cache
