// The category picker of the Add source form (#add-portal): a portal's home or article page answers
// `portal_categories` with the portal's category tree; the reader ticks categories (sub-categories indented
// under their parent, or all of them at once) and Follow subscribes to those (portal_follow).
import { api } from './api.js';
import { byId, h, replaceChildren } from './dom.js';
import { t } from './i18n.js';
import { categoryTree, tickState } from './portal-categories.js';

/** The picker on screen: {url, site, onFollowed, onFailed}, or null. */
let shown = null;

function boxes() {
  return [...byId('add-portal-tree').querySelectorAll('input[type="checkbox"][data-catid]')];
}

function ticked() {
  return boxes().filter((box) => box.checked).map((box) => Number(box.dataset.catid));
}

/** The tick-all box and the Follow button follow the ticks. */
function paintTicks() {
  const all = byId('add-portal-all');
  const count = ticked().length;
  const state = tickState(count, boxes().length);
  all.checked = state === 'all';
  all.indeterminate = state === 'mixed';
  const follow = byId('add-follow');
  follow.disabled = count === 0 || byId('add-portal').getAttribute('aria-busy') === 'true';
  follow.textContent = count ? t('portal.follow.submitCount', { count }) : t('portal.follow.submit');
}

function categoryItem(node, preselected) {
  const { category } = node;
  const box = h('input', {
    type: 'checkbox',
    dataset: { catid: String(category.catid) },
    checked: preselected.has(category.catid),
  });
  box.addEventListener('change', paintTicks);
  const label = h('label', { class: 'check', title: category.list_url || '' },
    box, h('span', { class: 'portal-category-name', text: category.name || t('portal.follow.unnamed', { catid: category.catid }) }));
  const li = h('li', { dataset: { catid: String(category.catid), depth: String(category.depth ?? 0) } }, label);
  if (node.children.length) {
    li.append(h('ul', { class: 'portal-tree-children', role: 'group' }, node.children.map((child) => categoryItem(child, preselected))));
  }
  return li;
}

/**
 * Shows the categories of the portal behind `url` (`site`: the details of `portal_categories`).
 * `onFollowed(sources, site)` runs after a successful Follow, `onFailed(url, err)` after a failed one.
 */
export function showPortalCategories(url, site, { onFollowed, onFailed }) {
  shown = { url, site, onFollowed, onFailed };
  const name = site.name || site.site_url || url;
  byId('add-portal-heading').textContent = t('portal.follow.heading', { name, count: site.categories.length });
  byId('add-portal').dataset.siteUrl = site.site_url || '';
  const preselected = new Set(site.direct != null ? [site.direct] : []);
  replaceChildren(byId('add-portal-tree'), categoryTree(site.categories).map((node) => categoryItem(node, preselected)));
  byId('add-portal').hidden = false;
  paintTicks();
  boxes()[0]?.focus();
}

export function hidePortalCategories() {
  shown = null;
  byId('add-portal').hidden = true;
  byId('add-portal').setAttribute('aria-busy', 'false');
  byId('add-portal-tree').replaceChildren();
}

async function follow() {
  const picker = shown;
  const catids = ticked();
  if (!picker || !catids.length) return;
  const fieldset = byId('add-portal');
  fieldset.setAttribute('aria-busy', 'true');
  byId('add-follow').disabled = true;
  byId('add-follow').textContent = t('portal.follow.busy');
  try {
    const sources = await api.portals.follow(picker.url, catids);
    if (shown !== picker) return;
    hidePortalCategories();
    await picker.onFollowed(sources, picker.site);
  } catch (err) {
    if (shown === picker) picker.onFailed(picker.url, err);
  } finally {
    if (shown === picker) {
      fieldset.setAttribute('aria-busy', 'false');
      paintTicks();
    }
  }
}

export function initPortalFollow() {
  byId('add-portal-all').addEventListener('change', () => {
    const on = byId('add-portal-all').checked;
    for (const box of boxes()) box.checked = on;
    paintTicks();
  });
  byId('add-follow').addEventListener('click', follow);
}
