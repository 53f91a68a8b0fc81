// The DOM of the source list: folders (collapsible, nested, with summed unread counts) and source rows with
// their unread count, sync marker, settings and remove buttons. What a click does is the caller's `actions`.
import { h } from './dom.js';
import { folderKey, formatFolder, subfolders } from './folders.js';
import { formatCount } from './format.js';
import { t } from './i18n.js';

const COLLAPSED_KEY = 'jianbao.collapsedFolders';

function loadCollapsed() {
  try {
    return new Set(JSON.parse(localStorage.getItem(COLLAPSED_KEY) || '[]'));
  } catch {
    return new Set();
  }
}

const collapsed = loadCollapsed();

function saveCollapsed() {
  try {
    localStorage.setItem(COLLAPSED_KEY, JSON.stringify([...collapsed]));
  } catch {
    // Storage may be unavailable; folders then open expanded next time.
  }
}

/** Writes a count into an `.unread` element (hidden by CSS at 0) with a readable title. */
export function setCount(el, count) {
  el.textContent = formatCount(count || 0);
  el.dataset.count = String(count || 0);
  el.title = t('sources.unread', { count: formatCount(count || 0) });
}

function unreadBadge(count) {
  const el = h('span', { class: 'unread' });
  setCount(el, count);
  return el;
}

function sourceItem(source, actions) {
  const failed = Boolean(source.last_error);
  const open = h('button', { type: 'button', class: 'source-open', title: source.feed_url || source.url },
    h('span', { class: 'title', text: source.title || source.url }),
    failed ? h('span', {
      class: 'error-marker',
      title: source.last_error,
      role: 'img',
      'aria-label': t('sources.errorMarker'),
      text: '!',
    }) : null,
    h('span', { class: 'sync-mark', role: 'img', hidden: true }),
    unreadBadge(source.unread),
  );
  open.addEventListener('click', () => actions.open(source));
  const settings = h('button', {
    type: 'button',
    class: 'source-settings',
    title: t('sources.settings'),
    'aria-label': t('sources.settingsLabel', { title: source.title }),
    text: '⚙',
  });
  settings.addEventListener('click', () => actions.settings(source));
  const remove = h('button', {
    type: 'button',
    class: 'source-remove',
    title: t('sources.remove'),
    'aria-label': t('sources.removeLabel', { title: source.title }),
    text: '×',
  });
  const li = h('li', { class: failed ? 'source failed' : 'source', dataset: { sourceId: String(source.id) } },
    open, settings, remove);
  remove.addEventListener('click', () => actions.remove(li, source));
  if (failed) li.dataset.errorKind = source.last_error_kind || '';
  return li;
}

function folderItem(node, actions) {
  const key = folderKey(node.path);
  const isCollapsed = collapsed.has(key);
  const toggle = h('button', {
    type: 'button',
    class: 'folder-toggle',
    'aria-expanded': String(!isCollapsed),
    'aria-label': t('folders.toggle', { name: node.name }),
    text: '▾',
  });
  const open = h('button', { type: 'button', class: 'folder-open', title: formatFolder(node.path) },
    h('span', { class: 'title', text: node.name }),
    unreadBadge(node.unread));
  const children = h('ul', { class: 'folder-children', role: 'group', hidden: isCollapsed }, ...items(node, actions));
  const li = h('li', {
    class: isCollapsed ? 'folder collapsed' : 'folder',
    dataset: { folder: formatFolder(node.path), folderKey: key },
  }, h('div', { class: 'folder-row' }, toggle, open), children);
  toggle.addEventListener('click', () => {
    const nowCollapsed = !li.classList.contains('collapsed');
    li.classList.toggle('collapsed', nowCollapsed);
    children.hidden = nowCollapsed;
    toggle.setAttribute('aria-expanded', String(!nowCollapsed));
    if (nowCollapsed) collapsed.add(key);
    else collapsed.delete(key);
    saveCollapsed();
  });
  open.addEventListener('click', () => actions.openFolder(node.path));
  return li;
}

/** The list items of one tree level: its sources in the back end's order, then its folders by name. */
export function items(node, actions) {
  return [
    ...node.sources.map((source) => sourceItem(source, actions)),
    ...subfolders(node).map((folder) => folderItem(folder, actions)),
  ];
}
