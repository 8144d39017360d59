"""Shared by the benchmark scripts: time a command and sample the memory of its process tree.

``run(cmd)`` returns wall seconds, the peak RSS of any one process of the tree (what the
issue's memory target is about: each worker has its own copy of the model) and the peak of
their sum. RSS is sampled every 50 ms with psutil, so a peak shorter than that can be missed.
"""

from __future__ import annotations

import os
import platform
import subprocess
import time
from dataclasses import dataclass

import psutil


@dataclass
class Run:
    wall: float
    peak_rss: int  # bytes, the largest single process
    peak_total: int  # bytes, the largest sum over the tree
    returncode: int


def run(cmd: list[str], stdout=subprocess.DEVNULL, env=None, ok=(0, 1)) -> Run:
    """Run ``cmd`` to the end; RuntimeError with its stderr if it exits with a code not in ``ok``."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE, env=env)
    top = psutil.Process(proc.pid)
    peak = total = 0
    while proc.poll() is None:
        try:
            procs = [top] + top.children(recursive=True)
            sizes = []
            for p in procs:
                try:
                    sizes.append(p.memory_info().rss)
                except psutil.Error:
                    pass
            if sizes:
                peak, total = max(peak, max(sizes)), max(total, sum(sizes))
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
    return Run(wall, peak, total, proc.returncode)


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
