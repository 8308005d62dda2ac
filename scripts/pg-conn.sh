# Shared by scripts/backup.sh and scripts/restore.sh (sourced, not run).
# Turns the host's connection string into libpq's environment, so pg_dump, pg_restore and psql reach the same database
# as the host. Accepts Npgsql's form (what Database__ConnectionString holds: Host=...;Port=...;Username=...;Password=...;
# Database=...) or a postgresql:// URI. The password goes into PGPASSWORD (never onto a command line, where ps shows it).

# pg_conn_env CONNECTION_STRING: exports PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE as given.
pg_conn_env() {
  local conn="$1" part key value
  unset PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE PGSSLMODE PG_URI
  case "$conn" in
    postgres://*|postgresql://*)
      export PG_URI="$conn"
      return 0
      ;;
  esac
  local IFS=';'
  for part in $conn; do
    [ -n "${part// /}" ] || continue
    key="${part%%=*}"; value="${part#*=}"
    key="$(echo "$key" | tr '[:upper:]' '[:lower:]' | tr -d ' ')"
    case "$key" in
      host|server) export PGHOST="$value" ;;
      port) export PGPORT="$value" ;;
      username|userid|user|uid) export PGUSER="$value" ;;
      password|pwd) export PGPASSWORD="$value" ;;
      database|db) export PGDATABASE="$value" ;;
      sslmode) export PGSSLMODE="$(echo "$value" | tr '[:upper:]' '[:lower:]')" ;;
      *) ;; # pool sizes, timeouts and the like mean nothing to libpq
    esac
  done
  [ -n "${PGDATABASE:-}" ] || { echo "error: the connection string names no Database" >&2; return 2; }
}

# pg_db_args: the -d argument for the tools (the URI when one was given, else the database from PGDATABASE).
pg_db_args() {
  if [ -n "${PG_URI:-}" ]; then printf '%s' "$PG_URI"; else printf '%s' "$PGDATABASE"; fi
}

# pg_tool NAME: the tool from PG_BIN when set (e.g. /usr/lib/postgresql/15/bin), else Debian's wrapper on PATH.
pg_tool() {
  if [ -n "${PG_BIN:-}" ]; then printf '%s/%s' "$PG_BIN" "$1"; else command -v "$1" || { echo "error: $1 not found; apt-get install -y postgresql-client" >&2; return 2; }; fi
}
