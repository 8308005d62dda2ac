#!/usr/bin/env bash
# CPU per chat connection while 1,000 connections negotiate, connect and join (the "1,000 connections joined" row of
# docs/benchmarks.md): the host's and the load driver's CPU time (from /proc/<pid>/stat, every 0.25 s) between the bench's
# "conversations created" and "connected" lines, divided by the connections. The host runs on SQLite in a temp folder.
#
#   bash bench/connect-cpu.sh                        # this checkout's Release host, 3 runs
#   RUNS=3 HOST_DIRS=/path/to/old,/path/to/new bash bench/connect-cpu.sh   # alternate two checkouts (each built in Release)
#
#   NEGOTIATE=1 bash bench/connect-cpu.sh            # connect as the fallback does (negotiate, then the WebSocket)
#
# Environment: RUNS (3), CONNECTIONS (1000), NEGOTIATE (0: a WebSocket without negotiate, as the web app), HOST_DIRS (comma list of checkouts whose src/Telemed.Host is built in Release;
# default this one). Needs the consultations bench built and its npm packages (bash bench/run-consultations.sh does both).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
RUNS=${RUNS:-3}
CONNECTIONS=${CONNECTIONS:-1000}
IFS=, read -r -a DIRS <<< "${HOST_DIRS:-$ROOT}"
ulimit -n "$(ulimit -Hn)"
BENCH=(dotnet "$ROOT/bench/Telemed.ConsultationsBench/bin/Release/net10.0/Telemed.ConsultationsBench.dll")
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

one_run() { # checkout
  local dir=$1 work port host
  work=$(mktemp -d /tmp/telemed-connectcpu.XXXXXX)
  port=$(free_port)
  dotnet "$dir/src/Telemed.Host/bin/Release/net10.0/Telemed.Host.dll" --urls "http://127.0.0.1:$port" --environment Development \
    --Storage:DataDirectory="$work/data" --Encryption:AllowDevelopmentKeys=true --DemoClinic:Seed=true --Demo:InMotion=false \
    --Logging:LogLevel:Default=Warning --RateLimiting:AuthPermitsPerMinute=100000 > "$work/host.log" 2>&1 &
  host=$!
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break; sleep 1; done
  ( while kill -0 "$host" 2>/dev/null; do
      local h d=0
      h=$(awk '{print $14+$15}' "/proc/$host/stat" 2>/dev/null || echo 0)
      for p in $(pgrep -f chat-load.mjs || true); do d=$((d + $(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done
      echo "$(date +%s.%N) $h $d"; sleep 0.25
    done ) > "$work/cpu.txt" &
  "${BENCH[@]}" chat --target signalr --label connect --provider sqlite --base-url "http://127.0.0.1:$port" \
    --connection "Data Source=$work/data/telemed.db" --server-pid "$host" --out "$work/chat.json" \
    --driver "$ROOT/bench/consultations/chat-load.mjs" --connections "$CONNECTIONS" --groups 50 --rates 25 --step 1 --closed 1 \
    ${NEGOTIATE:+--negotiate} 2>&1 | while IFS= read -r line; do echo "$(date +%s.%N) $line"; done > "$work/bench.log" || true
  kill "$host"; wait "$host" 2>/dev/null || true
  python3 - "$work" "$CONNECTIONS" "$dir" <<'PY'
import sys
work, n, label = sys.argv[1], int(sys.argv[2]), sys.argv[3]
lines = [l.rstrip("\n").split(" ", 1) for l in open(work + "/bench.log")]
t0 = next(float(t) for t, l in lines if "conversations created" in l)
t1 = next(float(t) for t, l in lines if "connected " in l)
said = next(l.strip() for t, l in lines if "connected " in l)
cpu = [tuple(map(float, l.split())) for l in open(work + "/cpu.txt")]
at = lambda t: min(cpu, key=lambda c: abs(c[0] - t))
a, b = at(t0), at(t1)
ticks = 100  # USER_HZ
print(f"{label}: {said}; host {(b[1]-a[1])/ticks/(b[0]-a[0]):.2f} cores = {(b[1]-a[1])*1000/ticks/n:.2f} ms CPU per connection, "
      f"load driver {(b[2]-a[2])/ticks/(b[0]-a[0]):.2f} cores = {(b[2]-a[2])*1000/ticks/n:.2f} ms")
PY
  rm -rf "$work"
}

echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq 1 "$RUNS"); do
  for dir in "${DIRS[@]}"; do one_run "$dir"; done
done
