#!/usr/bin/env bash
# Group calls through Janus (issue 16): how many three-party rooms at 640×480 this machine's Janus forwards before frames
# drop, and accept → first decoded remote frame through the SFU. See bench/sfu/README.md.
#
#   bash bench/sfu/run.sh                              # mesh mode, N = 1,2,4,6,8,… until frames drop, 12 joins
#   MODE=viewer ROOMS=1,2,4,8 JOINS=0 bash bench/sfu/run.sh
#
# Environment: MODE (mesh: each participant subscribes to the other two, 6 forwarded streams a room; viewer: three
# publish-only participants and one viewer subscribing to all three, 3 a room), ROOMS (the N steps, default 1,2,4,6,8,10,12,16),
# WARMUP / MEASURE (seconds, 10 / 15), JOINS (accept → first frame repetitions, 12; 0 skips), STOP_AT (UTC HH:MM: no new
# step after it), NODE_MODULES (web/node_modules with janus-gateway and webrtc-adapter), SKIP_BUILD=1, OUT (results prefix).
# Needs root (ip netns, as the group call tests), /usr/bin/janus and /usr/bin/chromium (apt-get install -y janus chromium).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
NODE_MODULES=${NODE_MODULES:-$ROOT/web/node_modules}
[[ -f $NODE_MODULES/janus-gateway/src/janus.js ]] || (cd web && npm ci --no-audit --no-fund)
[[ -x /usr/bin/janus && -x /usr/bin/chromium ]] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq janus chromium >/dev/null; }
[[ ${SKIP_BUILD:-0} == 1 ]] || dotnet build bench/sfu/Telemed.SfuBench -c Release -v q -nologo
OUT=${OUT:-$ROOT/bench/sfu/results/$(date -u +%Y%m%dT%H%M%SZ)-${MODE:-mesh}}
mkdir -p "$(dirname "$OUT")"
echo "== $(date -u) uptime: $(uptime)"
args=(--mode "${MODE:-mesh}" --rooms "${ROOMS:-1,2,4,6,8,10,12,16}" --warmup "${WARMUP:-10}" --measure "${MEASURE:-15}" --joins "${JOINS:-12}"
  --node-modules "$NODE_MODULES" --out "$OUT")
[[ -n ${STOP_AT:-} ]] && args+=(--stop-at "$(date -u +%F) $STOP_AT")
dotnet bench/sfu/Telemed.SfuBench/bin/Release/net10.0/Telemed.SfuBench.dll "${args[@]}"
echo "== $(date -u) uptime: $(uptime)"
echo "results: $OUT.md, $OUT.json"
