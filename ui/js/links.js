// Outside links (article bodies, the Original link, picture placeholders, a portal's 來自): only http(s)
// addresses open, in the system browser through the opener plugin in the desktop app, in a new tab in web mode.
// javascript:, file:, data: and everything else never open.

/** The URL if it is http(s), else null. Relative hrefs resolve against `base` when given. */
export function openableUrl(href, base) {
  try {
    const url = base ? new URL(href, base) : new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The desktop app's openUrl (tauri-plugin-opener), looked up when needed: absent in web mode. */
function systemOpener() {
  const open = window.__TAURI__?.opener?.openUrl;
  return typeof open === 'function' ? open : null;
}

/** Opens `href` outside Jianbao if it is an http(s) address; resolves to whether it was opened. */
export async function openOutside(href) {
  const url = openableUrl(href);
  if (!url) return false;
  const open = systemOpener();
  if (!open) {
    window.open(url, '_blank', 'noopener');
    return true;
  }
  try {
    await open(url);
    return true;
  } catch (err) {
    // No browser configured, or the plugin refused: nothing else to try, and reading goes on.
    console.warn('could not open', url, err);
    return false;
  }
}

/** Makes clicks (and middle clicks) on the links inside `root` open outside instead of navigating. */
export function openLinksOutside(root) {
  const onClick = (event) => {
    if (event.button > 1) return;
    const link = event.target?.closest?.('a[href]');
    if (!link || !root.contains(link)) return;
    event.preventDefault();
    openOutside(link.href);
  };
  root.addEventListener('click', onClick);
  root.addEventListener('auxclick', onClick);
}
