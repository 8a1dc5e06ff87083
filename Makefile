# Songdal — the two commands of the README: `make run` and `make test`.
# Both install the Debian packages they need when missing, so a fresh machine works.

SWIFT        ?= swift
DEBIAN_PKGS  := libzmq3-dev libsqlite3-dev libssl-dev pkg-config openssl
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Tests of the shared modules run in parallel workers; 2 cores here.
TEST_FLAGS   ?= --parallel --num-workers 2

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
	@echo "songdal up: not yet — the gateway and the 'up' command land with issues 8 and 9."
	@echo "Meanwhile the bus runs alone: .build/release/songdal-bus --insecure"

bench: release
	.build/release/songdal bench bus

clean:
	rm -rf .build .songdal
