#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL 15 cluster: initdb in a temp directory owned by the
# `postgres` user (initdb and postgres refuse root), the server listening only on a unix socket in that
# directory, fsync off (the cluster is thrown away). The command sees
#   SPOC_TEST_PG_HOST   the socket directory   SPOC_TEST_PG_URL  postgres://spoc@localhost/postgres?host=DIR
#   SPOC_PG_BIN         the server's binaries (initdb, pg_ctl, pg_basebackup for the restore test)
# and the cluster is stopped and removed afterwards, whatever the command's outcome (its exit code is
# this script's).
set -euo pipefail
PG_BIN=${SPOC_PG_BIN:-/usr/lib/postgresql/15/bin}
[ -x "$PG_BIN/postgres" ] || { echo "no PostgreSQL 15 in $PG_BIN (make installs Debian's postgresql)" >&2; exit 1; }

dir=$(mktemp -d /tmp/spoc-pg.XXXXXX)
as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
stop() {
  as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT TERM
[ "$(id -u)" = 0 ] && chown postgres: "$dir"
chmod 700 "$dir"
as_postgres "$PG_BIN/initdb" -D "$dir/data" -A trust -U spoc --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
# Tests make a database each and run in parallel: room for their pools and listeners. Durability is
# off for tests (the cluster is thrown away); SPOC_PG_DURABLE=1 keeps PostgreSQL's defaults, for the
# benchmarks (`make bench`), whose figures must include the commits' fsyncs.
durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
[ "${SPOC_PG_DURABLE:-}" = 1 ] && durability=""
as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -w -l "$dir/server.log" start -o \
  "-c listen_addresses='' -c unix_socket_directories=$dir $durability -c max_connections=400" \
  >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
export SPOC_PG_BIN="$PG_BIN" SPOC_TEST_PG_HOST="$dir" SPOC_TEST_PG_URL="postgres://spoc@localhost/postgres?host=$dir"
set +e
"$@"
status=$?
set -e
exit $status
