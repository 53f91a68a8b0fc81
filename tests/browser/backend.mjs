// Starts the Jianbao back end in web mode (`jianbao --data-dir <dir> serve --port 0`) for the browser test
// and reads the address it prints on its first line of stdout.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Resolves to {url, origin, stderr(), stop()} once the first stdout line (the URL with #token=) arrives. */
export function startBackend({ bin, dataDir, timeoutMs = 30_000 }) {
  // The test needs the starter library in a fresh folder, whatever the caller's environment says.
  const env = { ...process.env, NO_COLOR: '1' };
  delete env.JIANBAO_NO_STARTER;
  delete env.JIANBAO_DATA_DIR;
  const child = spawn(bin, ['--data-dir', dataDir, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const stop = () => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });

  return new Promise((resolve, reject) => {
    const fail = (why) => {
      clearTimeout(timer);
      stop().then(() => reject(new Error(`${why}\n--- stderr of ${bin} ---\n${stderr}`)));
    };
    const timer = setTimeout(() => fail(`no URL on stdout within ${timeoutMs} ms`), timeoutMs);
    child.once('error', (err) => fail(`could not start ${bin}: ${err.message}`));
    child.once('exit', (code, signal) => fail(`${bin} exited early (code ${code}, signal ${signal})`));
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const url = line.trim();
      if (!/^http:\/\/127\.0\.0\.1:\d+\/#token=\S+$/.test(url)) {
        fail(`first stdout line is not http://127.0.0.1:<port>/#token=<secret>: ${JSON.stringify(line)}`);
        return;
      }
      // Keep draining stdout so the child never blocks on a full pipe.
      lines.on('line', () => {});
      resolve({ url, origin: new URL(url).origin, stderr: () => stderr, stop });
    });
  });
}
