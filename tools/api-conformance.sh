#!/usr/bin/env bash
# The desk's OpenAPI document must stay true: schemathesis generates requests from it against a real
# desk (debug build, temporary SQLite file) — signed out and signed in as each role — and fails on any
# server error or any answer the document does not list. Called by `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
DESK=target/debug/spoc-desk
EXAMPLES=${ST_MAX_EXAMPLES:-30}
dir=$(mktemp -d)
desk_pid=
cleanup() { [ -n "$desk_pid" ] && kill "$desk_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT

db="sqlite://$dir/spoc.db"
(umask 077 && head -c 32 /dev/urandom | base64 >"$dir/seal.kek")
RUST_LOG=warn "$DESK" --listen 127.0.0.1:0 --database-url "$db" --app-dir "$dir/no-app" \
  --seal-kek-file "$dir/seal.kek" >"$dir/out" 2>"$dir/err" &
desk_pid=$!
for _ in $(seq 1 100); do grep -q "listening on" "$dir/out" && break; sleep 0.1; done
base=$(grep -o 'http://[0-9.:]*' "$dir/out" | head -n 1)
[ -n "$base" ] || { echo "the desk did not start"; cat "$dir/err"; exit 1; }

# One account per role, signed in, its one-time password replaced: the session cookie.
cookie_of() {
  local user=$1 role=$2 once jar="$dir/$1.jar"
  once=$("$DESK" --database-url "$db" user add "$user" --role "$role" | sed -n 's/.*one-time password: //p')
  curl -sf -c "$jar" -H 'content-type: application/json' \
    -d "{\"username\":\"$user\",\"password\":\"$once\"}" "$base/api/v1/session" >/dev/null
  curl -sf -b "$jar" -X PUT -H 'content-type: application/json' \
    -d "{\"current_password\":\"$once\",\"new_password\":\"conformance passphrase\"}" \
    "$base/api/v1/session/password" >/dev/null
  awk '$6 == "__Host-spoc_session" { print $6 "=" $7 }' "$jar"
}

failed=0
run() {
  local who=$1; shift
  echo "== schemathesis as $who"
  st run "$base/api/v1/openapi.json" "$@" --max-examples "$EXAMPLES" --workers 2 \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --no-color >"$dir/st.log" 2>&1 || failed=1
  # The summary, and what failed; the whole log only when something did.
  grep -E "generated|FAILED|Failed|failures|^[0-9]+\. " "$dir/st.log" || true
  [ "$failed" = 0 ] || cat "$dir/st.log"
}
# Every session first: the generated sign-ins fail by the hundred and would trip the throttle.
declare -A cookies
for role in officer spoc admin; do
  cookies[$role]=$(cookie_of "st.$role" "$role")
  [ -n "${cookies[$role]}" ] || { echo "could not sign in as $role"; exit 1; }
done
run "nobody"
for role in officer spoc admin; do
  # Signing out would end the very session the rest of the run uses.
  run "$role" -H "Cookie: ${cookies[$role]}" --exclude-name "DELETE /api/v1/session"
done
exit $failed
