#!/usr/bin/env bash
# Entrypoint of the postgres stand-in, with the official image's contract: on an empty data
# directory, initdb with POSTGRES_USER / POSTGRES_PASSWORD, create POSTGRES_DB, run the scripts in
# /docker-entrypoint-initdb.d on a server that listens only on its socket, then start postgres
# for real as the postgres user. On a data directory that holds a cluster, just start it.
set -Eeo pipefail

log() { echo "$(date -u '+%Y-%m-%d %H:%M:%S UTC') [entrypoint] $*"; }

# VAR or VAR_FILE (Docker secrets), not both.
file_env() {
  local var=$1 file_var="${1}_FILE" default=${2:-}
  if [ -n "${!var:-}" ] && [ -n "${!file_var:-}" ]; then
    log "error: both $var and $file_var are set (but are exclusive)" >&2
    exit 1
  fi
  local value=$default
  if [ -n "${!var:-}" ]; then value=${!var}; elif [ -n "${!file_var:-}" ]; then value=$(<"${!file_var}"); fi
  export "$var"="$value"
  unset "$file_var"
}

run_initdb_scripts() {
  local f
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sh) log "running $f"; if [ -x "$f" ]; then "$f"; else . "$f"; fi ;;
      *.sql) log "running $f"; psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -f "$f" ;;
      *.sql.gz) log "running $f"; gunzip -c "$f" | psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" ;;
      *) if [ -e "$f" ]; then log "ignoring $f"; fi ;;
    esac
  done
}

init_cluster() {
  file_env POSTGRES_PASSWORD
  file_env POSTGRES_USER postgres
  file_env POSTGRES_DB "$POSTGRES_USER"
  file_env POSTGRES_INITDB_ARGS
  local auth=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}
  if [ -z "$POSTGRES_PASSWORD" ] && [ "$auth" != trust ]; then
    cat >&2 <<'MSG'
Error: Database is uninitialized and superuser password is not specified.
       You must specify POSTGRES_PASSWORD to a non-empty value for the
       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".
MSG
    exit 1
  fi
  log "initialising the database cluster in $PGDATA"
  # shellcheck disable=SC2086  # POSTGRES_INITDB_ARGS is a list of flags
  initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") $POSTGRES_INITDB_ARGS >/dev/null
  printf '\nhost all all all %s\n' "$auth" >>"$PGDATA/pg_hba.conf"
  export PGUSER=$POSTGRES_USER PGPASSWORD=$POSTGRES_PASSWORD
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p 5432" -w start >/dev/null
  if [ "$POSTGRES_DB" != postgres ]; then
    # From stdin: psql interpolates :"db" (quoted identifier) there, not in -c.
    psql -v ON_ERROR_STOP=1 --no-psqlrc --dbname postgres --set db="$POSTGRES_DB" \
      <<<'CREATE DATABASE :"db";' >/dev/null
  fi
  run_initdb_scripts
  pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
  unset PGPASSWORD
  log "PostgreSQL init process complete; ready for start up."
}

# postgres --version / --help print and exit: no cluster is needed for them.
wants_help() {
  local arg
  for arg; do
    case "$arg" in -'?'|--help|--describe-config|-V|--version) return 0 ;; esac
  done
  return 1
}

# `docker run postgres -c key=value`: flags go to postgres.
if [ "${1:0:1}" = '-' ]; then
  set -- postgres "$@"
fi

if [ "$1" = postgres ] && ! wants_help "$@"; then
  if [ "$(id -u)" = 0 ]; then
    mkdir -p "$PGDATA"
    chown -R postgres "$PGDATA" /var/run/postgresql
    chmod 00700 "$PGDATA"
    exec gosu postgres "${BASH_SOURCE[0]}" "$@"
  fi
  if [ ! -s "$PGDATA/PG_VERSION" ]; then
    init_cluster
  else
    log "PostgreSQL database directory appears to contain a database; skipping initialization"
  fi
fi

exec "$@"
