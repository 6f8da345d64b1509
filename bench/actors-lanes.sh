#!/usr/bin/env bash
# es train (the actors, single process) with lockstep lanes off (es.rollouts.lanes = 1) and on
# (0 = automatic), run alternately (the machine is shared: alternating spreads its load over both).
# Prints per run the environment steps per second of the generations (metrics.jsonl: timesteps
# over the summed generation seconds), the process's wall and CPU seconds, and the final θ's hash,
# which must be the same both ways.
# Usage: bash bench/actors-lanes.sh ES CONFIG [ROUNDS] [--set KEY=VALUE ...]   (ES = the `es` executable)
set -euo pipefail
cd "$(dirname "$0")/.."
es="$1"; config="$2"; rounds="${3:-3}"; shift 3 || shift $#
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for i in $(seq 1 "$rounds"); do
  for lanes in 1 0; do
    rm -rf "$out/run"
    /usr/bin/time -f "%e %U %S" -o "$out/t" "$es" train --config "$config" --set "es.rollouts.lanes=$lanes" "$@" --run-dir "$out/run" --plain > /dev/null
    read -r wall user sys < "$out/t"
    rate=$(python3 -c '
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
print("%.2f" % (lines[-1]["timesteps"] / sum(l["seconds"] for l in lines) / 1e6))' "$out/run/metrics.jsonl")
    sha=$("$es" inspect --checkpoint "$out/run/final.ckpt" | python3 -c 'import json, sys; print(json.load(sys.stdin)["parameters_sha256"][:16])')
    printf 'round %d  lanes %-4s %6s M steps/s (generations)  wall %5.2f s  CPU %5.2f s  θ %s\n' "$i" \
      "$([ "$lanes" = 0 ] && echo auto || echo 1)" "$rate" "$wall" "$(echo "$user + $sys" | bc)" "$sha"
  done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
