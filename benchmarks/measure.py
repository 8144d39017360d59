"""Shared by the benchmark scripts: time a command and sample the memory of its process tree.

``run(cmd)`` returns wall seconds, the peak RSS of any one process of the tree (what the
issue's memory target is about: each worker has its own copy of the model), the peak of
their sum and the peak of each process by role (``main``: the command itself, the writer of
``quotetrack ingest``; ``worker``: a spawned worker process). RSS is sampled every 50 ms with
psutil, so a peak shorter than that can be missed.
"""

from __future__ import annotations

import os
import platform
import subprocess
import time
from dataclasses import dataclass, field

import psutil


@dataclass
class Run:
    wall: float
    peak_rss: int  # bytes, the largest single process
    peak_total: int  # bytes, the largest sum over the tree
    returncode: int
    # bytes, the peak of each process: {"main pid": ..., "worker pid": ...}
    peaks: dict = field(default_factory=dict)
    # (seconds since the start, {label: rss bytes}) every sample
    timeline: list = field(default_factory=list)

    def per_process(self) -> str:
        """One line: the peak RSS of each process, by role ("main 312 MiB, worker 540 MiB, ...")."""
        return ", ".join(f"{label.split()[0]} {mib(v)}" for label, v in self.peaks.items() if v >= 2**20 * 60)

    def at(self, fractions=(0.25, 0.5, 0.75, 1.0)) -> str:
        """RSS of each process at given fractions of the run (is it growing?)."""
        if not self.timeline:
            return ""
        out = []
        for f in fractions:
            t, sizes = self.timeline[min(len(self.timeline) - 1, int(f * (len(self.timeline) - 1)))]
            big = ", ".join(f"{k.split()[0]} {mib(v)}" for k, v in sizes.items() if v >= 2**20 * 60)
            out.append(f"{t:6.1f} s: {big}")
        return "; ".join(out)


def _role(proc: "psutil.Process", top: "psutil.Process") -> str:
    if proc.pid == top.pid:
        return "main"
    try:
        cmd = " ".join(proc.cmdline())
    except psutil.Error:
        return "other"
    if "resource_tracker" in cmd:
        return "tracker"
    if "spawn_main" in cmd or "forkserver" in cmd or "distributed" in cmd:
        return "worker"
    return "other"


def run(cmd: list[str], stdout=subprocess.DEVNULL, env=None, ok=(0, 1), timeline: bool = False) -> Run:
    """Run ``cmd`` to the end; RuntimeError with its stderr if it exits with a code not in ``ok``.

    ``timeline``: keep every sample (``Run.timeline``), to see whether memory grows over a run.
    """
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE, env=env)
    top = psutil.Process(proc.pid)
    peak = total = 0
    peaks: dict[str, int] = {}
    labels: dict[int, str] = {}
    samples: list = []
    while proc.poll() is None:
        try:
            procs = [top] + top.children(recursive=True)
            sizes = {}
            for p in procs:
                try:
                    if p.pid not in labels:
                        labels[p.pid] = f"{_role(p, top)} {p.pid}"
                    sizes[labels[p.pid]] = p.memory_info().rss
                except psutil.Error:
                    pass
            if sizes:
                peak, total = max(peak, max(sizes.values())), max(total, sum(sizes.values()))
                for label, rss in sizes.items():
                    peaks[label] = max(peaks.get(label, 0), rss)
                if timeline:
                    samples.append((time.perf_counter() - t0, sizes))
        except psutil.Error:
            pass
        time.sleep(0.05)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode not in ok:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{err[-2000:]}")
    last = err.strip().splitlines()[-1:] if err.strip() else []
    if last and "textacy gave up" in last[0]:
        print(f"    ({last[0]})", flush=True)
    return Run(wall, peak, total, proc.returncode, peaks, samples)


def machine() -> str:
    """One line: CPU, cores, memory, load average now (the machine may be shared)."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as fp:
            cpu = next(line.split(":", 1)[1].strip() for line in fp if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = psutil.virtual_memory().total / 2**30
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB; load average {load}"


def commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True)
        return out.stdout.strip() + (" + working tree" if dirty.stdout.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def mib(n: int) -> str:
    return f"{n / 2**20:,.0f} MiB"
