#!/usr/bin/env bash
# Runs every test: .NET unit and integration tests (SQLite and a real PostgreSQL server),
# the web app's component tests, and the browser journeys in Debian's Chromium.
# Installs what it needs on a fresh Debian 12 machine (run as root, or with passwordless sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null || missing+=(postgresql)
/usr/bin/python3 -c "import aiosmtpd" > /dev/null 2>&1 || missing+=(python3-aiosmtpd)
[ -x /usr/bin/turnserver ] || missing+=(coturn)
[ -x /usr/sbin/clamd ] || missing+=(clamav-daemon)
# The deployment artefact tests run `nginx -t` on deploy/compose/nginx.conf and `systemd-analyze verify` on the unit.
[ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -x /usr/bin/systemd-analyze ] || missing+=(systemd)
[ -x /usr/bin/prometheus ] || missing+=(prometheus)
# The multi-host scenarios run three hosts on one PostgreSQL with Redis (SignalR backplane, cluster signals) and RabbitMQ (integration events).
[ -x /usr/bin/redis-server ] || missing+=(redis-server)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
# Group calls (issue 16) go through a real Janus SFU, run in a network namespace of each test's own (ip, tc for netem);
# where the kernel has no sch_netem the weak-network shaping falls back to tbf (rate) and an nftables rule (loss).
[ -x /usr/bin/janus ] || missing+=(janus)
{ [ -x /usr/sbin/ip ] || [ -x /usr/bin/ip ]; } && { [ -x /usr/sbin/tc ] || [ -x /usr/bin/tc ]; } || missing+=(iproute2)
[ -x /usr/sbin/nft ] || missing+=(nftables)
# Recorded calls: janus-pp-rec (janus-tools) turns Janus's .mjr into WebM and Opus, ffmpeg muxes them, ffprobe reads the duration.
[ -x /usr/bin/janus-pp-rec ] || missing+=(janus-tools)
{ [ -x /usr/bin/ffmpeg ] && [ -x /usr/bin/ffprobe ]; } || missing+=(ffmpeg)
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> Installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# Debian starts a system cluster on install; the tests start their own throwaway one instead.
as_root service postgresql stop > /dev/null 2>&1 || true
# Likewise coturn: the TURN journey starts its own server on a free port.
as_root service coturn stop > /dev/null 2>&1 || true
# Likewise clamd (and freshclam, which cannot update here): the records tests start their own clamd with a signature file they make.
as_root service clamav-daemon stop > /dev/null 2>&1 || true
as_root service clamav-freshclam stop > /dev/null 2>&1 || true
# nginx is only checked (`nginx -t`), never served from: stop the site Debian starts on port 80.
as_root service nginx stop > /dev/null 2>&1 || true
# Likewise Prometheus: the observability scenarios start their own, scraping a test host.
as_root service prometheus stop > /dev/null 2>&1 || true
# Likewise Redis and RabbitMQ (and the epmd RabbitMQ's service starts): the cluster scenarios start throwaway ones on free ports.
as_root service redis-server stop > /dev/null 2>&1 || true
as_root service rabbitmq-server stop > /dev/null 2>&1 || true
as_root pkill -x epmd > /dev/null 2>&1 || true
# Likewise Janus: the group call tests start their own, each in its own network namespace.
as_root service janus stop > /dev/null 2>&1 || true

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Chromium writes to HOME; keep it out of the user's.
export CHROMIUM_HOME="$(mktemp -d)"

echo "==> Web app: install and component tests"
(cd web && npm ci --no-audit --no-fund && npm test)

echo "==> Standard JavaScript clients the .NET tests drive (SignalR, ical.js)"
(cd tests/js && npm ci --no-audit --no-fund)

echo "==> Build (includes the web app build)"
dotnet build Telemed.slnx -c Release

echo "==> .NET tests (unit, integration on SQLite and PostgreSQL, browser)"
status=0
log="$(mktemp)"
for project in tests/Telemed.UnitTests tests/Telemed.IntegrationTests tests/Telemed.BrowserTests; do
  HOME="$CHROMIUM_HOME" dotnet test "$project" -c Release --no-build --logger "console;verbosity=normal" 2>&1 | tee -a "$log" || status=1
done
# The tail of a long log is what a CI page shows: name the failures there.
if [ $status -ne 0 ]; then
  echo "==> FAILED tests:"
  grep -a -E "^\s+Failed [A-Za-z]" "$log" | sort -u || echo "(no test failed: a test host crashed or did not start; search the log for 'error')"
  grep -a -E "^\s+Error Message:" -A8 "$log" | head -120 || true
fi
rm -f "$log"
exit $status
