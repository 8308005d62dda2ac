#!/usr/bin/env bash
# Consultations benchmark:
#   1. chat: messages per second end to end (SignalR /hubs/chat → persisted, AES-GCM encrypted, audited → broadcast) and
#      the send → receive latency at 1,000 connected clients, next to a bare WebSocket fan-out server (Kestrel, same
#      driver, same connections, groups and message size) in the same run; on SQLite and on PostgreSQL with durable commits;
#   2. calls: time from the doctor's accept to the first decoded video frame on both sides, in Chromium (fake camera).
#
#   bash bench/run-consultations.sh                 # full run (~10 min), updates docs/benchmarks.md
#   DBS=postgres CALLS=0 bash bench/run-consultations.sh --no-docs    # quicker look, docs untouched
#
# Environment: DBS (default sqlite,postgres), CONNECTIONS (1000), CONVERSATIONS (50), RATES (msg/s steps, default 25,50,100,200,400),
# WARMUP (seconds of closed loop before the first measured phase, 30: the host's JIT is still promoting methods to their
# optimised tier for about a minute under this load, ~19 % of its CPU at 35 s; docs/benchmarks.md, "Where a host's CPU goes"),
# STEP (seconds per rate, 10), CLOSED (seconds of closed loop, 15), BODY (message length, 120), CALLS (repetitions, 10;
# 0 skips the browser part), IDLE (idle connections for the memory per connection, 19000; 0 skips), ECHO=0 (skip the bare WebSocket server), SKIP_BUILD=1 (use the
# existing Release builds), KEEP=1 (keep the temp folder with the logs).
# Needs root the first time (apt-get install postgresql chromium).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PGBIN=/usr/lib/postgresql/15/bin
DBS=${DBS:-sqlite,postgres}
CALLS=${CALLS:-10}
# A process here may hold at most `ulimit -Hn` files (20,000 on the project's machines, not raisable without CAP_SYS_RESOURCE):
# the idle step stays under it with room for the host's own files.
IDLE=${IDLE:-19000}
ulimit -n "$(ulimit -Hn)"
DOCS_ARGS=(--docs "$ROOT/docs/benchmarks.md")
for arg in "$@"; do [[ $arg == --no-docs ]] && DOCS_ARGS=(); done
STARTED=$(date +%s)

need_apt=()
[[ $DBS == *postgres* && ! -x $PGBIN/pg_ctl ]] && need_apt+=(postgresql postgresql-contrib)
[[ $CALLS != 0 && ! -x /usr/bin/chromium ]] && need_apt+=(chromium)
if (( ${#need_apt[@]} )); then
  echo "== installing ${need_apt[*]} (needs root)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

WORK=$(mktemp -d /tmp/telemed-consultbench.XXXXXX)
chmod 755 "$WORK"
HOST_PID=""
ECHO_PID=""
PG_DATA=""

cleanup() {
  set +e
  for pid in $HOST_PID $ECHO_PID; do
    if kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null; fi
  done
  if [[ -n $PG_DATA && -f $PG_DATA/postmaster.pid ]]; then runuser -u postgres -- $PGBIN/pg_ctl -D "$PG_DATA" -m fast -w stop >/dev/null; fi
  if [[ ${KEEP:-0} != 1 ]]; then rm -rf "$WORK"; else echo "kept $WORK"; fi
}
trap cleanup EXIT

if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  echo "== building the host and the bench (Release), installing the load driver's npm packages"
  dotnet build src/Telemed.Host -c Release -p:SkipWebBuild=true -v q -nologo | tail -n 2
  dotnet build bench/Telemed.ConsultationsBench -c Release -v q -nologo | tail -n 2
  (cd bench/consultations && npm ci --no-audit --no-fund --loglevel=error)
fi
BENCH=(dotnet bench/Telemed.ConsultationsBench/bin/Release/net10.0/Telemed.ConsultationsBench.dll)
HOST_DLL=src/Telemed.Host/bin/Release/net10.0/Telemed.Host.dll
# The echo server runs with the host's garbage collector settings (ASP.NET Core apps use the server GC).
GC_SERVER=$(python3 -c 'import json,sys; print(1 if json.load(open(sys.argv[1]))["runtimeOptions"].get("configProperties",{}).get("System.GC.Server") else 0)' src/Telemed.Host/bin/Release/net10.0/Telemed.Host.runtimeconfig.json)

WEB_ARGS=()
REVISION="$(git rev-parse --short HEAD)"
DIRTY=$(git status --porcelain -- src | wc -l)
(( DIRTY > 0 )) && REVISION+=" + $DIRTY uncommitted file(s) in src/"
if [[ $CALLS != 0 ]]; then
  # The call page comes from the web app as committed (others may be mid-edit in web/): export HEAD's web/ and build it with
  # vite into the temp folder (the type check is the web tests' job); the shared web/dist is left alone.
  echo "== building the web app of $(git rev-parse --short HEAD) into $WORK/web"
  [[ -d web/node_modules ]] || (cd web && npm ci --no-audit --no-fund --loglevel=error)
  mkdir -p "$WORK/src"
  git archive HEAD web | tar -x -C "$WORK/src"
  ln -s "$ROOT/web/node_modules" "$WORK/src/web/node_modules"
  (cd "$WORK/src/web" && npx vite build --outDir "$WORK/web" --emptyOutDir --logLevel error)
  WEB_ARGS=(--WebApp:Path="$WORK/web")
fi

CHAT_ARGS=(--driver "$ROOT/bench/consultations/chat-load.mjs" --connections "${CONNECTIONS:-1000}" --groups "${CONVERSATIONS:-50}"
  --rates "${RATES:-25,50,100,200,400}" --step "${STEP:-10}" --warmup "${WARMUP:-30}" --closed "${CLOSED:-15}" --body-length "${BODY:-120}")

start_host() { # label, then extra host arguments
  local label=$1; shift
  HOSTPORT=$(free_port)
  mkdir -p "$WORK/$label"
  dotnet "$HOST_DLL" --urls "http://127.0.0.1:$HOSTPORT" --environment Development --Storage:DataDirectory="$WORK/$label" \
    --Encryption:AllowDevelopmentKeys=true --DemoClinic:Seed=true --Demo:InMotion=false --Logging:LogLevel:Default=Warning \
    --RateLimiting:AuthPermitsPerMinute=100000 "${WEB_ARGS[@]}" "$@" >"$WORK/host-$label.log" 2>&1 &
  HOST_PID=$!
  for _ in $(seq 1 120); do
    if curl -fs "http://127.0.0.1:$HOSTPORT/health/ready" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$HOST_PID" 2>/dev/null; then echo "host exited:"; tail -n 40 "$WORK/host-$label.log"; exit 1; fi
    sleep 1
  done
  echo "host not ready"; tail -n 40 "$WORK/host-$label.log"; exit 1
}

stop_host() {
  kill "$HOST_PID"; wait "$HOST_PID" 2>/dev/null || true; HOST_PID=""
  if grep -qE '^(fail|crit)|Exception' "$WORK/host-$1.log"; then
    echo "   host log ($1) has errors:"; grep -E '^(fail|crit)|Exception' "$WORK/host-$1.log" | sort | uniq -c | sort -rn | head -n 8
    cp "$WORK/host-$1.log" "$ROOT/bench/results/consultations-host-$1.log"
  fi
}

RESULTS=()

if [[ $DBS == *sqlite* ]]; then
  echo "== host on SQLite (the embedded default)"
  start_host sqlite
  "${BENCH[@]}" chat --target signalr --label "SignalR + SQLite" --provider sqlite --base-url "http://127.0.0.1:$HOSTPORT" \
    --connection "Data Source=$WORK/sqlite/telemed.db" --server-pid "$HOST_PID" --out "$WORK/chat-sqlite.json" "${CHAT_ARGS[@]}"
  RESULTS+=("$WORK/chat-sqlite.json")
  stop_host sqlite
fi

if [[ $IDLE != 0 ]]; then
  echo "== idle connections: host memory per connection (fresh host on SQLite)"
  start_host idle
  "${BENCH[@]}" idle-connections --label "SignalR + SQLite, fresh host" --base-url "http://127.0.0.1:$HOSTPORT" --server-pid "$HOST_PID" \
    --connections "$IDLE" --groups "${CONVERSATIONS:-50}" --driver "$ROOT/bench/consultations/chat-load.mjs" --out "$WORK/idle.json"
  RESULTS+=("$WORK/idle.json")
  stop_host idle
fi

if [[ ${ECHO:-1} != 0 ]]; then
  echo "== bare WebSocket fan-out server (Kestrel, bench/Telemed.ConsultationsBench echo)"
  ECHOPORT=$(free_port)
  DOTNET_gcServer=$GC_SERVER "${BENCH[@]}" echo --urls "http://127.0.0.1:$ECHOPORT" >"$WORK/echo.log" 2>&1 &
  ECHO_PID=$!
  for _ in $(seq 1 30); do curl -fs "http://127.0.0.1:$ECHOPORT/health" >/dev/null 2>&1 && break; sleep 0.5; done
  "${BENCH[@]}" chat --target ws --label "bare WebSocket" --echo-url "http://127.0.0.1:$ECHOPORT" --server-pid "$ECHO_PID" \
    --out "$WORK/chat-echo.json" "${CHAT_ARGS[@]}"
  RESULTS+=("$WORK/chat-echo.json")
  kill "$ECHO_PID"; wait "$ECHO_PID" 2>/dev/null || true; ECHO_PID=""
fi

if [[ $DBS == *postgres* ]]; then
  PGPORT=$(free_port)
  PG_DATA="$WORK/pg/data"
  mkdir -p "$WORK/pg"; chown postgres:postgres "$WORK/pg"
  echo "== PostgreSQL 15 on 127.0.0.1:$PGPORT (fsync=on, synchronous_commit=on, full_page_writes=on)"
  runuser -u postgres -- $PGBIN/initdb -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 -N >/dev/null
  # Durable commits: every COMMIT waits for its WAL flush. Only memory and checkpoint spacing are tuned.
  runuser -u postgres -- $PGBIN/pg_ctl -D "$PG_DATA" -l "$WORK/pg/server.log" -w -t 30 -o "\
   -c listen_addresses=127.0.0.1 -p $PGPORT -k $WORK/pg \
   -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c wal_sync_method=fdatasync \
   -c shared_buffers=1GB -c work_mem=16MB -c max_wal_size=4GB -c checkpoint_timeout=30min -c max_connections=300 \
   -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all" start >/dev/null
  CONN="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=telemed"
  $PGBIN/psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE DATABASE telemed" postgres
  $PGBIN/psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE EXTENSION pg_stat_statements" telemed

  echo "== host on PostgreSQL"
  start_host postgres --Database:Provider=Postgres "--Database:ConnectionString=$CONN"
  "${BENCH[@]}" chat --target signalr --label "SignalR + PostgreSQL" --provider postgres --base-url "http://127.0.0.1:$HOSTPORT" \
    --connection "$CONN" --server-pid "$HOST_PID" --pg-data "$PG_DATA" --out "$WORK/chat-postgres.json" "${CHAT_ARGS[@]}"
  RESULTS+=("$WORK/chat-postgres.json")
  if [[ $CALLS != 0 ]]; then
    echo "== calls: accept → first decoded frame in Chromium ($CALLS repetitions)"
    "${BENCH[@]}" calls --base-url "http://127.0.0.1:$HOSTPORT" --repetitions "$CALLS" --out "$WORK/calls.json" --work "$WORK" \
      || echo "   the call measurement failed (see above); the report says so"
    [[ -f $WORK/calls.json ]] && RESULTS+=("$WORK/calls.json")
  fi
  stop_host postgres
fi

echo "== report"
"${BENCH[@]}" report --inputs "$(IFS=,; echo "${RESULTS[*]}")" --minutes $(( ($(date +%s) - STARTED + 59) / 60 )) --revision "$REVISION" \
  --results "$ROOT/bench/results/consultations-latest.md" "${DOCS_ARGS[@]}"
