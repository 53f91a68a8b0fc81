"""The feed readers under test, each behind the same small face: set up a fresh folder, give the command that
syncs once, say where its store is and count the items stored there.

A reader's `phases` are the syncs run one after another in the same folder; `role` marks the run compared
across readers: "cold" (empty store) and "warm" (re-sync with nothing changed on the server).
"""

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path


class Jianbao:
    name = "jianbao"

    def __init__(self, binary: Path, template: Path, pictures: bool):
        self.binary = binary
        self.template = template  # a library already subscribed to every feed, copied for each run
        self.pictures = pictures
        self.label = "jianbao" if not pictures else "jianbao (pictures on)"
        self.phases = [("cold", "cold"), ("warm", "warm")]

    def base(self, data: Path) -> list[str]:
        return [str(self.binary), "--data-dir", str(data), "--no-starter"]

    def subscribe(self, urls: list[str], env: dict) -> None:
        """Makes the template library: `jianbao add` for every feed, one after another (not measured)."""
        self.template.mkdir(parents=True, exist_ok=True)
        for url in urls:
            done = subprocess.run(self.base(self.template) + ["add", url], env=env, capture_output=True, text=True)
            if done.returncode != 0:
                raise RuntimeError(f"jianbao add {url} failed ({done.returncode}): {done.stderr.strip()}")

    def setup(self, folder: Path) -> None:
        self.folder = folder
        self.store = folder / "data"
        shutil.copytree(self.template, self.store)

    def argv(self) -> list[str]:
        return self.base(self.store) + ["sync"] + ([] if self.pictures else ["--no-pictures"])

    def count(self, env: dict) -> int:
        done = subprocess.run(
            self.base(self.store) + ["list", "--json", "--limit", "100000"], env=env, capture_output=True, check=True
        )
        return len(json.loads(done.stdout))


class Newsboat:
    name = label = "newsboat"
    phases = [("cold", "cold"), ("re-sync 1", None), ("re-sync 2", "warm")]

    def __init__(self, urls: list[str]):
        self.urls = urls

    def setup(self, folder: Path) -> None:
        self.folder = folder
        self.store = folder / "store"
        self.store.mkdir(parents=True)
        (folder / "urls").write_text("".join(u + "\n" for u in self.urls))
        (folder / "config").write_text("reload-threads 8\n")

    def argv(self) -> list[str]:
        urls, cache, config = self.folder / "urls", self.store / "cache.db", self.folder / "config"
        return ["newsboat", "-x", "reload", "-u", str(urls), "-c", str(cache), "-C", str(config)]

    def count(self, env: dict) -> int:
        db = sqlite3.connect(f"file:{self.store / 'cache.db'}?mode=ro", uri=True)
        try:
            return db.execute("SELECT count(*) FROM rss_item").fetchone()[0]
        finally:
            db.close()


class Sfeed:
    name = label = "sfeed"
    phases = [("cold", "cold"), ("warm", "warm")]

    def __init__(self, urls: list[str]):
        self.urls = urls

    def setup(self, folder: Path) -> None:
        self.folder = folder
        self.store = folder / "feeds"
        lines = [f'sfeedpath="{self.store}"', "feeds() {"]
        lines += [f'\tfeed "feed-{i}" "{url}"' for i, url in enumerate(self.urls)]
        (folder / "sfeedrc").write_text("\n".join(lines + ["}"]) + "\n")

    def argv(self) -> list[str]:
        return ["sfeed_update", str(self.folder / "sfeedrc")]

    def count(self, env: dict) -> int:
        # One TSV line per item; sfeed_update merges by id, so a re-sync adds no duplicates.
        total = 0
        for path in sorted(self.store.glob("*")):
            with open(path, "rb") as f:
                total += sum(1 for line in f if line.strip())
        return total


def versions(jianbao: Path) -> dict[str, str]:
    """Each reader's version as it reports it, for the results file."""

    def first_line(argv: list[str]) -> str:
        try:
            done = subprocess.run(argv, capture_output=True, text=True, timeout=20)
            return (done.stdout or done.stderr).strip().splitlines()[0]
        except (OSError, IndexError, subprocess.SubprocessError):
            return "unknown"

    return {
        "jianbao": first_line([str(jianbao), "--version"]),
        "newsboat": first_line(["newsboat", "--version"]),
        "sfeed": first_line(["dpkg-query", "-W", "-f", "${Version}", "sfeed"]),
    }
