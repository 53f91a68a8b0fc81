// Desktop notifications for new articles from a background sync: only in the desktop app (Tauri's notification
// plugin), only when the reader opted in (settings.notify_new). Web mode has no such API and gets none.
import { api } from './api.js';
import { formatCount } from './format.js';
import { t } from './i18n.js';

/** The plugin's sendNotification, looked up when needed (absent in web mode). */
function sender() {
  const send = window.__TAURI__?.notification?.sendNotification;
  return typeof send === 'function' ? send : null;
}

/** Tells the reader that a sync they did not start brought `count` new articles, if they asked to know. */
export async function notifyNewArticles(count) {
  const send = sender();
  if (!send || !(count > 0)) return;
  try {
    const settings = await api.settings.get();
    if (!settings?.notify_new) return;
    const body = t(count === 1 ? 'notify.bodyOne' : 'notify.body', { count: formatCount(count) });
    await send({ title: t('notify.title'), body });
  } catch (err) {
    // A notification is a courtesy: failing to send one must not disturb reading.
    console.warn('notification not sent', err);
  }
}
