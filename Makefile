# Songdal — the two commands of the README: `make run` and `make test`.
# Both install the Debian packages they need when missing, so a fresh machine works.

SWIFT        ?= swift
DEBIAN_PKGS  := libzmq3-dev libsqlite3-dev libssl-dev pkg-config openssl
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Serial: on 2 cores, tests that block a thread (zmq polls, openssl subprocesses) would
# otherwise starve the 2-thread cooperative pool that the in-process services run on.
TEST_FLAGS   ?= --disable-xctest --no-parallel

.PHONY: run test build release deps bench clean

deps:
	@missing=""; for p in $(DEBIAN_PKGS); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build $(TEST_FLAGS)

run: release
	@echo "songdal up lands with the gateway and CLI issues; running the bus broker alone (Ctrl-C stops it)."
	.build/release/songdal keys generate >/dev/null
	.build/release/songdal-bus

bench: release
	.build/release/songdal bench bus

clean:
	rm -rf .build .songdal
