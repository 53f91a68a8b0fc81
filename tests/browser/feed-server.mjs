// A feed server for the browser test: serves tests/fixtures/feeds/* and tests/fixtures/pages/* on 127.0.0.1,
// answers 404 for anything else, counts hits per path and records each request's User-Agent.
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';

const TYPES = {
  '.rss': 'application/rss+xml',
  '.atom': 'application/atom+xml',
  '.json': 'application/feed+json',
  '.html': 'text/html; charset=utf-8',
};

/** Starts the server on a free port; resolves to {origin, hits, requests, close}. */
export async function startFeedServer(fixturesDir) {
  const hits = new Map();
  const requests = [];
  const server = http.createServer(async (req, res) => {
    const { pathname } = new URL(req.url, 'http://127.0.0.1');
    hits.set(pathname, (hits.get(pathname) ?? 0) + 1);
    requests.push({ path: pathname, method: req.method, userAgent: req.headers['user-agent'] ?? '' });
    const match = /^\/(feeds|pages)\/([A-Za-z0-9._-]+)$/.exec(pathname);
    if (match && !match[2].startsWith('.')) {
      try {
        const body = await readFile(path.join(fixturesDir, match[1], match[2]));
        const type = TYPES[path.extname(match[2])] ?? 'application/octet-stream';
        res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length });
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      } catch {
        // fall through to 404
      }
    }
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('not found\n');
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    requests,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}
