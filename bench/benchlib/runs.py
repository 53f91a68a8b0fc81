"""Running the readers against the feed server: start and query the server, run one reader's phases in a fresh
folder, and turn each run into a row of figures."""

import json
import os
import select
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from . import measure

BENCH_DIR = Path(__file__).resolve().parent.parent


@dataclass
class Row:
    """One run of one reader: what the harness measured and what the server saw."""

    reader: str  # label, e.g. "jianbao (pictures on)"
    phase: str  # cold, warm, re-sync 1, re-sync 2
    role: str | None  # cold | warm | None: which runs are compared across readers
    repeat: int
    wall_s: float
    user_s: float
    sys_s: float
    peak_pss_bytes: int
    peak_rss_bytes: int
    peak_processes: int
    disk_bytes: int
    apparent_bytes: int
    items: int
    expected: int
    exit_code: int
    server_cpu_s: float
    sampler_cpu_s: float
    other_cpu_s: float  # CPU that other processes on the machine used meanwhile: noise in the figures
    server: dict = field(default_factory=dict)
    log: str = ""

    @property
    def cpu_s(self) -> float:
        return self.user_s + self.sys_s


def pick_port(hosts: int) -> int:
    """A port free on every one of 127.0.0.1 … 127.0.0.K (the server binds them all a moment later)."""
    for _ in range(50):
        probes = []
        try:
            first = socket.socket()
            probes.append(first)
            first.bind(("127.0.0.1", 0))
            port = first.getsockname()[1]
            for k in range(2, hosts + 1):
                s = socket.socket()
                probes.append(s)
                s.bind((f"127.0.0.{k}", port))
            return port
        except OSError:
            continue
        finally:
            for s in probes:
                s.close()
    raise RuntimeError("no port is free on all the loopback hosts")


def child_env(home: Path) -> dict:
    """The environment every reader runs in: no proxies, a UTF-8 locale, HOME in its own folder."""
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy") and not k.startswith("JIANBAO_")}
    env.update(HOME=str(home), LANG="C.UTF-8", LC_ALL="C.UTF-8")
    return env


class Server:
    """The feed server as a child process, and the harness's view of its counters."""

    def __init__(self, site: Path, hosts: int, port: int, latency_ms: float, log: Path):
        self.port = port
        self.log = open(log, "wb")
        argv = [sys.executable, "-m", "benchlib.server", "--site", str(site), "--hosts", str(hosts)]
        argv += ["--port", str(port), "--latency-ms", str(latency_ms)]
        self.proc = subprocess.Popen(argv, cwd=BENCH_DIR, stdout=subprocess.PIPE, stderr=self.log)
        ready, _, _ = select.select([self.proc.stdout], [], [], 60)
        line = self.proc.stdout.readline().decode().strip() if ready else ""
        if line != f"listening {port}":
            self.stop()
            raise RuntimeError(f"the feed server did not start (said {line!r}; see {log})")
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def control(self, what: str) -> bytes:
        with self.opener.open(f"http://127.0.0.1:{self.port}/_bench/{what}", timeout=30) as response:
            return response.read()

    def reset(self) -> None:
        self.control("reset")

    def stats(self) -> dict:
        return json.loads(self.control("stats"))

    def cpu(self) -> float:
        return measure.process_cpu(self.proc.pid)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def wait_until_quiet(limit_s: float, say) -> bool:
    """Waits (at most `limit_s`) until the machine has been nearly idle for 6 s: others' builds skew timings."""
    deadline, quiet_since = time.monotonic() + limit_s, None
    while time.monotonic() < deadline:
        before = measure.machine_cpu()
        time.sleep(1)
        busy = measure.machine_cpu() - before  # cores busy over that second
        quiet_since = (quiet_since or time.monotonic()) if busy < 0.15 else None
        if quiet_since and time.monotonic() - quiet_since >= 6:
            return True
    say(f"  the machine did not quiet down within {limit_s:g} s; running anyway")
    return False


def run_reader(reader, folder: Path, server: Server, expected: int, repeat: int, say) -> list[Row]:
    """Every phase of one reader, in one fresh folder, one after another."""
    folder.mkdir(parents=True)
    env = child_env(folder)
    reader.setup(folder)
    rows = []
    for phase, role in reader.phases:
        server.reset()
        server_cpu = server.cpu()
        log = folder / f"{phase.replace(' ', '-')}.log"
        m = measure.run(reader.argv(), folder, env, log)
        server_cpu = server.cpu() - server_cpu
        time.sleep(0.05)  # let the server finish counting the last answers
        seen = server.stats()
        disk, apparent = measure.disk_usage(reader.store)
        items = reader.count(env) if reader.store.exists() else 0
        other = max(0.0, m.machine_cpu_s - m.user_s - m.sys_s - server_cpu - m.sampler_cpu_s)
        row = Row(
            reader.label, phase, role, repeat, m.wall_s, m.user_s, m.sys_s, m.peak_pss_bytes, m.peak_rss_bytes,
            m.peak_processes, disk, apparent, items, expected, m.exit_code, server_cpu, m.sampler_cpu_s, other, seen,
            str(log),
        )  # fmt: skip
        rows.append(row)
        say(
            f"  {reader.label:22} {phase:10} {m.wall_s:7.2f} s wall {row.cpu_s:6.2f} s CPU  {items:6} items  "
            f"{seen['feed_requests']} feed requests ({seen['feed_304']} × 304)  exit {m.exit_code}"
        )
    return rows
