"""Installs the peer readers (Debian's newsboat and sfeed) with apt when they are missing."""

import os
import shutil
import subprocess

# reader → (command that shows it is installed, Debian package)
PEERS = {"newsboat": ("newsboat", "newsboat"), "sfeed": ("sfeed_update", "sfeed")}


def _apt(args: list[str]) -> subprocess.CompletedProcess:
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    try:
        return subprocess.run(sudo + ["apt-get"] + args, env=env, capture_output=True, text=True)
    except OSError as e:  # no apt-get (or no sudo): not a Debian machine
        return subprocess.CompletedProcess(args, 127, "", f"cannot run apt-get: {e}")


def ensure(peers: list[str]) -> dict[str, str | None]:
    """Installs what is missing; returns reader → None when usable, else why not."""
    missing = [p for p in peers if shutil.which(PEERS[p][0]) is None]
    if missing:
        packages = [PEERS[p][1] for p in missing]
        print(f"installing {' '.join(packages)} with apt-get", flush=True)
        done = _apt(["install", "-y", "-q"] + packages)
        if done.returncode != 0:  # the package lists may be missing or stale: refresh once and retry
            _apt(["update", "-q"])
            done = _apt(["install", "-y", "-q"] + packages)
        if done.returncode != 0:
            reason = (done.stderr.strip().splitlines() or ["apt-get failed"])[-1]
            return {p: (reason if p in missing else None) for p in peers}
    return {p: (None if shutil.which(PEERS[p][0]) else "not found after installing") for p in peers}
