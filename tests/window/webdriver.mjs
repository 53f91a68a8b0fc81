// A small W3C WebDriver client over fetch, enough to drive the Jianbao window through WebKitWebDriver.
import { spawn } from 'node:child_process';
import net from 'node:net';

export const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Starts WebKitWebDriver (with Tauri's automation switch) and waits until it answers. */
export async function startDriver(binary = '/usr/bin/WebKitWebDriver') {
  const port = await freePort();
  // In a process group of its own: the app it launches belongs to the group, so stopping the driver stops an app
  // that outlived its session too (one left running would hold the test's output open and the run with it).
  const child = spawn(binary, [`--port=${port}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, TAURI_WEBVIEW_AUTOMATION: 'true' },
    detached: true,
  });
  const stopAll = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch { /* already gone */ }
  };
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`${base}/status`);
      if (res.ok) return { base, stop: stopAll, log: () => log };
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  stopAll();
  throw new Error(`WebKitWebDriver did not start: ${log}`);
}

async function send(base, method, path, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json.value ?? json)}`);
  return json.value;
}

/** A session: the app process runs for as long as it lives. */
export class Session {
  static async create(driver, binary, args) {
    const value = await send(driver.base, 'POST', '/session', {
      capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary, args } } },
    });
    return new Session(driver.base, value.sessionId);
  }

  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  cmd(method, path, body) {
    return send(this.base, method, `/session/${this.id}${path}`, body);
  }

  /** Runs a script in the page; `args` are passed as `arguments`. */
  exec(script, ...args) {
    return this.cmd('POST', '/execute/sync', { script, args });
  }

  /** Waits until `script` returns a truthy value; returns it. */
  async waitFor(what, script, ...args) {
    const deadline = Date.now() + 20_000;
    let last;
    while (Date.now() < deadline) {
      try {
        last = await this.exec(script, ...args);
        if (last) return last;
      } catch (err) {
        last = err.message;
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
  }

  async find(css) {
    const el = await this.cmd('POST', '/element', { using: 'css selector', value: css });
    return el[ELEMENT];
  }

  /** Clicks the element `css` names, finding it again if it was re-rendered in between. */
  async click(css) {
    for (let attempt = 1; ; attempt++) {
      try {
        const id = await this.find(css);
        await this.cmd('POST', `/element/${id}/click`, {});
        return;
      } catch (err) {
        if (attempt >= 5 || !/stale element/.test(err.message)) throw err;
      }
    }
  }

  async type(css, text) {
    const id = await this.find(css);
    await this.cmd('POST', `/element/${id}/clear`, {});
    await this.cmd('POST', `/element/${id}/value`, { text });
  }

  /** A PNG of the window, as a Buffer. */
  async screenshot() {
    return Buffer.from(await this.cmd('GET', '/screenshot'), 'base64');
  }

  async close() {
    await send(this.base, 'DELETE', `/session/${this.id}`);
  }
}
