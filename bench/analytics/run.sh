#!/usr/bin/env bash
# Clinic analytics at scale: latency of GET /api/v1/admin/analytics with 1,000 doctors and 1,000,000 appointments
# on PostgreSQL 15. Goal (issue): p95 ≤ 300 ms per dashboard query. A benchmark, never a timed test.
#
#   bash bench/analytics/run.sh                    # full run (root; about 5–8 min), writes bench/analytics/results/latest.md
#   DOCS=1 bash bench/analytics/run.sh             # … and replaces the generated block in docs/benchmarks.md
#   DOCTORS=100 PER_DOCTOR=200 N=10 bash bench/analytics/run.sh   # a quick look on small data
#
# What it does, in order:
#   1. installs postgresql with apt if missing; builds the host in Release (SKIP_BUILD=1 uses the existing build);
#   2. starts a throwaway PostgreSQL 15 cluster on 127.0.0.1:$PGPORT (default 55440) in a temp folder, durable commits,
#      pg_stat_statements, CSV server log (log_min_duration_statement is switched to 0 only for the profiling requests);
#   3. starts the host once against it (Development, demo clinic seeded, Demo:InMotion off), waits for /health/ready;
#   4. bulk-generates the data by SQL (bench/analytics/generate.sql: INSERT … SELECT over generate_series), then ANALYZE;
#      the few encrypted NOT NULL fields get one valid ciphertext each (bench/analytics/cipher.py, the host's own format);
#   4b. waits until the host's roll-up refreshers have built the analytics roll-ups from the marks generate.sql wrote, then
#      VACUUM ANALYZE of the roll-ups (what autovacuum does shortly after on a live database);
#   5. signs in as the demo admin (bearer token, TOTP from the demo key) and times the dashboard
#      (bench/analytics/measure.py): last 30 / 90 / 365 days × all clinics / one clinic, W warm-ups then N timed requests
#      each, sequential, keep-alive; p50 / p95 / max, CPU split, top statements (pg_stat_statements) per case, then one
#      profiled request per case with every statement logged and EXPLAIN (ANALYZE, BUFFERS) of its slowest statements;
#   6. prints uptime before and after, stops the host and the cluster (trap), deletes the temp folder (KEEP=1 keeps it).
#
# Then the same cases again while a loop keeps 22 days per module marked as changed, as live traffic does (results/live.md;
# LIVE=0 skips it).
# Knobs: PGPORT (55440), DOCTORS (1000), PER_DOCTOR (1000, at most 1664), ON_DEMAND (50000 on-demand consultations),
# N (30), WARMUPS (3), SKIP_BUILD=1, KEEP=1, DOCS=1, PROPOSED=1 (after the baseline, build the indexes of
# proposed-indexes.sql and measure the same cases again into results/proposed.md), ENDPOINT (another admin GET taking the same query, to try the
# script out, e.g. /api/v1/admin/billing/reconciliation). Processes run under nice -n 10 (the machine is shared).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/bench/analytics"
cd "$ROOT"
PGBIN=/usr/lib/postgresql/15/bin
PGPORT=${PGPORT:-55440}
DOCTORS=${DOCTORS:-1000}
PER_DOCTOR=${PER_DOCTOR:-1000}
ON_DEMAND=${ON_DEMAND:-50000}
NICE="nice -n 10"

echo "== $(date -u '+%Y-%m-%d %H:%M:%S') UTC, uptime before: $(uptime)"
UPTIME_BEFORE=$(uptime)

if [[ ! -x $PGBIN/postgres ]] || [[ ! -f /usr/share/postgresql/15/extension/pg_stat_statements.control ]]; then
  echo "== installing postgresql (needs root)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-contrib >/dev/null
fi
python3 -c 'import cryptography' 2>/dev/null || { echo "python3 with the 'cryptography' package is needed (apt-get install -y python3-cryptography)"; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  echo "== building the host (Release)"
  $NICE dotnet build src/Telemed.Host -c Release -p:SkipWebBuild=true -v q -nologo | tail -n 2
fi

WORK=$(mktemp -d /tmp/telemed-analyticsbench.XXXXXX)
chown postgres:postgres "$WORK"
HOSTPORT=$(free_port)
HOST_PID=""
cleanup() {
  set +e
  if [[ -n $HOST_PID ]] && kill -0 "$HOST_PID" 2>/dev/null; then kill "$HOST_PID"; wait "$HOST_PID" 2>/dev/null; fi
  if [[ -f $WORK/data/postmaster.pid ]]; then runuser -u postgres -- $PGBIN/pg_ctl -D "$WORK/data" -m fast -w stop >/dev/null; fi
  if [[ ${KEEP:-0} != 1 ]]; then rm -rf "$WORK"; else echo "kept $WORK"; fi
}
trap cleanup EXIT

echo "== PostgreSQL 15 on 127.0.0.1:$PGPORT ($WORK)"
runuser -u postgres -- $PGBIN/initdb -D "$WORK/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 -N >/dev/null
# Durable commits (the defaults); memory sized for a 1M-row working set; the CSV log is what the profiler reads. The
# settings go into postgresql.conf (not -c), so that ALTER SYSTEM can switch statement logging on and off later.
cat >> "$WORK/data/postgresql.conf" <<CONF
shared_buffers = 1GB
effective_cache_size = 4GB
work_mem = 16MB
maintenance_work_mem = 512MB
max_wal_size = 8GB
checkpoint_timeout = 30min
max_connections = 200
track_io_timing = on
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = all
logging_collector = on
log_destination = 'csvlog'
log_directory = '$WORK/pglog'
log_filename = 'postgres.log'
log_min_duration_statement = -1
CONF
$NICE runuser -u postgres -- $PGBIN/pg_ctl -D "$WORK/data" -l "$WORK/server.log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $WORK" start >/dev/null
PSQL=(psql -h 127.0.0.1 -p "$PGPORT" -U postgres -X -q -v ON_ERROR_STOP=1)
"${PSQL[@]}" -c "CREATE DATABASE telemed" postgres
"${PSQL[@]}" -c "CREATE EXTENSION pg_stat_statements" telemed
CONN="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=telemed"

echo "== host on http://127.0.0.1:$HOSTPORT (Postgres, demo clinic seeded, logging at Warning)"
mkdir -p "$WORK/storage"
$NICE dotnet src/Telemed.Host/bin/Release/net10.0/Telemed.Host.dll --urls "http://127.0.0.1:$HOSTPORT" --environment Development \
  --Storage:DataDirectory="$WORK/storage" --Database:Provider=Postgres "--Database:ConnectionString=$CONN" \
  --Encryption:AllowDevelopmentKeys=true --DemoClinic:Seed=true --Demo:InMotion=false --Logging:LogLevel:Default=Warning \
  >"$WORK/host.log" 2>&1 &
HOST_PID=$!
for _ in $(seq 1 180); do
  if curl -fs "http://127.0.0.1:$HOSTPORT/health/ready" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$HOST_PID" 2>/dev/null; then echo "host exited:"; tail -n 40 "$WORK/host.log"; exit 1; fi
  sleep 1
done
curl -fs "http://127.0.0.1:$HOSTPORT/health/ready" >/dev/null || { echo "host not ready"; tail -n 40 "$WORK/host.log"; exit 1; }

echo "== generating $DOCTORS doctors × $PER_DOCTOR appointments + $ON_DEMAND on-demand consultations (SQL)"
KEYROW=$("${PSQL[@]}" -At -c "SELECT \"Id\" || '|' || encode(\"WrappedKey\", 'base64') FROM security.data_keys WHERE \"RetiredAt\" IS NULL ORDER BY \"CreatedAt\" DESC LIMIT 1" telemed | tr -d '\n')
python3 "$HERE/cipher.py" "$WORK/storage" "$KEYROW" > "$WORK/ciphers.psql"
GEN_START=$(date +%s)
cat "$WORK/ciphers.psql" "$HERE/generate.sql" | $NICE "${PSQL[@]}" -v doctors="$DOCTORS" -v per_doctor="$PER_DOCTOR" -v on_demand="$ON_DEMAND" telemed \
  | grep -E '^Time' | awk '{ s += $2 } END { printf "   %d statements, %.0f s in SQL\n", NR, s / 1000 }'
GEN_SECONDS=$(( $(date +%s) - GEN_START ))
echo "   generated in ${GEN_SECONDS} s"

# The host's roll-up refreshers (one per module, every 30 s, a month of days per transaction) build the analytics roll-ups
# from the marks generate.sql wrote; then VACUUM ANALYZE does at once what autovacuum does a little later on a live database.
MARKS_SQL="SELECT (SELECT count(*) FROM scheduling.rollup_marks) + (SELECT count(*) FROM consultations.rollup_marks) + (SELECT count(*) FROM billing.rollup_marks)"
echo "== waiting for the roll-ups ($("${PSQL[@]}" -At -c "$MARKS_SQL" telemed) marked days)"
ROLLUP_START=$(date +%s)
for _ in $(seq 1 900); do
  [[ $("${PSQL[@]}" -At -c "$MARKS_SQL" telemed) == 0 ]] && break
  sleep 2
done
[[ $("${PSQL[@]}" -At -c "$MARKS_SQL" telemed) == 0 ]] || { echo "roll-ups not built in 30 min"; tail -n 20 "$WORK/host.log"; exit 1; }
ROLLUP_SECONDS=$(( $(date +%s) - ROLLUP_START ))
"${PSQL[@]}" -c "VACUUM ANALYZE scheduling.visit_day_rollups, consultations.consultation_day_rollups, billing.revenue_day_rollups" telemed
echo "   built in ${ROLLUP_SECONDS} s (at most 30 s of it waiting for the refreshers' next pass): $("${PSQL[@]}" -At -c "SELECT (SELECT count(*) FROM scheduling.visit_day_rollups) || ' visit, ' || (SELECT count(*) FROM consultations.consultation_day_rollups) || ' consultation, ' || (SELECT count(*) FROM billing.revenue_day_rollups) || ' revenue rows'" telemed)"
"${PSQL[@]}" -c "SELECT pg_stat_statements_reset()" telemed >/dev/null

echo "== measuring"
PROFILE_ARGS=()
$NICE python3 "$HERE/measure.py" --base-url "http://127.0.0.1:$HOSTPORT" --psql "psql -h 127.0.0.1 -p $PGPORT -U postgres -X -d telemed" \
  --pg-log "$WORK/pglog/postgres.csv" --host-pid "$HOST_PID" --pg-pid "$(head -n 1 "$WORK/data/postmaster.pid")" \
  --endpoint "${ENDPOINT:-/api/v1/admin/analytics}" --n "${N:-30}" --warmups "${WARMUPS:-3}" --generation-seconds "$GEN_SECONDS" --uptime-before "$UPTIME_BEFORE" \
  --results "$HERE/results/latest.md" ${DOCS:+--docs "$ROOT/docs/benchmarks.md"}

# Live traffic keeps marking days: bookings and cancellations for the coming weeks, today's visits and payments, last week's
# no-shows and refunds. A loop marks 22 days (a week back to two weeks ahead) in each module twice a second while the same cases are measured again, so every
# request reads those days from the source rows (the refreshers clear them every 30 s and the loop marks them again).
if [[ ${LIVE:-1} == 1 ]]; then
  echo "== the same cases while 22 days per module are marked as changed (live traffic)"
  LIVE_SQL="INSERT INTO scheduling.rollup_marks SELECT gen_random_uuid(), current_date + i FROM generate_series(-7, 14) i;
INSERT INTO consultations.rollup_marks SELECT gen_random_uuid(), current_date + i FROM generate_series(-7, 14) i;
INSERT INTO billing.rollup_marks SELECT gen_random_uuid(), current_date + i FROM generate_series(-7, 14) i;"
  ( while true; do "${PSQL[@]}" -c "$LIVE_SQL" telemed >/dev/null 2>&1 || true; sleep 0.5; done ) &
  MARKER_PID=$!
  "${PSQL[@]}" -c "SELECT pg_stat_statements_reset()" telemed >/dev/null
  $NICE python3 "$HERE/measure.py" --base-url "http://127.0.0.1:$HOSTPORT" --psql "psql -h 127.0.0.1 -p $PGPORT -U postgres -X -d telemed" \
    --pg-log "$WORK/pglog/postgres.csv" --host-pid "$HOST_PID" --pg-pid "$(head -n 1 "$WORK/data/postmaster.pid")" \
    --endpoint "${ENDPOINT:-/api/v1/admin/analytics}" --n "${N:-30}" --warmups "${WARMUPS:-3}" --uptime-before "$(uptime)" \
    --title "with 22 days per module marked as changed (live traffic)" --results "$HERE/results/live.md"
  kill "$MARKER_PID" 2>/dev/null || true
fi

if [[ ${PROPOSED:-0} == 1 ]]; then
  echo "== the proposed indexes (bench/analytics/proposed-indexes.sql), then the same cases again"
  $NICE "${PSQL[@]}" -f "$HERE/proposed-indexes.sql" telemed | grep -E '^Time' | awk '{ s += $2 } END { printf "   built in %.0f s\n", s / 1000 }'
  "${PSQL[@]}" -c "SELECT pg_stat_statements_reset()" telemed >/dev/null
  $NICE python3 "$HERE/measure.py" --base-url "http://127.0.0.1:$HOSTPORT" --psql "psql -h 127.0.0.1 -p $PGPORT -U postgres -X -d telemed" \
    --pg-log "$WORK/pglog/postgres.csv" --host-pid "$HOST_PID" --pg-pid "$(head -n 1 "$WORK/data/postmaster.pid")" \
    --endpoint "${ENDPOINT:-/api/v1/admin/analytics}" --n "${N:-30}" --warmups "${WARMUPS:-3}" --uptime-before "$(uptime)" \
    --title "with the proposed indexes (proposed-indexes.sql)" --results "$HERE/results/proposed.md"
fi

echo "== uptime after: $(uptime)"
