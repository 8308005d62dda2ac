#!/usr/bin/env python3
"""Where a .NET host's CPU went, from `perf script -F comm,tid,ip,sym,dso` output of `perf record -g` on the host (managed
frames named through the JIT's perf map: DOTNET_PerfMapEnabled=1).

    python3 bench/perf-summary.py perf.txt [TOP]

Prints, as shares of the host's samples:
- by thread kind (worker, sockets, tiered compiler, background GC);
- by the nearest Telemed frame of each sample (the leaf-most frame of our own code: which of our code paths the time was spent
  under, in the libraries it called included);
- the workers' idle turns: samples whose nearest managed frame is the thread pool's semaphore or worker loop (a worker going
  to sleep or waking for the next item, not doing one).
Async stacks end where a continuation resumed, so a frame's share counts only the work done under it since its last await.
"""
import collections
import re
import sys

FRAME = re.compile(r"\] ([\w.`+<>\[\],]+::[\w<>.`]+)")


def samples(path):
    current = None
    with open(path, errors="replace") as f:
        for line in f:
            if not line.strip():
                if current:
                    yield current
                current = None
            elif not line[0].isspace():
                current = [line.strip()]
            elif current is not None:
                current.append(line.strip())
    if current:
        yield current


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    threads, nearest, idle = collections.Counter(), collections.Counter(), 0
    total = 0
    for sample in samples(path):
        total += 1
        threads[re.sub(r"\s+\d+$", "", sample[0]).strip()] += 1
        names = [m.group(1) for frame in sample[1:] for m in [FRAME.search(frame)] if m]
        if names and names[0].startswith(("System.Threading.LowLevelLifoSemaphore", "System.Threading.PortableThreadPool+WorkerThread")):
            idle += 1
        nearest[next((n for n in names if n.startswith("Telemed.")), "(no Telemed frame: framework, runtime or kernel only)")] += 1
    if total == 0:
        print("no samples")
        return
    pct = lambda n: f"{100 * n / total:5.1f} %"
    print(f"{total:,} samples of the host's threads")
    print("by thread kind: " + ", ".join(f"{k} {100 * v / total:.1f} %" for k, v in threads.most_common(6)))
    print(f"thread pool workers going to sleep or waking (no work item on the stack): {pct(idle)}")
    print("nearest Telemed frame:")
    for name, count in nearest.most_common(top):
        print(f"  {pct(count)}  {name}")


if __name__ == "__main__":
    main()
