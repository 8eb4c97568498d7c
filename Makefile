# Two commands do all set-up on a fresh Debian/Ubuntu machine:
#   make site   build the Japanese and English site and the print PDFs into site/
#   make test   install test dependencies (Chromium, CJK fonts, Java, axe-core, vnu-jar) and run every test
#   make bench  measure build speed, preview latency and page weight on the real plan and on one ten
#               times larger (bench/run.py; several minutes, not part of make test)
#   make audit  run the automated accessibility checks over the built site and record what they
#               found in content/accessibility/results.json (the test-results page); commit it
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site test audit bench check serve system-packages print-packages uninstalled apt clean

site: $(VENV)/.site-installed print-packages
	$(BIN)/python build.py build

check: $(VENV)/.site-installed
	$(BIN)/python build.py check

serve: $(VENV)/.site-installed
	$(BIN)/python build.py serve

test: $(VENV)/.test-installed node_modules/.installed system-packages print-packages
	$(BIN)/python -m pytest

audit: $(VENV)/.test-installed node_modules/.installed system-packages print-packages
	$(BIN)/python build.py audit

bench: $(VENV)/.test-installed system-packages print-packages bench/lighthouse/node_modules/.installed
	$(BIN)/python bench/run.py

# Lighthouse for the benchmark only, pinned apart from the test tools so that make test stays lean.
bench/lighthouse/node_modules/.installed: bench/lighthouse/package.json bench/lighthouse/package-lock.json | system-packages
	npm ci --prefix bench/lighthouse --no-audit --no-fund --loglevel=error
	touch $@

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { $(MAKE) --no-print-directory apt PACKAGES=python3-venv && $(PYTHON) -m venv $(VENV); }

$(VENV)/.site-installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements-test.txt requirements.txt $(VENV)/.site-installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

node_modules/.installed: package.json package-lock.json | system-packages
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian packages the browser and PDF tests need: Chromium, npm (axe-core), Java (vnu-jar), pdftotext,
# and the runtime of Playwright's own driver (libatomic1, loaded by its bundled Node.js). Commands are
# looked for where they may come from elsewhere; libraries by package.
TEST_LIBRARIES := libatomic1
system-packages:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	missing="$$missing $$($(MAKE) --no-print-directory -s uninstalled PACKAGES='$(TEST_LIBRARIES)')"; \
	if [ -n "$$(echo $$missing)" ]; then $(MAKE) --no-print-directory apt PACKAGES="$$missing"; fi

# What WeasyPrint loads to write the PDFs: Pango, HarfBuzz's font subsetter (without it WeasyPrint
# falls back to fontTools and says so) and the Japanese fonts (never a PDF without them).
PRINT_PACKAGES := fonts-noto-cjk fontconfig libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
print-packages:
	@missing="$$($(MAKE) --no-print-directory -s uninstalled PACKAGES='$(PRINT_PACKAGES)')"; \
	if [ -n "$$missing" ]; then $(MAKE) --no-print-directory apt PACKAGES="$$missing"; fi

# Prints those of PACKAGES that dpkg does not have installed.
uninstalled:
	@for package in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || printf '%s ' $$package; \
	done

apt:
	@if [ "$$(id -u)" -ne 0 ]; then \
	  echo "Missing Debian packages: $(PACKAGES). Install them with:"; \
	  echo "  sudo apt-get update && sudo apt-get install -y $(PACKAGES)"; exit 1; \
	fi
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(PACKAGES) >/dev/null

clean:
	rm -rf site build .pytest_cache
