#!/usr/bin/env bash
# Steps per CPU-second of a task file's generation-0 training tasks (or generation N's, below) on the current checkout against
# an older commit's, measured by the same loop (bench/baseline) built against each, alternated
# (the machine is shared: alternating spreads its load over both).
# Usage: bash bench/against-base.sh BASE_COMMIT TASK_FILE [ROUNDS] [KEY=VALUE ...]
#   e.g. bash bench/against-base.sh 650f28c hocon/tasks/pendulum.conf 4
# ES_BASELINE_GENERATION=N measures generation N's training tasks instead (both builds first train
# N generations one episode at a time, to the same θ).
set -euo pipefail
cd "$(dirname "$0")/.."
base="$1"; task="$2"; rounds="${3:-3}"; shift 3 || shift $#
work=$(mktemp -d)
trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add --detach "$work/base" "$base" >/dev/null 2>&1
for side in base current; do
  core="$PWD/src/Es.Core/Es.Core.csproj"
  [ "$side" = base ] && core="$work/base/src/Es.Core/Es.Core.csproj"
  # A copy per side, outside the repository: each builds in its own folder against its own Es.Core.
  mkdir -p "$work/harness-$side"
  cp bench/baseline/Baseline.csproj bench/baseline/Program.cs "$work/harness-$side/"
  dotnet build -c Release "$work/harness-$side/Baseline.csproj" -p:EsCore="$core" -o "$work/bin-$side" > "$work/build-$side.log" \
    || { cat "$work/build-$side.log"; exit 1; }
done
# Both sides on the same core (the last one), where taskset exists: a core's rate, not the scheduler's moves.
pin=""
command -v taskset > /dev/null && pin="taskset -c $(( $(nproc) - 1 ))"
echo "$task, generation ${ES_BASELINE_GENERATION:-0}'s training tasks, best of 5 rounds per CPU-second, base $(git rev-parse --short "$base") against $(git rev-parse --short HEAD)"
for i in $(seq 1 "$rounds"); do
  for side in base current; do
    printf 'round %d  %-8s ' "$i" "$side"
    file="$task"; [ "$side" = base ] && file="$work/base/$task"
    $pin dotnet "$work/bin-$side/es-baseline.dll" "$file" 6 "$@"
  done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
