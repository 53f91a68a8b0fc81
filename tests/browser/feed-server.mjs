// A feed server for the browser test: serves tests/fixtures/feeds/*, tests/fixtures/pages/* and the pictures
// tests/fixtures/img/*.{png,gif} (image/png, image/gif) on 127.0.0.1, answers 404 for anything else, counts hits
// per path and records each request's User-Agent. A test can make a path fail (`fail(path, status)` until
// `restore(path)`), hold its answers until it says so (`hold(path)`), or answer a path with a body of its own
// (`serve(path, type, body)`).
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';

const TYPES = {
  '.rss': 'application/rss+xml',
  '.atom': 'application/atom+xml',
  '.json': 'application/feed+json',
  '.html': 'text/html; charset=utf-8',
  '.png': 'image/png',
  '.gif': 'image/gif',
};

/** The fixture folders served, and which files of each. */
const SERVED = /^\/(feeds|pages)\/([A-Za-z0-9._-]+)$|^\/(img)\/([A-Za-z0-9_-]+\.(?:png|gif))$/;

/** Starts the server on a free port; resolves to {origin, hits, requests, fail, restore, hold, serve, close}. */
export async function startFeedServer(fixturesDir) {
  const hits = new Map();
  const requests = [];
  const failing = new Map();
  const held = new Map();
  const extra = new Map();
  const server = http.createServer(async (req, res) => {
    const { pathname } = new URL(req.url, 'http://127.0.0.1');
    hits.set(pathname, (hits.get(pathname) ?? 0) + 1);
    requests.push({ path: pathname, method: req.method, userAgent: req.headers['user-agent'] ?? '' });
    if (held.has(pathname)) await held.get(pathname).promise;
    if (failing.has(pathname)) {
      const { status, headers } = failing.get(pathname);
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
      res.end('failing on purpose\n');
      return;
    }
    if (extra.has(pathname)) {
      const { type, body } = extra.get(pathname);
      res.writeHead(200, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    const match = SERVED.exec(pathname);
    const [folder, name] = match ? [match[1] ?? match[3], match[2] ?? match[4]] : [];
    if (match && !name.startsWith('.')) {
      try {
        const body = await readFile(path.join(fixturesDir, folder, name));
        const type = TYPES[path.extname(name)] ?? 'application/octet-stream';
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
    /** Answers `path` with `status` (e.g. 500) and extra `headers` (e.g. Retry-After) until restored. */
    fail: (path, status = 500, headers = {}) => failing.set(path, { status, headers }),
    restore: (path) => failing.delete(path),
    /** Answers `path` with `body` (a string or a Buffer) of content type `type`. */
    serve: (path, type, body) => extra.set(path, { type, body }),
    /** Keeps requests for `path` waiting; resolves to a function that lets them (and later ones) through. */
    hold: (path) => {
      let release;
      const promise = new Promise((resolve) => {
        release = resolve;
      });
      held.set(path, { promise, release });
      return () => {
        if (held.get(path)?.promise === promise) held.delete(path);
        release();
      };
    },
    close: () => new Promise((resolve) => {
      for (const { release } of held.values()) release();
      held.clear();
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}
