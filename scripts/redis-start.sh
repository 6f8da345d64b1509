#!/usr/bin/env bash
# Starts a local Redis for EsAkka's cluster fabric and tests: loopback only, no persistence,
# daemonized under .tmp/redis/<port>/. Prints redis://127.0.0.1:PORT as its last line.
#
# Usage: scripts/redis-start.sh [PORT]
#   Without PORT a free loopback port is picked. Idempotent: when this script's server is
#   already running on PORT, it only prints the URL. Installs redis-server with apt-get when
#   it is missing. Stop it with scripts/redis-stop.sh [PORT].
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
state_root="$root/.tmp/redis"

if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
  echo "redis-server not found; installing it with apt-get ..." >&2
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo=sudo; else sudo=; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >&2
  $sudo apt-get install -y -qq redis-server >&2
fi

port="${1:-}"
if [ -z "$port" ]; then
  # Ask the kernel for a free loopback port (bind to port 0), then release it for redis-server.
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || shuf -i 20000-60000 -n 1)
fi
case "$port" in
  ''|*[!0-9]*) echo "redis-start.sh: port must be a number, got '$port'" >&2; exit 2 ;;
esac

dir="$state_root/$port"
pidfile="$dir/redis.pid"
url="redis://127.0.0.1:$port"

if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null \
   && [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = "PONG" ]; then
  echo "$url"
  exit 0
fi

mkdir -p "$dir"
rm -f "$pidfile"
redis-server --bind 127.0.0.1 --port "$port" --protected-mode yes \
  --save '' --appendonly no --dir "$dir" \
  --daemonize yes --pidfile "$pidfile" --logfile "$dir/redis.log" >&2

for _ in $(seq 1 100); do
  if [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = "PONG" ]; then
    echo "$url"
    exit 0
  fi
  sleep 0.1
done
echo "redis-start.sh: redis-server on port $port did not answer PING within 10 s; log: $dir/redis.log" >&2
tail -n 20 "$dir/redis.log" >&2 2>/dev/null || true
exit 1
