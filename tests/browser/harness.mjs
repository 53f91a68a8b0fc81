// One browser test's world: the fixtures' feed server, `jianbao serve` on a fresh library, Debian's Chromium on
// the printed address, and the page helpers bound to it; `close()` takes it all down again.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBackend } from './backend.mjs';
import { launchChromium } from './chromium.mjs';
import { startFeedServer } from './feed-server.mjs';
import { libraryHelpers } from './library-helpers.mjs';
import { pageHelpers } from './page-helpers.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.resolve(ROOT, process.env.JIANBAO_BIN || 'target/debug/jianbao');

/** Resolves to {feeds, backend, browser, page, ui, lib, pageErrors, close} with the app started in the page. */
export async function openHarness(name) {
  const world = { pageErrors: [] };
  world.close = async () => {
    await world.browser?.close();
    await world.backend?.stop();
    await world.feeds?.close();
    if (world.dataDir) await rm(world.dataDir, { recursive: true, force: true });
  };
  world.feeds = await startFeedServer(path.join(ROOT, 'tests/fixtures'));
  world.dataDir = await mkdtemp(path.join(os.tmpdir(), `jianbao-${name}-`));
  world.backend = await startBackend({ bin: BIN, dataDir: world.dataDir });
  world.browser = await launchChromium();
  world.page = world.browser.page;
  world.ui = pageHelpers(world.page);
  world.lib = libraryHelpers(world.page, world.ui);
  world.page.on('pageerror', (err) => world.pageErrors.push(err.message));
  await world.page.goto(world.backend.url);
  await world.ui.waitUntil('the app to start', () => document.body.dataset.ready === 'true');
  return world;
}
