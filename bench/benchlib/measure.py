"""Measuring one command: wall time, CPU of its whole process tree, the tree's peak memory, and disk use.

CPU comes from wait4(): the kernel's user and system time of the process plus every descendant it waited for
(sfeed_update's curl, sfeed and sort jobs included). Memory is sampled: every `interval` seconds the process
tree is found from /proc (parent links) and the PSS of its members is summed (RSS too, which counts shared
pages once per process); the largest sums are kept. A process that lives less than one interval can be missed.
"""

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Measured:
    wall_s: float
    user_s: float
    sys_s: float
    peak_pss_bytes: int
    peak_rss_bytes: int
    peak_processes: int
    samples: int
    sampler_cpu_s: float  # what the sampling itself cost the harness
    machine_cpu_s: float  # every process on the machine, the measured tree included, during the run
    exit_code: int


def _stat_ppid(pid: str) -> int | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
    except OSError:
        return None
    # "pid (comm) state ppid ...": comm may hold spaces or parentheses, so split after the last ")".
    return int(stat[stat.rindex(b")") + 2 :].split(b" ", 2)[1])


def _memory(pid: int) -> tuple[int, int]:
    """(PSS, RSS) in bytes; (0, 0) for a process that is gone or a zombie."""
    pss = rss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    pss = int(line.split()[1]) * 1024
                elif line.startswith(b"Rss:"):
                    rss = int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return pss, rss


class _TreeSampler(threading.Thread):
    def __init__(self, root: int, interval: float):
        super().__init__(daemon=True)
        self.root = root
        self.interval = interval
        self.stop = threading.Event()
        self.parents: dict[str, int | None] = {}  # pid → ppid, read once per pid while it lives
        self.peak_pss = self.peak_rss = self.peak_processes = self.samples = 0
        self.cpu = 0.0

    def tree(self) -> list[int]:
        pids = [p for p in os.listdir("/proc") if p.isdigit()]
        alive = set(pids)
        for gone in [p for p in self.parents if p not in alive]:
            del self.parents[gone]
        children: dict[int, list[int]] = {}
        for p in pids:
            if p not in self.parents:
                self.parents[p] = _stat_ppid(p)
            ppid = self.parents[p]
            if ppid is not None:
                children.setdefault(ppid, []).append(int(p))
        members, todo = [], [self.root]
        while todo:
            pid = todo.pop()
            members.append(pid)
            todo.extend(children.get(pid, ()))
        return members

    def sample(self) -> None:
        members = self.tree()
        pss = rss = 0
        for pid in members:
            p, r = _memory(pid)
            pss += p
            rss += r
        self.peak_pss = max(self.peak_pss, pss)
        self.peak_rss = max(self.peak_rss, rss)
        self.peak_processes = max(self.peak_processes, len(members))
        self.samples += 1

    def run(self) -> None:
        start = time.thread_time()
        while not self.stop.is_set():
            self.sample()
            self.stop.wait(self.interval)
        self.cpu = time.thread_time() - start


def run(argv: list[str], cwd: Path, env: dict, log: Path, interval: float = 0.02) -> Measured:
    """Runs `argv` to its end with stdout and stderr in `log`, and measures it."""
    with open(log, "wb") as out:
        machine = machine_cpu()
        started = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=out)
        sampler = _TreeSampler(proc.pid, interval)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        machine = machine_cpu() - machine
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here; Popen must not wait again
        sampler.stop.set()
        sampler.join()
    return Measured(
        wall_s=wall,
        user_s=usage.ru_utime,
        sys_s=usage.ru_stime,
        peak_pss_bytes=sampler.peak_pss,
        peak_rss_bytes=sampler.peak_rss,
        peak_processes=sampler.peak_processes,
        samples=sampler.samples,
        sampler_cpu_s=sampler.cpu,
        machine_cpu_s=machine,
        exit_code=proc.returncode,
    )


def disk_usage(path: Path) -> tuple[int, int]:
    """(bytes allocated on disk, apparent bytes) of every file under `path`, like `du` and `du -b`."""
    allocated = apparent = 0
    for root, _, files in os.walk(path):
        for name in files:
            st = os.lstat(os.path.join(root, name))
            allocated += st.st_blocks * 512
            apparent += st.st_size
    return allocated, apparent


def process_cpu(pid: int) -> float:
    """User + system seconds a running process (not its children) has used so far."""
    with open(f"/proc/{pid}/stat", "rb") as f:
        stat = f.read()
    fields = stat[stat.rindex(b")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_cpu() -> float:
    """CPU seconds all cores have spent busy since boot (user, nice, system, irq, softirq, steal)."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")
