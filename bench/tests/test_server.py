"""The feed server, run in this process on two loopback hosts: validators, 304s, gzip, latency and counting."""

import asyncio
import gzip
import http.client
import json
import tempfile
import threading
import time
import unittest
from pathlib import Path

from benchlib import feeds, runs, server

LATENCY = 0.05


class FeedServer(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory()
        site = Path(cls.dir.name)
        cls.port = runs.pick_port(2)
        cls.feeds = feeds.generate(site, 4, 3, 2, cls.port, seed=1)
        cls.loop = asyncio.new_event_loop()
        ready = threading.Event()

        def serve():
            asyncio.set_event_loop(cls.loop)
            cls.task = cls.loop.create_task(server.serve(site, 2, cls.port, LATENCY, announce=False))
            cls.loop.call_soon(ready.set)
            try:
                cls.loop.run_until_complete(cls.task)
            except asyncio.CancelledError:
                pass

        cls.thread = threading.Thread(target=serve, daemon=True)
        cls.thread.start()
        ready.wait()
        time.sleep(0.2)

    @classmethod
    def tearDownClass(cls):
        cls.loop.call_soon_threadsafe(cls.task.cancel)
        cls.thread.join(5)
        cls.dir.cleanup()

    def get(self, host: str, path: str, headers: dict | None = None) -> http.client.HTTPResponse:
        conn = http.client.HTTPConnection(host, self.port, timeout=10)
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        response.body = response.read()
        conn.close()
        return response

    def setUp(self):
        self.get("127.0.0.1", "/_bench/reset")

    def stats(self) -> dict:
        return json.loads(self.get("127.0.0.1", "/_bench/stats").body)

    def test_a_feed_comes_with_etag_and_last_modified_after_the_latency(self):
        started = time.monotonic()
        r = self.get("127.0.0.1", "/feeds/0.xml")
        self.assertGreaterEqual(time.monotonic() - started, LATENCY)
        self.assertEqual(r.status, 200)
        self.assertTrue(r.getheader("ETag").startswith('"'))
        self.assertEqual(r.getheader("Last-Modified"), self.feeds[0].last_modified)
        self.assertIsNone(r.getheader("Content-Encoding"))

    def test_a_feed_is_gzipped_only_for_a_client_that_accepts_gzip(self):
        plain = self.get("127.0.0.1", "/feeds/0.xml")
        zipped = self.get("127.0.0.1", "/feeds/0.xml", {"Accept-Encoding": "br, gzip;q=0.8"})
        refused = self.get("127.0.0.1", "/feeds/0.xml", {"Accept-Encoding": "gzip;q=0"})
        self.assertEqual(zipped.getheader("Content-Encoding"), "gzip")
        self.assertEqual(gzip.decompress(zipped.body), plain.body)
        self.assertIsNone(refused.getheader("Content-Encoding"))
        self.assertEqual(self.stats()["gzipped"], 1)

    def test_either_etag_or_a_recent_date_gets_a_304_and_a_changed_etag_does_not(self):
        first = self.get("127.0.0.2", "/feeds/1.xml", {"Accept-Encoding": "gzip"})
        tag = first.getheader("ETag")
        self.assertEqual(self.get("127.0.0.2", "/feeds/1.xml", {"If-None-Match": tag}).status, 304)
        self.assertEqual(self.get("127.0.0.2", "/feeds/1.xml", {"If-None-Match": f"W/{tag}"}).status, 304)
        since = {"If-Modified-Since": first.getheader("Last-Modified")}
        self.assertEqual(self.get("127.0.0.2", "/feeds/1.xml", since).status, 304)
        self.assertEqual(self.get("127.0.0.2", "/feeds/1.xml", {"If-None-Match": '"other"', **since}).status, 200)
        s = self.stats()
        self.assertEqual((s["feed_200"], s["feed_304"]), (2, 3))

    def test_a_gbk_feed_is_sent_without_a_charset(self):
        r = self.get("127.0.0.2", "/feeds/1.xml")
        self.assertEqual(r.getheader("Content-Type"), "application/rss+xml")

    def test_a_feed_is_served_only_by_its_own_host(self):
        self.assertEqual(self.get("127.0.0.2", "/feeds/0.xml").status, 404)

    def test_pictures_are_real_png_and_jpeg(self):
        png = self.get("127.0.0.1", "/img/0-0.png")
        jpg = self.get("127.0.0.1", "/img/0-1.jpg")
        self.assertEqual((png.getheader("Content-Type"), png.body[:4]), ("image/png", b"\x89PNG"))
        self.assertEqual(jpg.getheader("Content-Type"), "image/jpeg")
        self.assertEqual((jpg.body[:2], jpg.body[-2:]), (b"\xff\xd8", b"\xff\xd9"))
        self.assertEqual(self.stats()["picture_requests"], 2)

    def test_concurrent_requests_are_answered_together_and_counted_per_host(self):
        threads = [
            threading.Thread(target=self.get, args=(f"127.0.0.{1 + i % 2}", f"/feeds/{i % 4}.xml")) for i in range(6)
        ]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertLess(time.monotonic() - started, 4 * LATENCY)
        s = self.stats()
        self.assertEqual(s["requests"], 6)
        self.assertGreaterEqual(s["max_in_flight"], 4)
        self.assertLessEqual(s["max_in_flight_per_host"], 3)

    def test_keep_alive_connections_are_counted_once(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        for _ in range(3):
            conn.request("GET", "/feeds/0.xml")
            conn.getresponse().read()
        conn.close()
        s = self.stats()
        self.assertEqual((s["requests"], s["connections"]), (3, 1))


if __name__ == "__main__":
    unittest.main()
