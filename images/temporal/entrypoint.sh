#!/bin/sh
# setup: the two databases and their schemas, idempotent, as auto-setup
# does; start: the server, bound to this container's address, which is the
# address its peers reach it at through the membership table.
set -eu

setup() {
  until pg_isready -q -h "$POSTGRES_SEEDS" -p "$DB_PORT" -U "$POSTGRES_USER"; do
    echo "temporal-entrypoint: waiting for PostgreSQL at $POSTGRES_SEEDS:$DB_PORT"
    sleep 1
  done
  for pair in "$DBNAME:temporal" "$VISIBILITY_DBNAME:visibility"; do
    db=${pair%%:*} kind=${pair##*:}
    tool() {
      temporal-sql-tool --plugin "$DB" --ep "$POSTGRES_SEEDS" -p "$DB_PORT" \
        -u "$POSTGRES_USER" --pw "${POSTGRES_PWD:-}" --db "$db" "$@"
    }
    # Fails when the database exists, which is what a restart finds.
    tool create-database >/dev/null 2>&1 || true
    tool setup-schema -v 0.0 >/dev/null 2>&1 || true
    out=$(tool update-schema -d "/etc/temporal/schema/postgresql/v12/$kind/versioned" 2>&1) || {
      echo "$out" >&2; exit 1; }
    echo "temporal-entrypoint: $db is at the schema of Temporal's $kind store"
  done
}

start() {
  : "${BIND_ON_IP:=$(hostname -i | cut -d' ' -f1)}"
  export BIND_ON_IP
  echo "temporal-entrypoint: starting on $BIND_ON_IP with $NUM_HISTORY_SHARDS history shards"
  exec temporal-server start
}

case "${1:-setup-and-start}" in
  setup) setup ;;
  start) start ;;
  setup-and-start) setup; start ;;
  *) exec "$@" ;;
esac
