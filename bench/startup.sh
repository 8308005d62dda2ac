#!/usr/bin/env bash
# Times one start until the host answers GET /health/ready, then stops it.
#   bash bench/startup.sh run     the run command (scripts/run.sh), i.e. the edit–run loop with nothing changed
#   bash bench/startup.sh host    the built host alone (Debug build, Development, the demo data folder ./data)
#   bash bench/startup.sh dotnet-run   the previous run command (`dotnet run --project src/Telemed.Host`)
# Prints "ready after N ms" and the host's own "Ready in N ms (steps…)" line. Wrap it in hyperfine (or
# /usr/bin/time) for several runs; run it once first so that the build and the demo data exist.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-run}"
port="${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}"
url="http://127.0.0.1:$port"
log="$(mktemp)"
export ASPNETCORE_ENVIRONMENT=Development
start=$(date +%s%N)
case "$mode" in
  run) setsid bash scripts/run.sh --urls "$url" > "$log" 2>&1 & ;;
  host) setsid dotnet src/Telemed.Host/bin/Debug/net10.0/Telemed.Host.dll --urls "$url" > "$log" 2>&1 & ;;
  dotnet-run) setsid dotnet run --project src/Telemed.Host -- --urls "$url" > "$log" 2>&1 & ;;
  *) echo "usage: $0 run|host|dotnet-run" >&2; exit 2 ;;
esac
pid=$!
trap 'kill -- -$pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -f "$log"' EXIT
until curl -fs -o /dev/null "$url/health/ready"; do
  if ! kill -0 "$pid" 2>/dev/null; then cat "$log" >&2; echo "the host exited before it was ready" >&2; exit 1; fi
  sleep 0.05
done
echo "ready after $(( ($(date +%s%N) - start) / 1000000 )) ms"
grep -o 'Ready in [0-9]* ms ([^)]*)' "$log" || true
