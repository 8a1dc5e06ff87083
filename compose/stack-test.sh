#!/usr/bin/env bash
# Runs the compose stack for real with podman + podman-compose (docs/operator-guide.md, "Containers"):
# builds the local base image and the songdal image from host-built static binaries, starts
# one container per service, walks the demo against the gateway container, restarts one
# service container mid-way, checks nothing was lost, and tears everything down.
# Called by `make test` (target compose-test); needs root for podman and debootstrap.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PROJECT=songdal-stack-test
export CONTAINERS_CONF=$ROOT/compose/podman/containers.conf
VENV=$ROOT/.build-venv
COMPOSE="$VENV/bin/podman-compose -p $PROJECT -f compose/docker-compose.yml"

step() { printf '\n== %s\n' "$*"; }

step "podman-compose in $VENV"
if [ ! -x "$VENV/bin/podman-compose" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q podman-compose==1.6.0
fi

step "base image debian:bookworm-slim (debootstrap, made locally: no registry is reachable)"
# The label says which runtime libraries the base holds; a different list rebuilds it.
BASE_LIBS=libzmq5,libsqlite3-0,libssl3,libcurl4,ca-certificates
if [ "$(podman image inspect localhost/debian:bookworm-slim --format '{{index .Labels "songdal.base"}}' 2>/dev/null)" != "$BASE_LIBS" ]; then
  # The machine's own apt sources name the mirror (deb822 .sources files, then one-line
  # sources.list entries): no address is written here, so the test works wherever apt works.
  MIRROR=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null \
             | awk '/^URIs:/ {for (i = 2; i <= NF; i++) if ($i !~ /security/) {print $i; exit}}')
  if [ -z "$MIRROR" ]; then
    MIRROR=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
               | awk '$1 == "deb" && $0 !~ /security/ {for (i = 2; i <= NF; i++) if ($i ~ /^(https?|file):/) {print $i; exit}}')
  fi
  if [ -z "$MIRROR" ]; then
    echo "stack-test: no Debian mirror in the apt sources (/etc/apt/sources.list.d/*.sources URIs:, or a 'deb' line" >&2
    echo "stack-test: in /etc/apt/sources.list); the base image is made with debootstrap from that mirror." >&2
    exit 1
  fi
  ROOTFS=$(mktemp -d)
  debootstrap --variant=minbase --include="$BASE_LIBS" bookworm "$ROOTFS" "$MIRROR" >/dev/null
  tar -C "$ROOTFS" -c . | podman import --change "LABEL songdal.base=$BASE_LIBS" - localhost/debian:bookworm-slim >/dev/null
  podman tag localhost/debian:bookworm-slim docker.io/library/debian:bookworm-slim
  rm -rf "$ROOTFS"
fi

step "static release binaries into dist/"
swift build -c release --static-swift-stdlib
rm -rf dist && mkdir -p dist
for b in songdal songdal-bus songdal-identity songdal-vault songdal-notifier songdal-billing songdal-reminder songdal-gateway; do
  cp ".build/release/$b" dist/
done

step "CURVE keys (compose/.keys, given to the containers as secrets)"
rm -rf compose/.keys
dist/songdal keys generate --keys-dir compose/.keys >/dev/null
chmod 644 compose/.keys/*

cleanup() {
  step "tear down"
  $COMPOSE down -v >/dev/null 2>&1 || true
  podman volume prune -f >/dev/null 2>&1 || true
}
trap cleanup EXIT

export SONGDAL_GATEWAY_PORT=${SONGDAL_GATEWAY_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
GATEWAY=http://127.0.0.1:$SONGDAL_GATEWAY_PORT
export SONGDAL_PUBLIC_URL=$GATEWAY
export SONGDAL_BOOTSTRAP_OPERATOR_KEY=${SONGDAL_BOOTSTRAP_OPERATOR_KEY:-sdk_$(python3 -c 'import secrets; print(secrets.token_hex(8))')_$(python3 -c 'import secrets; print(secrets.token_hex(24))')}
# 11:00 KST on the next business day (from the shipped calendar), so the walk is inside the
# sending window whenever the test runs; computed from today, never a fixed date.
export SONGDAL_CLOCK_OFFSET=$(python3 - "$PWD/data/holidays-kr.json" <<'PY'
import datetime as d, json, sys
holidays = {e["date"] for year in json.load(open(sys.argv[1]))["years"].values() for e in year}
kst = d.timezone(d.timedelta(hours=9))
day = d.datetime.now(kst).date() + d.timedelta(days=1)
while day.weekday() >= 5 or day.isoformat() in holidays:
    day += d.timedelta(days=1)
target = d.datetime(day.year, day.month, day.day, 11, tzinfo=kst)
print(int((target - d.datetime.now(d.timezone.utc)).total_seconds()))
PY
)

step "compose up (gateway on $GATEWAY)"
$COMPOSE up --build -d
for i in $(seq 1 60); do
  dist/songdal probe --http "$GATEWAY/healthz" && break
  sleep 2
  if [ "$i" = 60 ]; then $COMPOSE logs | tail -100; echo "gateway never became healthy"; exit 1; fi
done

step "health checks (podman runs them on demand here: no systemd timers on this machine)"
for service in bus identity vault notifier billing reminder gateway; do
  for i in $(seq 1 30); do
    podman healthcheck run "${PROJECT}_${service}_1" >/dev/null 2>&1 && break
    sleep 1
    if [ "$i" = 30 ]; then $COMPOSE logs "$service" | tail -30; echo "$service is not healthy"; exit 1; fi
  done
  echo "$service healthy"
done

step "demo walk against the gateway container"
DEMO_HOME=$(mktemp -d)
dist/songdal demo --home "$DEMO_HOME" --gateway "$GATEWAY" --operator-key "$SONGDAL_BOOTSTRAP_OPERATOR_KEY"

step "campaign with the notifier container restarted mid-way; nothing lost"
dist/songdal demo --home "$DEMO_HOME" --gateway "$GATEWAY" --operator-key "$SONGDAL_BOOTSTRAP_OPERATOR_KEY" \
  --campaign 2000 --during-campaign "podman restart ${PROJECT}_notifier_1"
rm -rf "$DEMO_HOME"

step "a frozen vault: unhealthy, then killed by its health check and restarted by compose"
VAULT=${PROJECT}_vault_1
podman exec "$VAULT" /bin/sh -c 'kill -STOP $(cut -d" " -f1 /tmp/vault.heartbeat)'
FROZEN_AT=$(date +%s)
reported=""; restarted=""
for i in $(seq 1 60); do
  sleep 1
  if podman healthcheck run "$VAULT" >/dev/null 2>&1; then
    [ -n "$reported" ] && { restarted=yes; break; }
  else
    [ -z "$reported" ] && { reported=yes; echo "vault reported unhealthy after $(( $(date +%s) - FROZEN_AT )) s"; }
  fi
done
if [ -z "$reported" ] || [ -z "$restarted" ]; then
  podman ps -a --filter name="$VAULT"; $COMPOSE logs vault | tail -30
  echo "the frozen vault was not detected and restarted (reported=${reported:-no} restarted=${restarted:-no})"; exit 1
fi
echo "vault healthy again after $(( $(date +%s) - FROZEN_AT )) s"
# The restarted vault reconnects to the bus; the platform answers again once the gateway sees it.
for i in $(seq 1 30); do
  dist/songdal probe --http "$GATEWAY/healthz" && break
  sleep 1
  if [ "$i" = 30 ]; then $COMPOSE logs vault | tail -30; echo "the platform did not recover after the vault restart"; exit 1; fi
done
echo "platform healthy again after $(( $(date +%s) - FROZEN_AT )) s"

step "stack test passed"
