#!/usr/bin/env bash
# Where the host's CPU goes under a load, from the kernel's own samples: `perf record` on the host process (cpu-clock,
# 499 Hz, call graphs), with the .NET JIT writing a perf map so managed frames have names. Unlike dotnet-trace's thread-time
# profile, a sample is taken only while a thread runs, so waits (the finalizer thread waiting for work, idle workers,
# blocking I/O) never count as CPU. Prints the share of the host's samples per thread kind and per library, and the
# inclusive share of each frame pattern in PATTERNS (a sample counts for a pattern when any frame of its stack matches).
#
#   bash bench/cpu-profile.sh                      # chat closed loop, SQLite host, 1,000 connections
#   LOAD=booking bash bench/cpu-profile.sh         # 16 clients booking through the API, SQLite host
#   LOAD=booking PROVIDER=postgres bash bench/cpu-profile.sh   # the same bookings (demo clinic, a year opened) on PostgreSQL
#   HOST_DIR=/path/to/checkout bash bench/cpu-profile.sh   # another checkout's Release host (to compare two builds)
#   PROVIDER=postgres bash bench/cpu-profile.sh    # the host on a throw-away PostgreSQL 15 cluster (durable commits, as the benches)
#
# Environment: LOAD (chat | booking), CHANNELS (outbox, the development outbox | sinks: SMTP and Twilio's API to local sinks), PROVIDER (sqlite | postgres; postgres needs root, as bench/run-consultations.sh), WARMUP (seconds of load before sampling, 30: the JIT is still promoting methods for
# about a minute; docs/benchmarks.md, "Where a host's CPU goes"), SECONDS_SAMPLED (20), PHASE (booking only: load, sampled while booking | drain, sampled after WARMUP seconds of booking while the outbox delivers the backlog), PATTERNS (comma list of frame
# substrings; a default list for each load), HOST_DIR (this checkout), KEEP=1 (keep perf.data and the script output).
# Needs perf (Debian: linux-perf) and the Release builds of the host and the benches (bash bench/run-consultations.sh and
# bash bench/run-scheduling.sh build them).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
LOAD=${LOAD:-chat}
WARMUP=${WARMUP:-30}
SAMPLED=${SECONDS_SAMPLED:-20}
HOST_DIR=${HOST_DIR:-$ROOT}
command -v perf >/dev/null || { echo "perf is not installed (apt-get install linux-perf)" >&2; exit 1; }
ulimit -n "$(ulimit -Hn)"
work=$(mktemp -d /tmp/telemed-cpuprofile.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')

PROVIDER=${PROVIDER:-sqlite}
PGBIN=/usr/lib/postgresql/15/bin
host=""
sinks=""
cleanup() {
  [[ -n $host ]] && kill "$host" 2>/dev/null || true
  [[ -n $sinks ]] && kill "$sinks" 2>/dev/null || true
  if [[ -f $work/pg/data/postmaster.pid ]]; then runuser -u postgres -- $PGBIN/pg_ctl -D "$work/pg/data" -m fast -w stop >/dev/null || true; fi
  [[ ${KEEP:-0} == 1 ]] || rm -rf "$work"
}
trap cleanup EXIT
if [[ $PROVIDER == postgres ]]; then
  pgport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  chmod 755 "$work"; mkdir -p "$work/pg"; chown postgres:postgres "$work/pg"
  runuser -u postgres -- $PGBIN/initdb -D "$work/pg/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 -N >/dev/null
  # The settings of bench/run-consultations.sh: durable commits, only memory and checkpoint spacing tuned.
  runuser -u postgres -- $PGBIN/pg_ctl -D "$work/pg/data" -l "$work/pg/server.log" -w -t 30 -o "\
   -c listen_addresses=127.0.0.1 -p $pgport -k $work/pg -c fsync=on -c synchronous_commit=on -c full_page_writes=on \
   -c wal_sync_method=fdatasync -c shared_buffers=1GB -c work_mem=16MB -c max_wal_size=4GB -c checkpoint_timeout=30min \
   -c max_connections=300 -c shared_preload_libraries=pg_stat_statements" start >/dev/null
  conn="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=telemed"
  $PGBIN/psql -h 127.0.0.1 -p "$pgport" -U postgres -qc "CREATE DATABASE telemed" postgres
  # The chat bench reads pg_stat_statements for its per-message counts.
  $PGBIN/psql -h 127.0.0.1 -p "$pgport" -U postgres -qc "CREATE EXTENSION pg_stat_statements" telemed
  db_args=(--Database:Provider=Postgres "--Database:ConnectionString=$conn")
  bench_db=(--provider postgres --connection "$conn" --pg-data "$work/pg/data")
elif [[ $PROVIDER == sqlite ]]; then
  db_args=(--Database:Provider=Sqlite)
  bench_db=(--provider sqlite --connection "Data Source=$work/data/telemed.db")
else
  echo "PROVIDER must be sqlite or postgres" >&2; exit 1
fi

# CHANNELS=sinks: notices go out by SMTP and Twilio's API to local sinks, as bench/run-scheduling.sh does by default.
CHANNEL_ARGS=()
if [[ ${CHANNELS:-outbox} == sinks ]]; then
  source bench/channel-sinks.sh
  start_channel_sinks "$work"
  sinks=$SINKS_PID
fi

# W^X off: with it the JIT's code is mapped from a memfd that perf cannot match to the perf map.
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 dotnet "$HOST_DIR/src/Telemed.Host/bin/Release/net10.0/Telemed.Host.dll" \
  --urls "http://127.0.0.1:$port" --environment Development --Storage:DataDirectory="$work/data" "${db_args[@]}" \
  --Encryption:AllowDevelopmentKeys=true --DemoClinic:Seed=true --Demo:InMotion=false --Logging:LogLevel:Default=Warning \
  --RateLimiting:AuthPermitsPerMinute=100000 "${CHANNEL_ARGS[@]}" \
  --Observability:Prometheus:Enabled=true --Observability:GaugeRefreshInterval=00:00:01 > "$work/host.log" 2>&1 &
host=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 1; done

sample() { perf record -e cpu-clock -F 499 -g -p "$host" -o "$work/perf.data" -- sleep "$SAMPLED" > "$work/perf.log" 2>&1; }
if [[ $LOAD == chat ]]; then
  DEFAULT_PATTERNS="SendMessageHandler,SaveChanges,ResolveService,DbContext::.ctor,IDbContextDependencies,AuditJournal,WebSocketsServerTransport,SqliteWriteGate,FieldEncryption"
  # The sampling starts with the measured closed loop: the bench prints the rate step's line just before it.
  dotnet bench/Telemed.ConsultationsBench/bin/Release/net10.0/Telemed.ConsultationsBench.dll chat --target signalr --label profile \
    "${bench_db[@]}" --base-url "http://127.0.0.1:$port" --server-pid "$host" \
    --out "$work/chat.json" --driver "$ROOT/bench/consultations/chat-load.mjs" --connections 1000 --groups 50 --rates 25 --step 1 \
    --warmup "$WARMUP" --closed $((SAMPLED + 5)) 2>&1 | while IFS= read -r line; do
      echo "$line" | grep -E "connected|closed loop" || true
      # In the foreground: the bench keeps sending while this loop samples (its few lines wait in the pipe).
      if [[ $line == *" 25 msg/s:"* ]]; then sample; fi
    done
elif [[ $LOAD == booking ]]; then
  DEFAULT_PATTERNS="BookAppointment,AppointmentViews,ResolveService,DbContext::.ctor,IDbContextDependencies,SaveChanges,AuditJournal,AuditSealer,OutboxDispatcher,SqliteWriteGate"
  if [[ ${PHASE:-load} == drain ]]; then
    # The bookings' consequences alone: the bench books (warm-up, then WARMUP seconds measured) and waits after each for the
    # outbox's backlog; sampling starts once the backlog (the host's telemed_outbox_pending gauge) has fallen twice in a row
    # from above 3,000, i.e. while nothing books and the outbox works off what the bookings left.
    dotnet bench/Telemed.SchedulingBench/bin/Release/net10.0/Telemed.SchedulingBench.dll --sqlite-only --sqlite-base-url "http://127.0.0.1:$port" \
      --sqlite-host-pid "$host" --clients 16 --duration "$WARMUP" > "$work/bench.log" 2>&1 &
    bench=$!
    last=0; falls=0
    while kill -0 "$bench" 2>/dev/null; do
      now=$(curl -fs "http://127.0.0.1:$port/metrics" | awk '/^telemed_outbox_pending[ {]/ {print int($NF)}' | head -1 || true)
      now=${now:-0}
      if (( now > 3000 && now < last )); then falls=$((falls + 1)); else falls=0; fi
      last=$now
      if (( falls >= 2 )); then echo "sampling the drain from $now pending events"; sample; break; fi
      sleep 1
    done
    wait "$bench" || true
    # grep -m1, not `| head -1`: under pipefail a grep that finds nothing (or is cut off by head) ended the script
    # silently before the summary.
    grep -m1 -E "bookings/s" "$work/bench.log" || echo "the bench printed no rate (see $work/bench.log with KEEP=1)"
  else
    ( sleep $((WARMUP + 5)); sample ) &
    sampler=$!
    # To a file, read afterwards: a pipe into `grep | head -1` ended the script under pipefail when head closed it.
    dotnet bench/Telemed.SchedulingBench/bin/Release/net10.0/Telemed.SchedulingBench.dll --sqlite-only --sqlite-base-url "http://127.0.0.1:$port" \
      --sqlite-host-pid "$host" --clients 16 --duration $((WARMUP + SAMPLED + 10)) > "$work/bench.log" 2>&1 || true
    wait "$sampler"
    grep -m1 -E "bookings/s" "$work/bench.log" || echo "the bench printed no rate (see $work/bench.log with KEEP=1)"
  fi
else
  echo "LOAD must be chat or booking" >&2; exit 1
fi

perf script -i "$work/perf.data" -F comm,tid,ip,sym,dso 2>/dev/null > "$work/perf.txt"
python3 - "$work/perf.txt" "${PATTERNS:-$DEFAULT_PATTERNS}" <<'PY'
import collections, sys
samples, cur, head = [], None, None
for line in open(sys.argv[1], errors="replace"):
    if not line.strip():
        if cur is not None: samples.append((head, cur))
        cur = None; continue
    if not line.startswith("\t"):
        head, cur = line.strip(), []; continue
    cur.append(line.strip())
if cur is not None: samples.append((head, cur))
n = len(samples) or 1
print(f"\n{len(samples):,} samples of the host's threads")
threads = collections.Counter(" ".join(h.split()[:-1]) or h for h, _ in samples)
print("by thread kind:  " + ", ".join(f"{k} {100*v/n:.1f} %" for k, v in threads.most_common(5)))
def lib(frame):
    d = frame[frame.rfind("(") + 1:-1] if frame.endswith(")") else "?"
    return "managed (JIT)" if "perf-" in d or "[JIT]" in d else d.rsplit("/", 1)[-1]
libs = collections.Counter(lib(f[0]) if f else "?" for _, f in samples)
print("by library:      " + ", ".join(f"{k} {100*v/n:.1f} %" for k, v in libs.most_common(7)))
print("inclusive share of frames matching:")
for p in [p for p in sys.argv[2].split(",") if p]:
    hits = sum(1 for _, f in samples if any(p in x for x in f))
    print(f"  {100*hits/n:5.1f} %  {p}")
PY
