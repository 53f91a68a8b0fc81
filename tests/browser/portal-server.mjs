// Runs the test portal (萍鄉城事網, a Discuz! X3.4 portal in miniature: tests/support/portal/README.md) for the
// browser and window tests: `portal-server --port P` prints its base URL first and serves until killed; a
// restart on the same port starts from the initial site. Also reads a reaction's count off an article page.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** The runner the tests use: $PORTAL_SERVER_BIN, else the debug build's example under the target folder. */
export function portalServerBin(root) {
  const target = process.env.CARGO_TARGET_DIR || path.join(root, 'target');
  return path.resolve(root, process.env.PORTAL_SERVER_BIN || path.join(target, 'debug/examples/portal-server'));
}

function run(bin, port, timeoutMs) {
  const child = spawn(bin, ['--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    const fail = (why) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${why}\n--- stderr of ${bin} ---\n${stderr}`));
    };
    const timer = setTimeout(() => fail(`no URL on stdout within ${timeoutMs} ms`), timeoutMs);
    child.once('error', (err) => fail(`could not start ${bin}: ${err.message}`));
    child.once('exit', (code, signal) => fail(`${bin} exited early (code ${code}, signal ${signal})`));
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const url = line.trim();
      if (!/^http:\/\/127\.0\.0\.1:\d+\/$/.test(url)) fail(`first stdout line is not http://127.0.0.1:<port>/: ${JSON.stringify(line)}`);
      else resolve({ child, url });
    });
  });
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * Starts the test portal on a free port. Resolves to {url, origin, stop(), restart()}: `stop` ends it (the
 * port then refuses connections), `restart` starts it again on the same port, from the initial site.
 */
export async function startPortalServer(bin, { timeoutMs = 15_000 } = {}) {
  let { child, url } = await run(bin, 0, timeoutMs);
  const port = new URL(url).port;
  const server = {
    url,
    origin: new URL(url).origin,
    stop: () => stopChild(child),
    async restart() {
      await stopChild(child);
      ({ child } = await run(bin, port, timeoutMs));
    },
  };
  return server;
}

/** The article page of `aid` on the portal (each fetch counts as a view there). */
export function articleUrl(portalUrl, aid) {
  return new URL(`portal.php?mod=view&aid=${aid}`, portalUrl).href;
}

/** The count the article page shows for a reaction (its icon, e.g. xianhua for 鮮花), 0 when it shows none. */
export async function reactionCountOnPage(portalUrl, aid, icon) {
  const response = await fetch(articleUrl(portalUrl, aid));
  if (!response.ok) throw new Error(`article ${aid}: HTTP ${response.status}`);
  const html = await response.text();
  const clicks = html.slice(html.indexOf('id="click_div"'));
  if (!clicks.startsWith('id="click_div"')) throw new Error(`article ${aid} has no #click_div`);
  // One <td> per reaction: its link holds the icon and, when the count is above zero, div.atdc em.
  const cell = clicks.split('<td').find((part) => part.includes(`/${icon}.gif`));
  if (!cell) throw new Error(`article ${aid} shows no ${icon} reaction`);
  const count = /<div class="atdc[^"]*">[\s\S]*?<em>(\d+)<\/em>/.exec(cell);
  return count ? Number(count[1]) : 0;
}
