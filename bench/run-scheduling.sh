#!/usr/bin/env bash
# Scheduling benchmark: booking throughput through the HTTP API next to pgbench (one-row inserts, and
# the booking's own SQL transaction), slot search latency with 1,000 doctors and 1,000,000 appointments,
# on a throwaway PostgreSQL 15 cluster with durable commits (fsync=on, synchronous_commit=on); then
# booking throughput of a second host on SQLite (the embedded default) with the same HTTP clients.
#
#   bash bench/run-scheduling.sh                      # full run, updates docs/benchmarks.md
#   CLIENTS=16 DURATION=10 bash bench/run-scheduling.sh --no-docs   # quicker look, docs untouched
#
# Environment: CLIENTS (comma list, default 4,16,32), DURATION seconds per measurement (default 25), WARMUP seconds of
# booking before the first measurement on each host (default 30), then in 10 s steps until the host's JIT compiled for under
# 1 % of a step, at most MAX_WARMUP seconds in all (default 180: under this load the JIT promotes methods for about 100 s),
# HOST_DLL (the host to run, default this checkout's Release build: another build's, e.g. a ReadyToRun publish, to compare),
# CHANNELS (sinks, the default: the hosts send notices by SMTP and Twilio's API to local sinks, bench/channel-sinks.py, as a
# production host does; outbox: the development outbox, one database write per message),
# APPOINTMENTS (default 1000000), DOCTORS (default 1000), SEARCHES (default 1500), KEEP=1 keeps the
# temp folder (cluster data, host log), SKIP_BUILD=1 uses the existing Release builds, SQLITE=0 skips the SQLite host, PG=0 skips PostgreSQL (SQLite bookings only,
# nothing written), SQLITE_HOST_ARGS (extra settings for the SQLite host, e.g. --Database:Sqlite:Synchronous=Normal, to compare),
# PERF=1 (needs perf, Debian's linux-perf): `perf record` on the PostgreSQL host for 15 s of the first measured booking run (after
# the warm-up and its drain; the booking counter starting again marks the run), summarised by bench/perf-summary.py and kept in
# bench/results/scheduling-perf.txt; perf's own sampling costs the host a little throughput in that run.
# Extra arguments go to the bench program.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PGBIN=/usr/lib/postgresql/15/bin

if [[ ${PG:-1} != 0 && ! -x $PGBIN/pgbench ]]; then
  echo "== installing postgresql (needs root)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-contrib >/dev/null
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# Notices go out as in production (SMTP and Twilio's API, to local sinks) unless CHANNELS=outbox: the development outbox
# keeps every e-mail and SMS as a database write of its own, which production does not have (docs/benchmarks.md).
CHANNELS=${CHANNELS:-sinks}
CHANNEL_ARGS=()
if [[ $CHANNELS == sinks ]] && ! /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then
  echo "== installing python3-aiosmtpd (needs root)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiosmtpd >/dev/null
fi

if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  echo "== building the host and the bench (Release)"
  dotnet build src/Telemed.Host -c Release -p:SkipWebBuild=true -v q -nologo | tail -n 2
  dotnet build bench/Telemed.SchedulingBench -c Release -v q -nologo | tail -n 2
fi

WORK=$(mktemp -d /tmp/telemed-schedbench.XXXXXX)
if [[ ${PG:-1} != 0 ]]; then chown postgres:postgres "$WORK"; fi
PGPORT=$(free_port)
HOSTPORT=$(free_port)
HOST_PID=""
SQLITE_PID=""
SINKS_PID=""
if [[ $CHANNELS == sinks ]]; then
  source bench/channel-sinks.sh
  start_channel_sinks "$WORK"
fi

cleanup() {
  set +e
  if [[ -n $HOST_PID ]] && kill -0 "$HOST_PID" 2>/dev/null; then kill "$HOST_PID"; wait "$HOST_PID" 2>/dev/null; fi
  if [[ -n $SQLITE_PID ]] && kill -0 "$SQLITE_PID" 2>/dev/null; then kill "$SQLITE_PID"; wait "$SQLITE_PID" 2>/dev/null; fi
  if [[ -n $SINKS_PID ]] && kill -0 "$SINKS_PID" 2>/dev/null; then kill "$SINKS_PID"; wait "$SINKS_PID" 2>/dev/null; fi
  if [[ -f $WORK/data/postmaster.pid ]]; then runuser -u postgres -- $PGBIN/pg_ctl -D "$WORK/data" -m fast -w stop >/dev/null; fi
  if [[ ${KEEP:-0} != 1 ]]; then rm -rf "$WORK"; else echo "kept $WORK"; fi
}
trap cleanup EXIT

if [[ ${PG:-1} != 0 ]]; then
echo "== PostgreSQL 15 on 127.0.0.1:$PGPORT (fsync=on, synchronous_commit=on, full_page_writes=on)"
runuser -u postgres -- $PGBIN/initdb -D "$WORK/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 -N >/dev/null
# Durable commits: every COMMIT waits for its WAL flush. Only memory and checkpoint spacing are tuned.
runuser -u postgres -- $PGBIN/pg_ctl -D "$WORK/data" -l "$WORK/server.log" -w -t 30 -o "\
 -c listen_addresses=127.0.0.1 -p $PGPORT -k $WORK \
 -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c wal_sync_method=fdatasync \
 -c shared_buffers=2GB -c effective_cache_size=8GB -c work_mem=16MB -c maintenance_work_mem=512MB \
 -c max_wal_size=8GB -c checkpoint_timeout=30min -c max_connections=300 \
 -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all" start >/dev/null
CONN="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=telemed"
$PGBIN/psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE DATABASE telemed" postgres

echo "== host on http://127.0.0.1:$HOSTPORT (Postgres, demo clinic seeded, logging at Warning)"
mkdir -p "$WORK/storage"
PERF_ENV=()
if [[ ${PERF:-0} == 1 ]]; then
  command -v perf >/dev/null || { echo "PERF=1 needs perf (apt-get install linux-perf)" >&2; exit 1; }
  # Managed frames get names through the JIT's perf map; with W^X on, perf cannot match the JIT's code to it.
  PERF_ENV=(DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0)
fi
env "${PERF_ENV[@]}" dotnet "${HOST_DLL:-src/Telemed.Host/bin/Release/net10.0/Telemed.Host.dll}" --urls "http://127.0.0.1:$HOSTPORT" --environment Development \
  --Storage:DataDirectory="$WORK/storage" --Database:Provider=Postgres "--Database:ConnectionString=$CONN" \
  --Encryption:AllowDevelopmentKeys=true --DemoClinic:Seed=true --Demo:InMotion=false --Logging:LogLevel:Default=Warning \
  --Observability:Prometheus:Enabled=true --Observability:GaugeRefreshInterval=00:00:01 "${CHANNEL_ARGS[@]}" \
  >"$WORK/host.log" 2>&1 &
HOST_PID=$!
for _ in $(seq 1 120); do
  if curl -fs "http://127.0.0.1:$HOSTPORT/health/ready" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$HOST_PID" 2>/dev/null; then echo "host exited:"; tail -n 40 "$WORK/host.log"; exit 1; fi
  sleep 1
done
curl -fs "http://127.0.0.1:$HOSTPORT/health/ready" >/dev/null || { echo "host not ready"; tail -n 40 "$WORK/host.log"; exit 1; }
fi

SQLITE_ARGS=()
if [[ ${SQLITE:-1} != 0 ]]; then
  SQLITEPORT=$(free_port)
  echo "== second host on http://127.0.0.1:$SQLITEPORT (SQLite, its defaults, demo clinic seeded)"
  mkdir -p "$WORK/sqlite"
  dotnet "${HOST_DLL:-src/Telemed.Host/bin/Release/net10.0/Telemed.Host.dll}" --urls "http://127.0.0.1:$SQLITEPORT" --environment Development \
    --Storage:DataDirectory="$WORK/sqlite" --Database:Provider=Sqlite ${SQLITE_HOST_ARGS:-} \
    --Encryption:AllowDevelopmentKeys=true --DemoClinic:Seed=true --Demo:InMotion=false --Logging:LogLevel:Default=Warning \
  --Observability:Prometheus:Enabled=true --Observability:GaugeRefreshInterval=00:00:01 "${CHANNEL_ARGS[@]}" \
    >"$WORK/sqlite-host.log" 2>&1 &
  SQLITE_PID=$!
  for _ in $(seq 1 120); do
    if curl -fs "http://127.0.0.1:$SQLITEPORT/health/ready" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$SQLITE_PID" 2>/dev/null; then echo "SQLite host exited:"; tail -n 40 "$WORK/sqlite-host.log"; exit 1; fi
    sleep 1
  done
  curl -fs "http://127.0.0.1:$SQLITEPORT/health/ready" >/dev/null || { echo "SQLite host not ready"; tail -n 40 "$WORK/sqlite-host.log"; exit 1; }
  SQLITE_ARGS=(--sqlite-base-url "http://127.0.0.1:$SQLITEPORT" --sqlite-host-pid "$SQLITE_PID")
fi

echo "== bench"
if [[ ${PG:-1} == 0 ]]; then
  dotnet bench/Telemed.SchedulingBench/bin/Release/net10.0/Telemed.SchedulingBench.dll --sqlite-only \
    --clients "${CLIENTS:-16}" --duration "${DURATION:-25}" --warmup "${WARMUP:-30}" --max-warmup "${MAX_WARMUP:-180}" "${SQLITE_ARGS[@]}" "$@"
  exit 0
fi
# PERF=1: bookings come in bursts with pauses between them: a 5 s burst that settles the pool, pgbench (no booking), the warm-up,
# the wait until the warm-up's consequences are delivered (no booking), then the measured run. Sampling starts 3 s after the
# bookings start again after their second pause.
bookings() { curl -fs "http://127.0.0.1:$HOSTPORT/metrics" | awk '/^telemed_bookings_total/ {s += $NF} END {printf "%d", s}'; }
profile_measured_run() {
  local last now quiet pauses=0
  last=$(bookings)
  while (( pauses < 2 )); do
    quiet=0
    while (( quiet < 6 )); do sleep 0.5; now=$(bookings); if [[ $now == "$last" && $now -gt 0 ]]; then quiet=$((quiet + 1)); else quiet=0; fi; last=$now; done
    pauses=$((pauses + 1))
    while [[ $(bookings) == "$last" ]]; do sleep 0.2; done
    last=$(bookings)
  done
  sleep 3
  perf record -e cpu-clock -F 499 -g -p "$HOST_PID" -o "$WORK/perf.data" -- sleep 15 >"$WORK/perf.log" 2>&1
  perf script -i "$WORK/perf.data" -F comm,tid,ip,sym,dso 2>/dev/null >"$WORK/perf.txt"
  python3 "$ROOT/bench/perf-summary.py" "$WORK/perf.txt" 30 >"$ROOT/bench/results/scheduling-perf.txt"
}
PROFILER_PID=""
if [[ ${PERF:-0} == 1 ]]; then profile_measured_run & PROFILER_PID=$!; fi
dotnet bench/Telemed.SchedulingBench/bin/Release/net10.0/Telemed.SchedulingBench.dll \
  --base-url "http://127.0.0.1:$HOSTPORT" --connection "$CONN" --pgbench "$PGBIN/pgbench" --pg-port "$PGPORT" \
  --clients "${CLIENTS:-4,16,32}" --duration "${DURATION:-25}" --warmup "${WARMUP:-30}" --max-warmup "${MAX_WARMUP:-180}" --doctors "${DOCTORS:-1000}" \
  --appointments "${APPOINTMENTS:-1000000}" --searches "${SEARCHES:-1500}" \
  --host-pid "$HOST_PID" "${SQLITE_ARGS[@]}" --results "$ROOT/bench/results/scheduling-latest.md" --docs "$ROOT/docs/benchmarks.md" "$@"
if [[ -n $PROFILER_PID ]]; then
  for _ in $(seq 1 60); do kill -0 "$PROFILER_PID" 2>/dev/null || break; sleep 1; done
  if kill -0 "$PROFILER_PID" 2>/dev/null; then kill "$PROFILER_PID"; echo "PERF=1: the measured run was not found, no profile"; else
    echo "== where the host's CPU went in the measured run (bench/results/scheduling-perf.txt)"; cat "$ROOT/bench/results/scheduling-perf.txt"; fi
fi
