# Two commands do everything: `make run` and `make test` (see README).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
RASA_VENV := .venv-rasa
PIP := --disable-pip-version-check --quiet --no-input
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export PYTHONDONTWRITEBYTECODE := 1

# find_python VERSION: the first interpreter of exactly that version on PATH or in pyenv.
define find_python
for candidate in python$(1) "$${PYENV_ROOT:-$$HOME/.pyenv}"/versions/$(1).*/bin/python$(1) \
    /usr/local/bin/python$(1) /usr/bin/python$(1); do \
  if "$$candidate" -c 'import sys; assert sys.version_info[:2] == ($(subst .,$(comma),$(1)))' \
      >/dev/null 2>&1; then echo "$$candidate"; break; fi; \
done
endef
comma := ,

.PHONY: help run test setup prepare locks browser fonts servers lint unit integration clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'

run: setup  ## set up what is missing, then run the assistant (Ctrl-C stops it)
	$(VENV)/bin/assistant run

test: setup browser servers  ## set up what is missing, then run lint, type checks and every test
	$(VENV)/bin/ruff check assistant actions tests bench
	$(VENV)/bin/mypy
	$(VENV)/bin/assistant prepare
	$(VENV)/bin/python -m pytest -q -p no:cacheprovider

setup: $(VENV)/.installed $(RASA_VENV)/.installed fonts  ## build both virtual environments

prepare: setup  ## train the Rasa model and build the search index (cached)
	$(VENV)/bin/assistant prepare

# The widget's browser tests drive Debian's Chromium through Playwright (never
# `playwright install`, which downloads its own browser).
# The emoji font lets screenshots show the bot's 📄 and 👍 as users' devices do.
browser:  ## install Chromium for the widget's browser tests (skipped when present)
	@if [ -x /usr/bin/chromium ] && [ -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ]; \
	then exit 0; fi; \
	sudo=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	$$sudo apt-get update && \
	$$sudo apt-get install -y --no-install-recommends chromium fonts-noto-color-emoji

# The scale-out tests start throw-away PostgreSQL and Redis servers of their own (temp
# folders, free ports); production runs them as the system's services (docs/deployment.md).
servers:  ## install PostgreSQL and Redis for the scale-out tests (skipped when present)
	@if command -v redis-server >/dev/null && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; \
	then exit 0; fi; \
	sudo=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	$$sudo apt-get update && \
	$$sudo apt-get install -y --no-install-recommends postgresql redis-server

# The printable feedback QR sheets (PDF) need a TrueType font with Vietnamese glyphs.
fonts:  ## install DejaVu Sans for the QR sheets (skipped when present)
	@if [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ]; then exit 0; fi; \
	sudo=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	$$sudo apt-get update && $$sudo apt-get install -y --no-install-recommends fonts-dejavu-core

$(VENV)/.installed: pyproject.toml requirements/gateway.lock
	@py="$$($(call find_python,3.11))"; \
	if [ -z "$$py" ]; then echo "Python 3.11 is required: install it (e.g. 'pyenv install 3.11')." >&2; exit 1; fi; \
	[ -x $(VENV)/bin/python ] || "$$py" -m venv $(VENV)
	$(VENV)/bin/pip install $(PIP) --require-hashes -r requirements/gateway.lock
	$(VENV)/bin/pip install $(PIP) --no-deps --no-build-isolation -e .
	@$(VENV)/bin/pip check >/dev/null 2>&1 || { $(VENV)/bin/pip check; \
	  echo "requirements/gateway.lock does not fit pyproject.toml: run 'make locks'." >&2; exit 1; }
	touch $@

$(RASA_VENV)/.installed: requirements/rasa.lock
	@py="$$($(call find_python,3.10))"; \
	if [ -z "$$py" ]; then echo "Rasa 3.6 needs Python 3.10: install it (e.g. 'pyenv install 3.10') or put python3.10 on PATH." >&2; exit 1; fi; \
	[ -x $(RASA_VENV)/bin/python ] || "$$py" -m venv $(RASA_VENV)
	$(RASA_VENV)/bin/pip install $(PIP) --require-hashes --no-deps -r requirements/rasa.lock
	$(RASA_VENV)/bin/rasa --version >/dev/null
	touch $@

# Both locks pin every package with the sha256 of each of its files on PyPI, and the
# installs above refuse anything else (--require-hashes). The gateway's is resolved from
# pyproject.toml (with its [dev] extra), keeping the current pins where they still fit;
# the Rasa server's pins are chosen by hand in requirements/rasa.in (why: see its header).
# torch's CPU build is not on PyPI: pip takes it from the wheel folder pip.conf names
# (find-links), and so does the gateway's lock.
TORCH_WHEELS ?= /opt/wheels
UV_COMPILE = $(VENV)/bin/uv pip compile --quiet --generate-hashes --custom-compile-command "make locks" --index-url https://pypi.org/simple \
  $$([ -d $(TORCH_WHEELS) ] && echo --find-links $(TORCH_WHEELS))
locks:  ## re-pin requirements/*.lock with hashes after changing pyproject.toml or rasa.in
	@[ -x $(VENV)/bin/uv ] || { echo "Run 'make setup' first (uv comes with the dev extra)." >&2; exit 1; }
	$(UV_COMPILE) --python-version 3.11 --extra dev --override requirements/gateway.overrides \
	  pyproject.toml -o requirements/gateway.lock
	$(UV_COMPILE) --python-version 3.10 --no-deps requirements/rasa.in -o requirements/rasa.lock.new
	mv requirements/rasa.lock.new requirements/rasa.lock

clean:  ## remove environments and everything generated
	rm -rf $(VENV) $(RASA_VENV) var index/*.json index/*.faiss index/lexical
