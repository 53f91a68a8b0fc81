"""Feed generator: N feeds × M items spread over K loopback hosts, written to a site folder with a manifest.

Deterministic: the same seed, sizes and port give the same bytes. Formats and encodings rotate by feed number so
that even a small N has every kind:

    feed i % 10:  0 2 6 8 → RSS 2.0, UTF-8       1 → RSS 2.0, GBK (traditional text)
                  5 7     → Atom, UTF-8          3 → Atom, GB2312 (simplified text)
                  4 9     → JSON Feed 1.1 (UTF-8, as its spec requires)

GBK feeds declare their charset only in the XML declaration; the server sends no charset for them.
"""

import json
import random
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

from . import chinese

EPOCH = datetime(2025, 3, 1, 8, 0, tzinfo=timezone.utc)  # the newest item's date; fixed for repeatable ETags
MEDIA_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml", "json": "application/feed+json"}
EXTENSIONS = {"rss": "xml", "atom": "atom", "json": "json"}


@dataclass
class Feed:
    """One generated feed, as the manifest records it."""

    index: int
    host: str
    path: str
    format: str  # rss | atom | json
    encoding: str  # utf-8 | gbk | gb2312
    items: int
    pictures: int
    content_type: str
    last_modified: str
    file: str  # relative to the site folder

    def url(self, port: int) -> str:
        return f"http://{self.host}:{port}{self.path}"


def kind(i: int) -> tuple[str, str]:
    """(format, encoding) of feed number i."""
    r = i % 10
    if r in (4, 9):
        return "json", "utf-8"
    if r == 1:
        return "rss", "gbk"
    if r == 3:
        return "atom", "gb2312"
    return ("rss" if r % 2 == 0 else "atom"), "utf-8"


def host(i: int, k: int) -> str:
    """The loopback host serving feed i, one of 127.0.0.1 … 127.0.0.k."""
    return f"127.0.0.{i % k + 1}"


@dataclass
class Item:
    guid: str
    link: str
    title: str
    author: str
    category: str
    published: datetime
    html: str


def _items(i: int, m: int, origin: str, encoding: str, rng: random.Random) -> list[Item]:
    items = []
    for j in range(m):
        # gb2312 cannot hold traditional characters; gbk feeds carry traditional text, UTF-8 feeds either.
        traditional = encoding == "gbk" or (encoding == "utf-8" and rng.random() < 0.5)
        title = chinese.title(rng, traditional)
        ext = "png" if j % 2 == 0 else "jpg"
        picture = f'<p><img src="{origin}/img/{i}-{j}.{ext}" alt="{title}" width="16" height="16"></p>'
        paragraphs = [f"<p>{chinese.paragraph(rng, traditional)}</p>" for _ in range(rng.randint(2, 4))]
        paragraphs.insert(1, picture)
        items.append(
            Item(
                guid=f"bench-{i}-{j}",
                link=f"{origin}/posts/{i}/{j}.html",
                title=title,
                author=chinese.title(rng, traditional)[:3],
                category=rng.choice(chinese.WORDS)[1 if traditional else 0],
                published=EPOCH - timedelta(hours=j, minutes=i),
                html="".join(paragraphs),
            )
        )
    return items


def _rss(title: str, origin: str, encoding: str, items: list[Item]) -> str:
    parts = [
        f'<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0">\n<channel>\n',
        f"<title>{escape(title)}</title>\n<link>{origin}/</link>\n<description>{escape(title)}</description>\n",
        f"<lastBuildDate>{format_datetime(items[0].published if items else EPOCH)}</lastBuildDate>\n",
    ]
    for it in items:
        parts.append(
            f"<item>\n<title>{escape(it.title)}</title>\n<link>{it.link}</link>\n"
            f'<guid isPermaLink="false">{it.guid}</guid>\n<pubDate>{format_datetime(it.published)}</pubDate>\n'
            f"<author>{escape(it.author)}</author>\n<category>{escape(it.category)}</category>\n"
            f"<description>{escape(it.html)}</description>\n</item>\n"
        )
    parts.append("</channel>\n</rss>\n")
    return "".join(parts)


def _atom(title: str, origin: str, encoding: str, items: list[Item], i: int) -> str:
    updated = (items[0].published if items else EPOCH).isoformat()
    parts = [
        f'<?xml version="1.0" encoding="{encoding}"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n',
        f'<title>{escape(title)}</title>\n<id>tag:bench.jianbao,2025:feed/{i}</id>\n<updated>{updated}</updated>\n',
        f'<link rel="alternate" href="{origin}/"/>\n',
    ]
    for it in items:
        parts.append(
            f"<entry>\n<title>{escape(it.title)}</title>\n<id>tag:bench.jianbao,2025:{it.guid}</id>\n"
            f'<link rel="alternate" href="{it.link}"/>\n<published>{it.published.isoformat()}</published>\n'
            f"<updated>{it.published.isoformat()}</updated>\n<author><name>{escape(it.author)}</name></author>\n"
            f'<category term="{escape(it.category)}"/>\n<content type="html">{escape(it.html)}</content>\n</entry>\n'
        )
    parts.append("</feed>\n")
    return "".join(parts)


def _json_feed(title: str, origin: str, path: str, items: list[Item]) -> str:
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "home_page_url": f"{origin}/",
        "feed_url": f"{origin}{path}",
        "items": [
            {
                "id": it.guid,
                "url": it.link,
                "title": it.title,
                "content_html": it.html,
                "date_published": it.published.isoformat(),
                "authors": [{"name": it.author}],
                "tags": [it.category],
            }
            for it in items
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def generate(site: Path, n: int, m: int, k: int, port: int, seed: int) -> list[Feed]:
    """Writes N feeds of M items each under `site` and `site/manifest.json`; returns the feeds."""
    feeds = []
    for i in range(n):
        rng = random.Random(f"{seed}:{i}")
        fmt, encoding = kind(i)
        h = host(i, k)
        origin = f"http://{h}:{port}"
        path = f"/feeds/{i}.{EXTENSIONS[fmt]}"
        items = _items(i, m, origin, encoding, rng)
        title = f"{chinese.title(rng, encoding == 'gbk')} {i}"
        if fmt == "rss":
            text = _rss(title, origin, encoding, items)
        elif fmt == "atom":
            text = _atom(title, origin, encoding, items, i)
        else:
            text = _json_feed(title, origin, path, items)
        file = f"{h}{path}"
        (site / file).parent.mkdir(parents=True, exist_ok=True)
        (site / file).write_bytes(text.encode(encoding))
        charset = "" if encoding != "utf-8" else "; charset=utf-8"
        modified = format_datetime(items[0].published if items else EPOCH, usegmt=True)
        feeds.append(Feed(i, h, path, fmt, encoding, m, m, MEDIA_TYPES[fmt] + charset, modified, file))
    (site / "manifest.json").write_text(json.dumps([asdict(f) for f in feeds], indent=1) + "\n")
    return feeds


def load(site: Path) -> list[Feed]:
    """The feeds a site folder's manifest lists."""
    return [Feed(**entry) for entry in json.loads((site / "manifest.json").read_text())]
