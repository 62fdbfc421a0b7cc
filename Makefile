# kg: two commands for a fresh machine with Python 3.11 and pip.
#   make demo   set up .venv, build the bundled article into exports/, print where the page is
#   make test   set up .venv with the test extras (and Chromium for the browser tests), run every test
#   make bench  run the benchmarks in benchmarks/ (not part of the tests)

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q

.PHONY: demo test bench setup setup-test browser exports clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PIP) install -e ".[test]"
	touch $@

setup: $(VENV)/.installed

setup-test: $(VENV)/.installed-test browser

# Debian's Chromium drives the browser tests (Playwright is told where it is; it downloads nothing).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Chromium (Debian package) for the browser tests..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

demo: setup
	$(VENV)/bin/kg build --out exports

exports: setup
	$(VENV)/bin/kg build --out exports --quiet

test: setup-test
	$(VENV)/bin/pytest -q

bench: setup-test
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
