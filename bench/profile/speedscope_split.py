#!/usr/bin/env python3
"""Summarizes a dotnet-trace speedscope file: self time by method, separately for the samples
under one-episode rollouts (EpisodeRunner.Run) and under lockstep rollouts (LockstepRollouts.Run).
Usage: speedscope_split.py trace.speedscope.json [top]"""
import json, sys
from collections import Counter

doc = json.load(open(sys.argv[1]))
top = int(sys.argv[2]) if len(sys.argv) > 2 else 12
frames = [f["name"] for f in doc["shared"]["frames"]]
groups = {"one episode (EpisodeRunner.Run)": ("EpisodeRunner.Run", Counter()),
          "lockstep (LockstepRollouts.Run)": ("LockstepRollouts.Run", Counter())}
for profile in doc["profiles"]:
    if profile.get("type") == "sampled":
        samples, weights = profile["samples"], profile["weights"]
    else:  # evented: rebuild stacks from open/close events
        samples, weights, stack, last = [], [], [], None
        for e in profile["events"]:
            if last is not None and stack:
                samples.append(list(stack)); weights.append(e["at"] - last)
            last = e["at"]
            if e["type"] == "O": stack.append(e["frame"])
            else: stack.pop()
    for stack, w in zip(samples, weights):
        names = [frames[i] for i in stack]
        for marker, counter in groups.values():
            if any(marker in n for n in names):
                # The converter ends stacks with CPU_TIME / UNMANAGED_CODE_TIME pseudo-frames: charge the method above.
                real = [n for n in names if n not in ("CPU_TIME", "UNMANAGED_CODE_TIME")]
                leaf = real[-1].split("(")[0] if real else names[-1]
                counter[leaf + (" [native callee]" if names[-1] == "UNMANAGED_CODE_TIME" else "")] += w
for title, (_, counter) in groups.items():
    total = sum(counter.values())
    if total == 0: continue
    print(f"{title}: {total:.0f} ms sampled")
    for name, w in counter.most_common(top):
        print(f"  {100 * w / total:5.1f} %  {name[-110:]}")
