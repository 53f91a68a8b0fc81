"""The feed server: one process, one port, every loopback host 127.0.0.1 … 127.0.0.K, asyncio for concurrency.

Each answer waits the set latency first, then sends the feed with ETag and Last-Modified (304 when the client's
If-None-Match or If-Modified-Since says it has it), gzipped when the client accepts gzip. Pictures under /img/
are made on demand. Every request is counted; `GET /_bench/stats` returns the counts since `GET /_bench/reset`
(neither is delayed or counted).

Run: python3 -m benchlib.server --site DIR --hosts K --port P --latency-ms MS   (prints "listening P" when ready)
"""

import argparse
import asyncio
import gzip
import hashlib
import itertools
import json
import sys
import time
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

from . import feeds as feedgen
from .pictures import picture
from .traffic import Traffic


class Resource:
    """One servable body with its validators and, when worth it, a gzipped copy."""

    def __init__(self, body: bytes, content_type: str, last_modified: str, compress: bool):
        self.body = body
        self.content_type = content_type
        self.last_modified = last_modified
        self.tag = hashlib.sha256(body).hexdigest()[:20]
        self.gzipped = gzip.compress(body, compresslevel=6, mtime=0) if compress else None

    def etag(self, gzipped: bool) -> str:
        return f'"{self.tag}-gz"' if gzipped else f'"{self.tag}"'

    def matches(self, if_none_match: str | None, if_modified_since: str | None) -> bool:
        """Whether the client already has this body (If-None-Match wins over If-Modified-Since)."""
        if if_none_match is not None:
            for token in if_none_match.split(","):
                token = token.strip().removeprefix("W/").strip('"').removesuffix("-gz")
                if token in ("*", self.tag):
                    return True
            return False
        if if_modified_since is not None:
            try:
                return parsedate_to_datetime(if_modified_since) >= parsedate_to_datetime(self.last_modified)
            except (TypeError, ValueError):
                return False
        return False


def accepts_gzip(accept_encoding: str | None) -> bool:
    for part in (accept_encoding or "").split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() in ("gzip", "x-gzip", "*"):
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


class FeedServer:
    """Holds the site in memory and answers HTTP/1.1 with keep-alive."""

    def __init__(self, site: Path, latency: float):
        self.latency = latency
        self.traffic = Traffic()
        self.connection_ids = itertools.count()
        self.resources: dict[tuple[str, str], Resource] = {}
        for feed in feedgen.load(site):
            body = (site / feed.file).read_bytes()
            self.resources[(feed.host, feed.path)] = Resource(body, feed.content_type, feed.last_modified, True)
        self.picture_date = format_datetime(feedgen.EPOCH, usegmt=True)

    def resource(self, host: str, path: str) -> Resource | None:
        found = self.resources.get((host, path))
        if found is None and path.startswith("/img/"):
            made = picture(path.rsplit("/", 1)[-1])
            if made is not None:
                found = Resource(made[0], made[1], self.picture_date, False)
                self.resources[(host, path)] = found
        return found

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        host = writer.get_extra_info("sockname")[0]
        connection = next(self.connection_ids)
        try:
            while await self.one_request(host, connection, reader, writer):
                pass
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            pass
        finally:
            self.traffic.connection_closed(connection)
            writer.close()

    async def one_request(
        self, host: str, connection: int, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> bool:
        """Answers one request; False when the connection should close."""
        line = await reader.readline()
        if not line.strip():
            return False
        method, target, version = line.decode("latin-1").split()
        headers: dict[str, str] = {}
        while (raw := await reader.readline()) not in (b"\r\n", b"\n", b""):
            name, _, value = raw.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        if headers.get("content-length"):
            await reader.readexactly(int(headers["content-length"]))
        wanted = headers.get("connection", "").lower()
        keep_alive = wanted != "close" if version == "HTTP/1.1" else wanted == "keep-alive"
        path = target.split("?", 1)[0]
        if path.startswith("/_bench/"):
            status, out_headers, body = self.control(path)
            await self.send(writer, version, status, out_headers, body, method)
            return keep_alive

        started = time.monotonic()
        kind = "feed" if path.startswith("/feeds/") else "picture" if path.startswith("/img/") else "other"
        self.traffic.connection_used(connection)
        self.traffic.begin(host)
        try:
            await asyncio.sleep(self.latency)
            status, out_headers, body, zipped = self.answer(host, path, headers)
            await self.send(writer, version, status, out_headers, body, method)
        finally:
            self.traffic.end(host)
        self.traffic.record(host, kind, status, zipped, len(body), headers.get("user-agent", ""), started)
        return keep_alive

    def answer(self, host: str, path: str, headers: dict[str, str]) -> tuple[int, list, bytes, bool]:
        found = self.resource(host, path)
        if found is None:
            return 404, [("Content-Type", "text/plain")], b"not found\n", False
        zipped = found.gzipped is not None and accepts_gzip(headers.get("accept-encoding"))
        common = [("ETag", found.etag(zipped)), ("Last-Modified", found.last_modified), ("Vary", "Accept-Encoding")]
        if found.matches(headers.get("if-none-match"), headers.get("if-modified-since")):
            return 304, common, b"", False
        out = [("Content-Type", found.content_type)] + common
        if zipped:
            return 200, out + [("Content-Encoding", "gzip")], found.gzipped, True
        return 200, out, found.body, False

    def control(self, path: str) -> tuple[int, list, bytes]:
        if path == "/_bench/reset":
            self.traffic = Traffic()
            return 200, [("Content-Type", "text/plain")], b"reset\n"
        if path == "/_bench/stats":
            return 200, [("Content-Type", "application/json")], json.dumps(self.traffic.summary()).encode()
        return 404, [("Content-Type", "text/plain")], b"no such control\n"

    @staticmethod
    async def send(writer, version: str, status: int, headers: list, body: bytes, method: str) -> None:
        reason = {200: "OK", 304: "Not Modified", 404: "Not Found"}[status]
        lines = [f"HTTP/1.1 {status} {reason}", "Server: jianbao-bench"] + [f"{k}: {v}" for k, v in headers]
        if status != 304:
            lines.append(f"Content-Length: {len(body)}")
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        if method != "HEAD" and status != 304:
            writer.write(body)
        await writer.drain()


async def serve(site: Path, hosts: int, port: int, latency: float, announce: bool = True) -> None:
    server = FeedServer(site, latency)
    listeners = [
        await asyncio.start_server(server.handle, f"127.0.0.{k}", port, backlog=1024, reuse_address=True)
        for k in range(1, hosts + 1)
    ]
    if announce:
        print(f"listening {port}", flush=True)
    await asyncio.gather(*(s.serve_forever() for s in listeners))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--hosts", type=int, required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--latency-ms", type=float, default=20)
    args = parser.parse_args()
    try:
        asyncio.run(serve(args.site, args.hosts, args.port, args.latency_ms / 1000))
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == "__main__":
    main()
