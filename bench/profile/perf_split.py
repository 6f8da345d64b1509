#!/usr/bin/env python3
"""Self time by function from `perf script` output, separately for samples under one-episode
rollouts (PairEvaluator.Evaluate) and under lockstep rollouts (PairEvaluator.EvaluateMany).
Usage: perf script -i perf.data | perf_split.py [top]
Record with DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 DOTNET_ReadyToRun=0: ReadyToRun
code (es-bench's Es.Core.dll) is not in the perf map, and its frames would go unnamed."""
import re, sys
from collections import Counter

top = int(sys.argv[1]) if len(sys.argv) > 1 else 15
groups = {"one episode (EpisodeRunner::Run)": ("PairEvaluator::Evaluate(", Counter()),
          "lockstep (LockstepRollouts::Run)": ("PairEvaluator::EvaluateMany(", Counter())}

def name(line):
    # "    7f12 instance void [Es.Core] Es.Core.X::Method(args)[Tier] (/tmp/perf-1.map)" -> "X::Method"
    text = line.strip().split(" ", 1)[1] if " " in line.strip() else line.strip()
    text = re.sub(r"\s*\(.*?\)\s*$", "", text)  # the dso
    m = re.search(r"([\w.`<>]+::[\w.`<>|]+)\(", text)
    if m: return m.group(1).split(".")[-1] if "::" not in m.group(1).split(".")[-1] else m.group(1).rsplit(".", 1)[-1]
    return text.split("+")[0][-60:]

stack = []
def flush():
    if not stack: return
    for marker, counter in groups.values():
        if any(marker in f for f in stack):
            counter[name(stack[0])] += 1
for line in sys.stdin:
    if not line.strip():
        flush(); stack = []
    elif line.startswith((" ", "\t")):
        stack.append(line)
flush()
for title, (_, counter) in groups.items():
    total = sum(counter.values())
    if total == 0: continue
    print(f"{title}: {total} samples")
    for fn, n in counter.most_common(top):
        print(f"  {100 * n / total:5.1f} %  {fn}")
