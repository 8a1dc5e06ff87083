# Songdal — the two commands of the README: `make run` and `make test`.
# Both install the Debian packages they need when missing, so a fresh machine works.

SWIFT        ?= swift
# The repository, wherever make is started from (`make -f …/Makefile test` works from any folder).
ROOT         := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
DEBIAN_PKGS  := libzmq3-dev libsqlite3-dev libssl-dev pkg-config openssl libcurl4-openssl-dev
# For the tests only: the headless-browser walk (chromium over WebDriver) and the compose stack
# run for real with podman (docs/operator-guide.md, "Containers").
TEST_PKGS    := chromium chromium-driver fonts-nanum podman runc debootstrap python3-venv
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Serial: on 2 cores, tests that block a thread (zmq polls, openssl subprocesses) would
# otherwise starve the 2-thread cooperative pool that the in-process services run on.
TEST_FLAGS   ?= --disable-xctest --no-parallel

.PHONY: run test build release deps test-deps install compose-test bench clean holidays embed

deps:
	@$(MAKE) --no-print-directory -f "$(ROOT)/Makefile" install PKGS="$(DEBIAN_PKGS)"

test-deps: deps
	@$(MAKE) --no-print-directory -f "$(ROOT)/Makefile" install PKGS="$(TEST_PKGS)"

install:
	@missing=""; for p in $(PKGS); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

build: deps
	cd "$(ROOT)" && $(SWIFT) build

release: deps
	cd "$(ROOT)" && $(SWIFT) build -c release

test: test-deps
	cd "$(ROOT)" && $(SWIFT) build --build-tests
	cd "$(ROOT)" && $(SWIFT) test --skip-build $(TEST_FLAGS)
	$(MAKE) --no-print-directory -f "$(ROOT)/Makefile" compose-test

# The compose stack for real: images from host-built static binaries, the demo walk against
# the gateway container, a service container restarted mid-way (compose/stack-test.sh).
compose-test: test-deps
	"$(ROOT)/compose/stack-test.sh"

# Everything on this machine: the broker, the five services and the gateway (songdal up).
run: release
	"$(ROOT)/.build/release/songdal" up

bench: release
	"$(ROOT)/.build/release/songdal" bench bus

# The holiday calendar: data/holidays-kr.json regenerated from the rules of SPEC §6, the lunar
# dates of korean-lunar-calendar and scripts/holidays/announced.json (elections, temporary
# holidays), then compiled into the binaries again (make embed). Commit both outputs.
HOLIDAYS_VENV := $(ROOT)/.build-venv
holidays:
	@$(MAKE) --no-print-directory -f "$(ROOT)/Makefile" install PKGS="python3 python3-venv"
	@[ -x $(HOLIDAYS_VENV)/bin/python ] || python3 -m venv $(HOLIDAYS_VENV)
	@$(HOLIDAYS_VENV)/bin/python -c 'import korean_lunar_calendar' 2>/dev/null || \
	  $(HOLIDAYS_VENV)/bin/pip install --quiet 'korean-lunar-calendar==0.4.0'
	cd "$(ROOT)" && $(HOLIDAYS_VENV)/bin/python scripts/holidays/generate.py
	@$(MAKE) --no-print-directory -f "$(ROOT)/Makefile" embed

# data/*.json compiled into the binaries (Shared/Runtime/ReferenceData/EmbeddedReferenceData.swift).
embed:
	cd "$(ROOT)" && scripts/embed-reference-data.sh

clean:
	rm -rf "$(ROOT)/.build" "$(ROOT)/.songdal"
