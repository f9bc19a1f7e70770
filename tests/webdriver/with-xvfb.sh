#!/usr/bin/env bash
# Runs a command under an X server of its own (WebKitGTK has no headless mode). Xvfb picks a free
# display itself (-displayfd), so runs side by side never collide; it is stopped when the command ends.
set -euo pipefail
said=$(mktemp)
Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp 3>"$said" 2>/dev/null &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null || true; rm -f "$said"' EXIT
for _ in $(seq 200); do
  [ -s "$said" ] && break
  kill -0 "$xvfb" 2>/dev/null || { echo "Xvfb did not start" >&2; exit 1; }
  sleep 0.1
done
[ -s "$said" ] || { echo "Xvfb gave no display within 20 s" >&2; exit 1; }
DISPLAY=":$(head -n1 "$said")" "$@"
