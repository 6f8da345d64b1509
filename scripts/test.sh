#!/usr/bin/env bash
# Runs the whole EsAkka test suite on a fresh machine: installs what the tests need, builds, tests,
# and prints one closing line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

# The MuJoCo tasks and their tests need Debian's MuJoCo 2.2.2 and its sample models (and
# mujoco-testspeed for the benchmark). Install them when missing; the tests never skip without them.
mujoco_packages=(libmujoco2.2.2 libmujoco-samples)
mujoco_installed() {
  local p
  for p in "${mujoco_packages[@]}"; do
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || return 1
  done
}
if ! mujoco_installed; then
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${mujoco_packages[@]}"
fi

# The browser tests (tests/Es.Viz.Tests) open the report and the live pages in Debian's chromium,
# driven by Playwright; Playwright's own browser download is never used. Install it when missing.
if ! command -v chromium >/dev/null 2>&1; then
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq chromium
fi

# Cluster tests start their own es processes on free loopback ports: no server is needed.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test EsAkka.sln -c Release --nologo 2>&1 | tee "$log" || status=$?

# The benchmarks at tiny sizes, so they cannot rot unnoticed (their figures are not checked here).
if [ "$status" -eq 0 ]; then
  dotnet run -c Release --project bench/Es.Bench -- all --quick || status=$?
fi

# dotnet test prints one summary per test project: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, ...".
read -r passed failed skipped < <(awk '
  /(Passed|Failed)! +- +Failed:/ {
    gsub(",", "");
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") f += $(i+1);
      if ($i == "Passed:") p += $(i+1);
      if ($i == "Skipped:") s += $(i+1);
    }
  }
  END { print p+0, f+0, s+0 }' "$log")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
