"""What the feed server saw since its last reset: requests by kind and status, gzip, bytes, user agents,
connections, and how many requests were in flight at once, in all and per host."""

import time
from collections import Counter


class Traffic:
    def __init__(self) -> None:
        self.requests: Counter = Counter()  # (kind, status) → count
        self.gzipped = 0
        self.bytes_sent = 0
        self.user_agents: Counter = Counter()
        self.connections = 0
        self.open_connections: set[int] = set()
        self.max_open_connections = 0
        self.in_flight: Counter = Counter()  # host → requests being answered now
        self.max_in_flight_host: Counter = Counter()
        self.total_in_flight = 0
        self.max_in_flight = 0
        self.busy_seconds = 0.0  # summed over requests: time from request read to answer sent
        self.first_start: float | None = None
        self.last_end: float | None = None

    def connection_used(self, connection: int) -> None:
        """Counts a connection at its first request since the reset (control requests aside)."""
        if connection not in self.open_connections:
            self.connections += 1
            self.open_connections.add(connection)
            self.max_open_connections = max(self.max_open_connections, len(self.open_connections))

    def connection_closed(self, connection: int) -> None:
        self.open_connections.discard(connection)

    def begin(self, host: str) -> None:
        self.in_flight[host] += 1
        self.max_in_flight_host[host] = max(self.max_in_flight_host[host], self.in_flight[host])
        self.total_in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.total_in_flight)

    def end(self, host: str) -> None:
        self.in_flight[host] -= 1
        self.total_in_flight -= 1

    def record(self, host: str, kind: str, status: int, gzipped: bool, size: int, agent: str, started: float) -> None:
        now = time.monotonic()
        self.requests[(kind, status)] += 1
        self.gzipped += gzipped
        self.bytes_sent += size
        self.user_agents[agent or "(none)"] += 1
        self.busy_seconds += now - started
        self.first_start = started if self.first_start is None else min(self.first_start, started)
        self.last_end = now if self.last_end is None else max(self.last_end, now)

    def summary(self) -> dict:
        span = (self.last_end - self.first_start) if self.first_start is not None else 0.0
        count = lambda kind, status=None: sum(  # noqa: E731
            n for (k, s), n in self.requests.items() if k == kind and (status is None or s == status)
        )
        return {
            "requests": sum(self.requests.values()),
            "feed_requests": count("feed"),
            "feed_200": count("feed", 200),
            "feed_304": count("feed", 304),
            "picture_requests": count("picture"),
            "other_requests": count("other"),
            "not_found": sum(n for (_, s), n in self.requests.items() if s == 404),
            "gzipped": self.gzipped,
            "bytes_sent": self.bytes_sent,
            "connections": self.connections,
            "max_open_connections": self.max_open_connections,
            "max_in_flight": self.max_in_flight,
            "max_in_flight_per_host": max(self.max_in_flight_host.values(), default=0),
            "mean_in_flight": round(self.busy_seconds / span, 2) if span > 0 else 0.0,
            "request_span_s": round(span, 3),
            "user_agents": dict(self.user_agents),
        }
