#!/usr/bin/env bash
# Compares the strategies on the classic-control tasks with `es compare`: the same task file, budget and seeds for each.
# Usage: bash bench/compare-classic.sh [OUT_DIR] [SEEDS]   (writes OUT_DIR/<task>/compare.md and OUT_DIR/summary.md)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-runs/compare-classic-$(date +%Y%m%d-%H%M%S)}"
seeds="${2:-3}"
strategies="openai-es,pepg,snes,ars-v2,ars-v2t,cma-es,simple-ga,simple-gaussian"
dotnet build src/Es.Node -c Release --nologo -v q >/dev/null
es() { dotnet src/Es.Node/bin/Release/net10.0/es.dll "$@"; }
mkdir -p "$out"
summary="$out/summary.md"
: > "$summary"
# task file | threshold | budget (training steps)
while read -r task threshold budget; do
  echo "== $task (threshold $threshold, budget $budget steps, seeds $seeds)"
  es compare --config "hocon/tasks/$task.conf" --strategies "$strategies" --seeds "$seeds" \
    --threshold "$threshold" --set "es.run.max-timesteps=$budget" --set es.run.max-generations=0 --out "$out/$task" | tail -n 12
  { echo "### $task (threshold $threshold, budget $budget steps, $seeds seeds)"; echo; sed -n '/^| strategy | runs/,$p' "$out/$task/compare.md"; echo; } >> "$summary"
done <<'TASKS'
cartpole 475 500000
acrobot -100 2000000
mountaincar-continuous 90 2000000
pendulum -200 20000000
TASKS
echo "summary: $summary"
