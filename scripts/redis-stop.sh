#!/usr/bin/env bash
# Stops a Redis started by scripts/redis-start.sh (on PORT, or every one of them without PORT).
# Idempotent: a port with no running server is not an error.
#
# Usage: scripts/redis-stop.sh [PORT]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
state_root="$root/.tmp/redis"

stop_one() {
  local dir="$1" port pid
  port="$(basename "$dir")"
  [ -d "$dir" ] || return 0
  if [ ! -f "$dir/redis.pid" ]; then rm -rf "$dir"; return 0; fi
  pid="$(cat "$dir/redis.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    redis-cli -h 127.0.0.1 -p "$port" shutdown nosave >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
    echo "stopped redis on port $port" >&2
  fi
  rm -rf "$dir" # pid file and log: nothing of a stopped server is worth keeping (no persistence)
}

if [ $# -ge 1 ]; then
  stop_one "$state_root/$1"
else
  [ -d "$state_root" ] || exit 0
  for dir in "$state_root"/*/; do
    [ -d "$dir" ] && stop_one "${dir%/}"
  done
fi
exit 0
