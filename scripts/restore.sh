#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into a fresh, empty PostgreSQL database and an empty data folder, after
# checking every SHA-256 sum. It refuses a target database that holds any table, sequence or schema of its own, and a
# data folder that already holds keys or files: a restore never merges into a live installation. docs/recovery.md.
#
#   scripts/restore.sh --from BACKUP_DIR --database CONN --data-dir DIR [--files-dir DIR] [--keys DIR]
#
#   --from       the folder backup.sh printed (telemed-backup-<UTC stamp>)
#   --database   the NEW host's connection string (Npgsql form or postgresql:// URI); default: $Database__ConnectionString.
#                A database that does not exist yet is created (through the server's "postgres" database; Npgsql form only).
#   --data-dir   the new host's Storage:DataDirectory (created when missing; must hold no keys or files)
#   --files-dir  the new host's Storage:FilesPath; default: DATA_DIR/files
#   --keys       the key folder when it was kept apart (backup.sh --keys-out); default: BACKUP_DIR/keys
#
# Exit codes: 0 restored; 1 a step failed; 2 bad usage; 3 the target is not empty (nothing was changed);
#             4 a checksum does not match or a file is missing (nothing was changed).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=scripts/pg-conn.sh
. "$here/pg-conn.sh"

usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

from=""; conn="${Database__ConnectionString:-}"; data_dir=""; files_dir=""; keys=""
while [ $# -gt 0 ]; do
  case "$1" in
    --from) from="$2"; shift 2 ;;
    --database) conn="$2"; shift 2 ;;
    --data-dir) data_dir="$2"; shift 2 ;;
    --files-dir) files_dir="$2"; shift 2 ;;
    --keys) keys="$2"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "error: unknown argument $1" >&2; usage ;;
  esac
done
[ -n "$from" ] && [ -n "$conn" ] && [ -n "$data_dir" ] || { echo "error: --from, --database and --data-dir are required" >&2; usage; }
[ -n "$files_dir" ] || files_dir="$data_dir/files"
[ -n "$keys" ] || keys="$from/keys"
say() { echo "restore: $*" >&2; }
refuse() { say "REFUSED: $*"; exit 3; }

# 1. Integrity: every file listed, none changed, in the backup and in the key folder.
for folder in "$from" "$keys"; do
  [ -f "$folder/SHA256SUMS" ] || { say "no SHA256SUMS in $folder"; exit 4; }
  if ! (cd "$folder" && sha256sum --check --quiet --strict SHA256SUMS); then
    say "checksum mismatch in $folder: the backup is damaged or was changed; nothing was restored"
    exit 4
  fi
done
grep -qx 'format: telemed-backup/1' "$from/manifest.txt" || { say "$from/manifest.txt is not a telemed-backup/1 manifest"; exit 4; }
say "checksums verified ($(wc -l < "$from/SHA256SUMS") backup files, $(wc -l < "$keys/SHA256SUMS") key files)"

# 2. The target data folder: no keys, no files (checked first, so a refusal changes nothing).
mkdir -p -m 700 "$data_dir"
[ ! -e "$data_dir/development-keys.json" ] || refuse "$data_dir already holds development-keys.json"
[ -z "$(find "$data_dir/data-protection-keys" -type f 2>/dev/null | head -1)" ] || refuse "$data_dir/data-protection-keys is not empty"
[ -z "$(find "$files_dir" -type f 2>/dev/null | head -1)" ] || refuse "$files_dir is not empty"

pg_conn_env "$conn"
db="$(pg_db_args)"
pg_restore="$(pg_tool pg_restore)"; psql="$(pg_tool psql)"
q() { "$psql" --no-password -X -A -t -v ON_ERROR_STOP=1 -c "$1" "$db"; }

# 3. The target database: created when missing, refused when it holds anything of its own.
if [ -z "${PG_URI:-}" ] && ! "$psql" --no-password -X -A -t -c 'SELECT 1' "$PGDATABASE" >/dev/null 2>&1; then
  exists=$("$psql" --no-password -X -A -t -v ON_ERROR_STOP=1 -c "SELECT 1 FROM pg_database WHERE datname = '${PGDATABASE//\'/\'\'}'" postgres)
  if [ "$exists" != 1 ]; then
    say "creating database $PGDATABASE"
    "$psql" --no-password -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"${PGDATABASE//\"/\"\"}\"" postgres
  fi
fi
objects=$(q "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'")
schemas=$(q "SELECT count(*) FROM pg_namespace WHERE nspname NOT IN ('public', 'information_schema') AND nspname NOT LIKE 'pg_%'")
[ "$objects" = 0 ] && [ "$schemas" = 0 ] || refuse "the target database ${PGDATABASE:-(uri)} is not empty ($objects relations, $schemas schemas): restore only into a fresh database"

# 4. The database, in one transaction: a failure leaves the target as empty as it was. Ownership and grants are the
#    old server's; the new one's connecting user owns everything instead.
started=$(date +%s)
say "restoring $from/database.dump into ${PGDATABASE:-(uri)} on ${PGHOST:-?}:${PGPORT:-5432}"
"$pg_restore" --no-password --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$db" "$from/database.dump"

# 5. Keys and files.
umask 077
if [ -f "$keys/development-keys.json" ]; then cp -p "$keys/development-keys.json" "$data_dir/"; fi
if [ -d "$keys/data-protection-keys" ]; then cp -rp "$keys/data-protection-keys" "$data_dir/"; fi
chmod -R go-rwx "$data_dir/development-keys.json" "$data_dir/data-protection-keys" 2>/dev/null || true
mkdir -p "$files_dir"
tar -C "$files_dir" -xf "$from/files.tar"

# 6. What came back, against the manifest.
expected_tables=$(sed -n 's/^tables_with_data: //p' "$from/manifest.txt")
expected_audit=$(sed -n 's/^audit_sealed_at_least: //p' "$from/manifest.txt")
expected_files=$(sed -n 's/^files: //p' "$from/manifest.txt")
restored_audit=$(q 'SELECT COALESCE(MAX("Sequence"), 0) FROM audit.chain' 2>/dev/null || echo unknown)
restored_files=$(find "$files_dir" -type f | wc -l)
problems=0
if [ "$expected_audit" != unknown ] && { [ "$restored_audit" = unknown ] || [ "$restored_audit" -lt "$expected_audit" ]; }; then
  say "audit chain ends at #$restored_audit, the manifest says at least #$expected_audit"; problems=1
fi
if [ "$restored_files" != "$expected_files" ]; then say "$restored_files files restored, the manifest says $expected_files"; problems=1; fi
[ "$problems" = 0 ] || exit 1

say "done in $(( $(date +%s) - started )) s: $expected_tables tables, audit chain to #$restored_audit, $restored_files files"
if [ -f "$keys/encryption.env" ]; then
  say "the master keys are in $keys/encryption.env: give them to the new host's environment or secret store (do not leave a copy beside the dump)"
fi
say "next: start the host on this database and data folder, then run 'Telemed.Host audit verify' and check /health/ready (docs/recovery.md)"
