// Helpers for the library test (folders, source settings, background sync, OPML): calling the API from the page
// with the token it keeps in sessionStorage, finding sources by feed URL, and opening a source's settings.

const POLL_MS = 100;
const WAIT_MS = 15_000;

/** Helpers bound to one playwright page and the page helpers of page-helpers.mjs. */
export function libraryHelpers(page, { waitUntil }) {
  /** Calls one command of docs/api.md as the page would; resolves to {status, body}. */
  const apiCall = (cmd, args = {}) => page.evaluate(async ([name, body]) => {
    const response = await fetch(`/api/${name}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${sessionStorage.getItem('jianbao.token')}`,
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }, [cmd, args]);

  /** The value of a command that must succeed. */
  async function api(cmd, args) {
    const { status, body } = await apiCall(cmd, args);
    if (status !== 200) throw new Error(`${cmd} ${JSON.stringify(args)} → ${status} ${JSON.stringify(body)}`);
    return body;
  }

  /** The listed source whose feed URL is `feedUrl`, as the back end has it now. */
  async function sourceByUrl(feedUrl) {
    const sources = await api('sources_list');
    const source = sources.find((s) => s.feed_url === feedUrl || s.url === feedUrl);
    if (!source) throw new Error(`no source ${feedUrl} in ${JSON.stringify(sources.map((s) => s.feed_url))}`);
    return source;
  }

  /**
   * Starts a sync of `ids` through the API, as the scheduler would, behind the UI's back. If another sync runs,
   * waits for it to end, unless it is already fetching `title` (the scheduler got there first: just as good).
   */
  async function startBackgroundSync(ids, title) {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const { status, body } = await apiCall('sync_start', { ids });
      if (status === 200) return body;
      if (body.kind !== 'busy') throw new Error(`sync_start → ${status} ${JSON.stringify(body)}`);
      const running = await api('sync_status');
      if (running.running && running.current.includes(title)) return running;
      if (Date.now() > deadline) throw new Error(`a sync kept running: ${JSON.stringify(running)}`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  const row = (id) => `#sources li[data-source-id="${id}"]`;

  /** Adds `feedUrl` through the form and resolves to the new source once the list shows it. */
  async function addSourceThroughForm(feedUrl, addSource) {
    await addSource(feedUrl);
    await waitUntil(`the add form to close after adding ${feedUrl}`, () => document.querySelector('#add-form').hidden);
    const source = await sourceByUrl(feedUrl);
    await waitUntil(`${feedUrl} listed`, (sel) => document.querySelector(sel), row(source.id));
    return source;
  }

  /** Selects source `id` in the list and opens its settings dialog. */
  async function openSourceSettings(id) {
    await page.click(`${row(id)} .source-open`);
    await waitUntil(`source ${id} selected`, (sel) => document.querySelector(sel)?.classList.contains('selected'),
      row(id));
    await page.click(`${row(id)} .source-settings`);
    await waitUntil('the source dialog', (sourceId) => {
      const dialog = document.querySelector('#source-dialog');
      return dialog.open && dialog.dataset.sourceId === String(sourceId);
    }, id);
  }

  /** Saves the source dialog and waits until it has closed (or throws with the inline error it showed). */
  async function saveSourceSettings() {
    await page.click('#source-save');
    const outcome = await waitUntil('the source dialog to save', () => {
      const error = document.querySelector('#source-error');
      if (!error.hidden) return `error: ${error.textContent}`;
      return document.querySelector('#source-dialog').open ? null : 'closed';
    });
    if (outcome !== 'closed') throw new Error(`saving failed: ${outcome}`);
  }

  /** Opens the library settings dialog and waits until it shows the back end's values. */
  async function openSettings() {
    await page.click('#settings-open');
    await waitUntil('the settings dialog', () => {
      const dialog = document.querySelector('#settings-dialog');
      return dialog.open && dialog.dataset.loaded === 'true';
    });
  }

  /** What a source row's sync marker says: {state, text, title}. */
  const mark = (id) => page.evaluate((sel) => {
    const el = document.querySelector(`${sel} .sync-mark`);
    return el ? { state: el.dataset.state, text: el.textContent, title: el.title, hidden: el.hidden } : null;
  }, row(id));

  return { apiCall, api, sourceByUrl, startBackgroundSync, row, addSourceThroughForm, openSourceSettings, saveSourceSettings,
    openSettings, mark };
}
