"""The generator: every kind of feed at a small N, valid documents, declared encodings, repeatable bytes."""

import json
import re
import tempfile
import unittest
import xml.etree.ElementTree as ET
from pathlib import Path

from benchlib import feeds


def parse_xml(raw: bytes, encoding: str) -> ET.Element:
    # expat reads no multi-byte legacy charset, so decode first and drop the declaration.
    text = raw.decode(encoding)
    return ET.fromstring(re.sub(r"^<\?xml[^>]*\?>", "", text))


class GeneratedFeeds(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory()
        cls.site = Path(cls.dir.name)
        cls.feeds = feeds.generate(cls.site, 10, 6, 3, 8080, seed=7)

    @classmethod
    def tearDownClass(cls):
        cls.dir.cleanup()

    def test_ten_feeds_hold_every_format_and_encoding(self):
        kinds = {(f.format, f.encoding) for f in self.feeds}
        self.assertEqual(
            kinds, {("rss", "utf-8"), ("atom", "utf-8"), ("rss", "gbk"), ("atom", "gb2312"), ("json", "utf-8")}
        )

    def test_feeds_are_spread_over_the_hosts_round_robin(self):
        self.assertEqual([f.host for f in self.feeds[:4]], ["127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.1"])

    def test_every_feed_parses_with_m_items_whose_pictures_are_on_its_own_host(self):
        for f in self.feeds:
            raw = (self.site / f.file).read_bytes()
            if f.format == "json":
                doc = json.loads(raw)
                bodies = [i["content_html"] for i in doc["items"]]
                ids = [i["id"] for i in doc["items"]]
            else:
                root = parse_xml(raw, f.encoding)
                if f.format == "rss":
                    items = root.findall("./channel/item")
                    bodies, ids = [i.findtext("description") for i in items], [i.findtext("guid") for i in items]
                else:
                    ns = {"a": "http://www.w3.org/2005/Atom"}
                    items = root.findall("a:entry", ns)
                    bodies, ids = [i.findtext("a:content", namespaces=ns) for i in items], [
                        i.findtext("a:id", namespaces=ns) for i in items
                    ]
            self.assertEqual(len(bodies), 6, f.file)
            self.assertEqual(len(set(ids)), 6, f.file)
            for body in bodies:
                self.assertRegex(body, rf'<img src="http://{re.escape(f.host)}:8080/img/{f.index}-\d+\.(png|jpg)"')

    def test_legacy_feeds_declare_their_charset_in_xml_only(self):
        for f in self.feeds:
            raw = (self.site / f.file).read_bytes()
            if f.encoding in ("gbk", "gb2312"):
                self.assertTrue(raw.startswith(f'<?xml version="1.0" encoding="{f.encoding}"?>'.encode()))
                self.assertNotIn("charset", f.content_type)
                with self.assertRaises(UnicodeDecodeError):
                    raw.decode("utf-8")
            else:
                raw.decode("utf-8")

    def test_gbk_feeds_carry_traditional_text_and_gb2312_feeds_simplified(self):
        gbk = next(f for f in self.feeds if f.encoding == "gbk")
        gb2312 = next(f for f in self.feeds if f.encoding == "gb2312")
        self.assertRegex((self.site / gbk.file).read_bytes().decode("gbk"), "[發經會區與對為將]")
        text = (self.site / gb2312.file).read_bytes().decode("gb2312")
        self.assertNotRegex(text, "[發經會區與對為將]")

    def test_the_same_seed_gives_the_same_bytes_and_another_seed_other_bytes(self):
        with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
            again = feeds.generate(Path(a), 10, 6, 3, 8080, seed=7)
            other = feeds.generate(Path(b), 10, 6, 3, 8080, seed=8)
            for f, g, h in zip(self.feeds, again, other):
                first = (self.site / f.file).read_bytes()
                self.assertEqual(first, (Path(a) / g.file).read_bytes())
                self.assertNotEqual(first, (Path(b) / h.file).read_bytes())

    def test_the_manifest_loads_back_as_the_same_feeds(self):
        self.assertEqual(feeds.load(self.site), self.feeds)


if __name__ == "__main__":
    unittest.main()
