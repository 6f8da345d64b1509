#!/usr/bin/env bash
# Compares two builds of `es` for exactness: trains the same task files and strategies with 1 and 2
# evaluators on each, and prints the SHA-256 of every final θ (`es inspect`) side by side.
# Usage: bash bench/same-bits.sh BEFORE_ES_DLL AFTER_ES_DLL [OUT_DIR]
#   e.g. bash bench/same-bits.sh /tmp/before/src/Es.Node/bin/Release/net10.0/es.dll src/Es.Node/bin/Release/net10.0/es.dll
set -euo pipefail
cd "$(dirname "$0")/.."
before="$1"
after="$2"
out="${3:-$(mktemp -d)}"
sha() { dotnet "$1" inspect --checkpoint "$2" | sed -n 's/.*"parameters_sha256":"\([0-9a-f]*\)".*/\1/p'; }
echo "| task file | strategy | generations | before, 1 evaluator | before, 2 evaluators | after, 1 evaluator | after, 2 evaluators | same |"
echo "|---|---|---|---|---|---|---|---|"
# task file | strategy | generations
while read -r task strategy generations; do
  row=()
  for build in before:1 before:2 after:1 after:2; do
    name="${build%%:*}"
    evaluators="${build##*:}"
    [ "$name" = before ] && dll="$before" || dll="$after"
    dir="$out/$task-$strategy-$name-$evaluators"
    rm -rf "$dir"
    # The task files tune OpenAI-ES; a strategy without a gradient optimizer refuses its keys (they have no effect), so unset them.
    unset=()
    case "$strategy" in openai-es|pepg) ;; *) unset=(--set es.strategy.weight-decay=null --set es.strategy.optimizer.learning-rate=null) ;; esac
    dotnet "$dll" train --config "hocon/tasks/$task.conf" --set "es.strategy.name=$strategy" --set "es.run.max-generations=$generations" "${unset[@]}" \
      --evaluators "$evaluators" --run-dir "$dir" --plain > /dev/null
    row+=("$(sha "$dll" "$dir/final.ckpt")")
  done
  same=no
  [ "${row[0]}" = "${row[1]}" ] && [ "${row[1]}" = "${row[2]}" ] && [ "${row[2]}" = "${row[3]}" ] && same=yes
  echo "| $task | $strategy | $generations | ${row[0]:0:16} | ${row[1]:0:16} | ${row[2]:0:16} | ${row[3]:0:16} | $same |"
done <<'RUNS'
cartpole openai-es 30
cartpole cma-es 10
acrobot openai-es 5
pendulum pepg 5
mountaincar-continuous simple-ga 5
mountaincar-continuous ars-v2t 5
arm snes 10
RUNS
