#!/usr/bin/env bash
# Start-to-finish time of `es train --config hocon/tasks/cartpole.conf` for two builds, run alternately
# (the machine is shared: alternating spreads its load over both), with the median wall and CPU time of each.
# Usage: bash bench/startup.sh BEFORE_ES AFTER_ES [RUNS]   (ES = the `es` executable of a build)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${3:-15}"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for i in $(seq 0 "$runs"); do
  for name in before after; do
    [ "$name" = before ] && es="$1" || es="$2"
    rm -rf "$out/run"
    # %e wall, %U + %S CPU seconds; run 0 of each only warms the file cache.
    /usr/bin/time -f "%e %U %S" -o "$out/t" "$es" train --config hocon/tasks/cartpole.conf --run-dir "$out/run" --plain > /dev/null
    [ "$i" -gt 0 ] && cat "$out/t" >> "$out/$name"
  done
done
for name in before after; do
  wall=$(cut -d' ' -f1 "$out/$name" | sort -n)
  cpu=$(awk '{ print $2 + $3 }' "$out/$name" | sort -n)
  n=$(wc -l < "$out/$name")
  m=$(( (n + 1) / 2 ))
  printf '%-6s median wall %s s (min %s, max %s), median CPU %s s, %d runs\n' "$name" \
    "$(sed -n "${m}p" <<< "$wall")" "$(head -n 1 <<< "$wall")" "$(tail -n 1 <<< "$wall")" "$(sed -n "${m}p" <<< "$cpu")" "$n"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
