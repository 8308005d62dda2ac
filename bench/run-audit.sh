#!/usr/bin/env bash
# Audit trail throughput: concurrent units of work appending their records (no lock, one commit each) while one
# sealer chains them, on a throwaway PostgreSQL 15 cluster with durable commits and on SQLite.
#
#   bash bench/run-audit.sh              # both databases, writes bench/results/audit-latest.md
#   DATABASES=postgres SECONDS_EACH=10 WRITERS=16 bash bench/run-audit.sh
#
# Environment: DATABASES (default postgres,sqlite), WRITERS (comma list, default 16,64), RECORDS per unit (default 2),
# SECONDS_EACH per measurement (default 20), SKIP_BUILD=1, KEEP=1 keeps the temp folder.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PGBIN=/usr/lib/postgresql/15/bin
if [[ ! -x $PGBIN/pg_ctl ]]; then
  echo "== installing postgresql (needs root)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-contrib >/dev/null
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  echo "== building the bench (Release)"
  dotnet build bench/Telemed.AuditBench -c Release -p:SkipWebBuild=true -v q -nologo | tail -n 2
fi

WORK=$(mktemp -d /tmp/telemed-auditbench.XXXXXX)
chown postgres:postgres "$WORK"
cleanup() {
  set +e
  if [[ -f $WORK/pg/postmaster.pid ]]; then runuser -u postgres -- $PGBIN/pg_ctl -D "$WORK/pg" -m fast -w stop >/dev/null; fi
  if [[ ${KEEP:-0} != 1 ]]; then rm -rf "$WORK"; else echo "kept $WORK"; fi
}
trap cleanup EXIT

RESULT=bench/results/audit-latest.md
mkdir -p bench/results
{
  echo "Run $(date -u '+%Y-%m-%d %H:%M UTC'). Machine: load average at start $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores, $(awk '/MemTotal/ {print $2, $3}' /proc/meminfo) RAM; .NET $(dotnet --version)."
  echo
} > "$RESULT"

IFS=',' read -ra DBS <<< "${DATABASES:-postgres,sqlite}"
for db in "${DBS[@]}"; do
  mkdir -p "$WORK/$db"
  if [[ $db == postgres ]]; then
    PGPORT=$(free_port)
    runuser -u postgres -- $PGBIN/initdb -D "$WORK/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 -N >/dev/null
    runuser -u postgres -- $PGBIN/pg_ctl -D "$WORK/pg" -l "$WORK/server.log" -w -t 30 -o "\
 -c listen_addresses=127.0.0.1 -p $PGPORT -k $WORK -c fsync=on -c synchronous_commit=on -c full_page_writes=on \
 -c shared_buffers=1GB -c max_wal_size=8GB -c checkpoint_timeout=30min -c max_connections=300" start >/dev/null
    $PGBIN/psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE DATABASE telemed" postgres
    CONN="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=telemed;Maximum Pool Size=200"
    PROVIDER=Postgres
  else
    CONN="Data Source=$WORK/$db/telemed.db"
    PROVIDER=Sqlite
  fi
  echo "== $PROVIDER"
  {
    echo "### $PROVIDER (durable commits$([[ $db == postgres ]] && echo ': fsync=on, synchronous_commit=on'))"
    echo
    dotnet bench/Telemed.AuditBench/bin/Release/net10.0/Telemed.AuditBench.dll --provider "$PROVIDER" --connection "$CONN" \
      --data "$WORK/$db" --seconds "${SECONDS_EACH:-20}" --writers "${WRITERS:-16,64}" --records "${RECORDS:-2}" \
      | grep -v '^{"EventId"'   # the host's JSON log lines (the throwaway development key's warning) are not results
    echo
    echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
  } | tee -a "$RESULT"
done
echo "== written to $RESULT"
