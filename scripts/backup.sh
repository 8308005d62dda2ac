#!/usr/bin/env bash
# Backs up one Telemed installation on PostgreSQL: the database (pg_dump, custom format), the key material the host
# needs to read it (the development key file or the configured master keys, the data-protection keys) and the
# encrypted file store, into one dated folder with a manifest and SHA-256 sums. docs/recovery.md explains it.
#
#   scripts/backup.sh [--database CONN] [--data-dir DIR] [--files-dir DIR] [--out DIR] [--keys-out DIR]
#
#   --database   the host's connection string (Npgsql form or postgresql:// URI); default: $Database__ConnectionString
#   --data-dir   the host's Storage:DataDirectory; default: $Storage__DataDirectory or ./data
#   --files-dir  the host's Storage:FilesPath; default: $Storage__FilesPath or DATA_DIR/files
#   --out        where the dated backup folder is made; default: ./backups
#   --keys-out   where the key material goes instead of BACKUP/keys (a different disk, vault or account: recommended)
#
# Master keys configured through the environment (Encryption__MasterKeys__<id>, Encryption__ActiveMasterKeyId,
# Encryption__BlindIndexKey) are written to keys/encryption.env when they are set in this script's environment.
#
# !!! The key material decrypts every patient field and file in the dump. Store it APART from the dump (another
# !!! location, other credentials); a thief who has both has everything.
#
# Exit codes: 0 done; 1 a step failed (the partial folder is left, named *.incomplete); 2 bad usage.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=scripts/pg-conn.sh
. "$here/pg-conn.sh"

usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

conn="${Database__ConnectionString:-}"
data_dir="${Storage__DataDirectory:-data}"
files_dir="${Storage__FilesPath:-}"
out="backups"
keys_out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --database) conn="$2"; shift 2 ;;
    --data-dir) data_dir="$2"; shift 2 ;;
    --files-dir) files_dir="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --keys-out) keys_out="$2"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "error: unknown argument $1" >&2; usage ;;
  esac
done
[ -n "$conn" ] || { echo "error: no database: pass --database or set Database__ConnectionString" >&2; exit 2; }
[ -n "$files_dir" ] || files_dir="$data_dir/files"
pg_conn_env "$conn"
db="$(pg_db_args)"
pg_dump="$(pg_tool pg_dump)"; pg_restore="$(pg_tool pg_restore)"; psql="$(pg_tool psql)"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
final="$out/telemed-backup-$stamp"
work="$final.incomplete"
mkdir -m 700 "$work"
keys="${keys_out:-$work/keys}"
[ -n "$keys_out" ] && keys="$keys_out/telemed-keys-$stamp"
mkdir -p -m 700 "$keys"
umask 077

say() { echo "backup: $*" >&2; }

# 1. The database first: one consistent snapshot. Files are copied after it, so every document row in the dump has its
#    file in the copy (a file written after the snapshot is an orphan there, which is harmless).
say "dumping database ${PGDATABASE:-$db} on ${PGHOST:-?}:${PGPORT:-5432}"
started=$(date +%s)
# The audit chain's length just BEFORE the snapshot: the dump holds at least this much (sealed entries are never removed),
# so restore can tell a truncated chain from a complete one.
audit_sealed=$("$psql" --no-password -X -A -t -c 'SELECT COALESCE(MAX("Sequence"), 0) FROM audit.chain' "$db" 2>/dev/null || echo unknown)
"$pg_dump" --format=custom --compress=6 --no-password --file="$work/database.dump" "$db"
"$pg_restore" --list "$work/database.dump" > "$work/database.toc"
tables=$(grep -c ' TABLE DATA ' "$work/database.toc" || true)
server_version=$("$psql" --no-password -X -A -t -c 'SHOW server_version' "$db")

# 2. Key material.
included_keys=()
if [ -f "$data_dir/development-keys.json" ]; then
  cp -p "$data_dir/development-keys.json" "$keys/"
  included_keys+=("development-keys.json (development master key and blind-index key)")
fi
if [ -d "$data_dir/data-protection-keys" ]; then
  cp -rp "$data_dir/data-protection-keys" "$keys/"
  included_keys+=("data-protection-keys/ ($(find "$data_dir/data-protection-keys" -type f | wc -l) key files: cookies, antiforgery, call tokens)")
fi
if env | grep -q '^Encryption__'; then
  env | grep -E '^Encryption__(MasterKeys__[A-Za-z0-9_-]+|ActiveMasterKeyId|BlindIndexKey)=' | sort > "$keys/encryption.env"
  included_keys+=("encryption.env (configured master keys and blind-index key)")
fi
[ ${#included_keys[@]} -gt 0 ] || say "WARNING: no key material found in $data_dir or the environment: the dump's encrypted fields cannot be read without it"
chmod -R go-rwx "$keys"
(cd "$keys" && find . -type f ! -name SHA256SUMS -print0 | sort -z | xargs -0 -r sha256sum > SHA256SUMS)

# 3. The encrypted file store (ciphertext already: it needs the keys above to be read).
file_count=0
if [ -d "$files_dir" ]; then
  tar -C "$files_dir" -cf "$work/files.tar" .
  # Counted in the archive, not the folder: uploads keep arriving while the backup runs.
  file_count=$(tar -tvf "$work/files.tar" | grep -c '^-' || true)
else
  tar -cf "$work/files.tar" -T /dev/null
fi

# 4. Manifest and sums.
{
  echo "format: telemed-backup/1"
  echo "created_utc: $stamp"
  echo "source_database: ${PGDATABASE:-(uri)} on ${PGHOST:-?}:${PGPORT:-5432}"
  echo "server_version: $server_version"
  echo "pg_dump: $("$pg_dump" --version)"
  echo "dump_bytes: $(stat -c %s "$work/database.dump")"
  echo "tables_with_data: $tables"
  echo "audit_sealed_at_least: $audit_sealed"
  echo "files: $file_count"
  echo "keys_folder: $([ -n "$keys_out" ] && echo "$keys (kept apart)" || echo "keys/ (inside this folder: move it apart)")"
  for k in "${included_keys[@]}"; do echo "key_material: $k"; done
  echo "seconds: $(( $(date +%s) - started ))"
  echo "warning: the key material decrypts every patient field and file in database.dump and files.tar; store it apart from them."
} > "$work/manifest.txt"
(cd "$work" && find . -type f ! -name SHA256SUMS ! -path './keys/*' -print0 | sort -z | xargs -0 sha256sum > SHA256SUMS)
mv "$work" "$final"
[ -n "$keys_out" ] || keys="$final/keys"

say "done: $final ($(du -sh "$final" | cut -f1), $tables tables, $file_count files, audit chain to #$audit_sealed)"
say "!!! keys: $keys holds the key material: store it APART from the dump (another location, other credentials) !!!"
echo "$final"
