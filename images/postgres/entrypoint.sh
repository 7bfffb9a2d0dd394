#!/bin/sh
# Makes the database cluster on first start, then runs PostgreSQL as PID 1
# under the postgres user, so that docker stop and kill reach it.
set -eu
user=${POSTGRES_USER:-postgres}
as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }

mkdir -p "$PGDATA" /run/postgresql
chown postgres:postgres "$PGDATA" /run/postgresql
chmod 700 "$PGDATA"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -n "${POSTGRES_PASSWORD:-}" ]; then
    auth=scram-sha-256
    printf '%s\n' "$POSTGRES_PASSWORD" > /tmp/pwfile
    chown postgres /tmp/pwfile
    as_postgres initdb -D "$PGDATA" -U "$user" -E UTF8 --locale=C.UTF-8 --auth-local=trust --auth-host=$auth --pwfile=/tmp/pwfile >/dev/null
    rm -f /tmp/pwfile
  else
    # No password: any host may connect as any user. For tests only.
    auth=trust
    as_postgres initdb -D "$PGDATA" -U "$user" -E UTF8 --locale=C.UTF-8 --auth=trust >/dev/null
  fi
  echo "host all all all $auth" >> "$PGDATA/pg_hba.conf"
  # The database named by POSTGRES_DB, else the user's, as the official
  # image makes it; initdb has made postgres already.
  db=${POSTGRES_DB:-$user}
  if [ "$db" != postgres ]; then
    as_postgres pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start >/dev/null
    as_postgres psql -v ON_ERROR_STOP=1 -U "$user" -d postgres -qc "CREATE DATABASE \"$db\"" >/dev/null
    as_postgres pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
  fi
  echo "postgres-entrypoint: made the cluster in $PGDATA for $user"
fi
exec setpriv --reuid=postgres --regid=postgres --init-groups postgres -D "$PGDATA" \
  -c listen_addresses='*' -c max_connections="${POSTGRES_MAX_CONNECTIONS:-300}" "$@"
