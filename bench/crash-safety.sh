#!/usr/bin/env bash
# Crash safety: CYCLES times, the host is killed with SIGKILL (kill -9) while patients book slots and post chat messages
# through the HTTP API; after each restart every acknowledged booking and message must be in the database, no doctor may be
# booked twice for the same time, and `Telemed.Host audit verify` must report the chain intact. On SQLite (the embedded
# default) and on a throwaway PostgreSQL 15 cluster with durable commits.
#
#   bash bench/crash-safety.sh                          # 20 cycles on each database (~10–15 min), updates docs/benchmarks.md
#   CYCLES=3 DATABASES=postgres bash bench/crash-safety.sh --no-docs      # quick look, docs untouched
#
# Environment: CYCLES (20), DATABASES (sqlite,postgres), LOAD_SECONDS (load before each kill, drawn from a range: 2-6, or one
# number), BOOKERS (8) and CHATTERS (8) concurrent clients, CONTENDED (0.1: share of booking attempts that race another client
# for the same slot), SEED (the random kill times; default: new each run), SKIP_BUILD=1 (use the existing Release builds),
# KEEP=1 (keep the temp folder: data, host logs). Exits non-zero if any cycle lost an acknowledged write, double-booked a slot
# or broke the audit chain (or a host did not come back). Needs root the first time (apt-get install postgresql).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PGBIN=/usr/lib/postgresql/15/bin
DATABASES=${DATABASES:-sqlite,postgres}
DOCS_ARGS=(--docs "$ROOT/docs/benchmarks.md")
for arg in "$@"; do [[ $arg == --no-docs ]] && DOCS_ARGS=(); done

if [[ $DATABASES == *postgres* && ! -x $PGBIN/pg_ctl ]]; then
  echo "== installing postgresql (needs root)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-contrib >/dev/null
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  echo "== building the host and the driver (Release)"
  dotnet build src/Telemed.Host -c Release -p:SkipWebBuild=true -v q -nologo | tail -n 2
  dotnet build bench/Telemed.CrashBench -c Release -v q -nologo | tail -n 2
fi
HOST_DLL=$ROOT/src/Telemed.Host/bin/Release/net10.0/Telemed.Host.dll
BENCH=(dotnet "$ROOT/bench/Telemed.CrashBench/bin/Release/net10.0/Telemed.CrashBench.dll")

WORK=$(mktemp -d /tmp/telemed-crash.XXXXXX)
chmod 755 "$WORK"
PG_DATA=""
REVISION="$(git rev-parse --short HEAD)"
DIRTY=$(git status --porcelain -- src | wc -l)
(( DIRTY > 0 )) && REVISION+=" + $DIRTY uncommitted file(s) in src/"

cleanup() {
  set +e
  # The driver stops its own host; should the driver be interrupted, its last host PID is in host-*.pid.
  for f in "$WORK"/host-*.pid; do [[ -f $f ]] && kill -9 "$(cat "$f")" 2>/dev/null; done
  if [[ -n $PG_DATA && -f $PG_DATA/postmaster.pid ]]; then runuser -u postgres -- $PGBIN/pg_ctl -D "$PG_DATA" -m fast -w stop >/dev/null; fi
  if [[ ${KEEP:-0} != 1 ]]; then rm -rf "$WORK"; else echo "kept $WORK"; fi
}
trap cleanup EXIT

RUN_ARGS=(--cycles "${CYCLES:-20}" --load-seconds "${LOAD_SECONDS:-2-6}" --bookers "${BOOKERS:-8}" --chatters "${CHATTERS:-8}"
  --contended "${CONTENDED:-0.1}" --host-dll "$HOST_DLL")
[[ -n ${SEED:-} ]] && RUN_ARGS+=(--seed "$SEED")
RESULTS=()
STATUS=0

if [[ $DATABASES == *sqlite* ]]; then
  echo "== SQLite (the host's default file in its data folder)"
  mkdir -p "$WORK/sqlite"
  "${BENCH[@]}" run --provider sqlite --data-dir "$WORK/sqlite" --port "$(free_port)" --host-log "$WORK/host-sqlite.log" --pid-file "$WORK/host-sqlite.pid" \
    --settings "the host's own settings, file telemed.db in the data folder" --out "$WORK/crash-sqlite.json" "${RUN_ARGS[@]}" || STATUS=1
  [[ -f $WORK/crash-sqlite.json ]] && RESULTS+=("$WORK/crash-sqlite.json")
fi

if [[ $DATABASES == *postgres* ]]; then
  PGPORT=$(free_port)
  PG_DATA="$WORK/pg/data"
  mkdir -p "$WORK/pg" "$WORK/postgres"; chown postgres:postgres "$WORK/pg"
  echo "== PostgreSQL 15 on 127.0.0.1:$PGPORT (fsync=on, synchronous_commit=on, full_page_writes=on)"
  runuser -u postgres -- $PGBIN/initdb -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 -N >/dev/null
  # Durable commits: every COMMIT waits for its WAL flush. Only the host is killed; the cluster keeps running.
  runuser -u postgres -- $PGBIN/pg_ctl -D "$PG_DATA" -l "$WORK/pg/server.log" -w -t 30 -o "\
   -c listen_addresses=127.0.0.1 -p $PGPORT -k $WORK/pg \
   -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c wal_sync_method=fdatasync \
   -c shared_buffers=512MB -c max_wal_size=4GB -c checkpoint_timeout=30min -c max_connections=300" start >/dev/null
  CONN="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=telemed"
  $PGBIN/psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE DATABASE telemed" postgres
  "${BENCH[@]}" run --provider postgres --data-dir "$WORK/postgres" --connection "$CONN" --port "$(free_port)" \
    --host-log "$WORK/host-postgres.log" --pid-file "$WORK/host-postgres.pid" --settings "PostgreSQL 15, fsync=on, synchronous_commit=on, full_page_writes=on" \
    --out "$WORK/crash-postgres.json" "${RUN_ARGS[@]}" || STATUS=1
  [[ -f $WORK/crash-postgres.json ]] && RESULTS+=("$WORK/crash-postgres.json")
fi

if (( ${#RESULTS[@]} )); then
  echo "== report"
  "${BENCH[@]}" report --inputs "$(IFS=,; echo "${RESULTS[*]}")" --revision "$REVISION" \
    --command "CYCLES=${CYCLES:-20} DATABASES=$DATABASES LOAD_SECONDS=${LOAD_SECONDS:-2-6} bash bench/crash-safety.sh" \
    --results "$ROOT/bench/results/crash-safety-latest.md" "${DOCS_ARGS[@]}" || STATUS=1
fi
if (( STATUS != 0 )); then
  echo "== CRASH SAFETY FAILED (see above; KEEP=1 keeps the data and host logs)"; KEEP=1
else
  echo "== crash safety: every cycle passed"
fi
exit $STATUS
