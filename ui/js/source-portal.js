// The source dialog's part for a portal category: the pinyin switch (saved with the dialog, as clean_pinyin),
// the articles the portal refused with their reason (portal_refusals), and the sign-in to the portal (a name
// and password, or a cookie pasted from the browser; sign out), saying where the sign-in is kept.
import { api } from './api.js';
import { clearFormError, localError, showFormError } from './dialog.js';
import { byId, h, replaceChildren } from './dom.js';
import { formatCount } from './format.js';
import { has, t } from './i18n.js';
import { openLinksOutside } from './links.js';
import { outsideLink } from './reader-parts.js';
import { emit } from './state.js';

/** The portal category the dialog shows: {id, site} (site: the portal's site URL), or null. */
let shown = null;
/**
 * Sign-ins as last learned, by site URL: {user, kept, note} or {signedOut: true} (from portal_sign_in when the
 * dialog opens, and from signing in or out here).
 */
const signins = new Map();

function showSignin(site) {
  const line = byId('portal-signin-state');
  const known = signins.get(site);
  let text;
  if (!known) text = t('portal.signin.unknown', { site });
  else if (known.none) text = t('portal.signin.none', { site });
  else if (known.signedOut) text = t(known.had ? 'portal.signin.signedOut' : 'portal.signin.noneToSignOut', { site });
  else {
    const who = known.user ? t('portal.signin.as', { user: known.user }) : t('portal.signin.asCookie');
    text = known.kept === 'system'
      ? t('portal.signin.keptSystem', { who })
      : t('portal.signin.keptSession', { who, note: known.note || t('portal.signin.noStore') });
  }
  line.textContent = text;
  line.dataset.kept = known && !known.signedOut && !known.none ? known.kept : '';
  line.dataset.user = known?.user ?? '';
  delete line.dataset.sent;
  byId('portal-logout').disabled = Boolean(known?.signedOut || known?.none);
}

function refusalItem(refusal) {
  const key = `portal.refusal.${refusal.refusal}`;
  return h('li', { dataset: { aid: String(refusal.aid), refusal: refusal.refusal } },
    h('span', { class: 'refusal-reason', text: has(key) ? t(key) : t('portal.refusal.message') }),
    outsideLink(refusal.url, t('portal.refusal.article', { aid: refusal.aid }), 'refusal-link'),
    refusal.message ? h('span', { class: 'refusal-message', text: t('portal.refusal.said', { message: refusal.message }) }) : null);
}

async function loadRefusals(id) {
  const list = byId('portal-refusals');
  list.dataset.loaded = 'false';
  list.replaceChildren();
  byId('portal-refusals-none').hidden = true;
  let refusals;
  try {
    refusals = await api.portals.refusals(id);
  } catch (err) {
    if (shown?.id === id) showFormError(byId('portal-refusals-error'), err);
    return;
  }
  if (shown?.id !== id) return;
  replaceChildren(list, refusals.map(refusalItem));
  byId('portal-refusals-none').hidden = refusals.length > 0;
  list.dataset.count = String(refusals.length);
  list.dataset.loaded = 'true';
}

/** Shows or hides the portal parts of the dialog for `source`. */
export function fillSourcePortal(source) {
  const portal = source.kind === 'portal' ? source.portal : null;
  shown = portal ? { id: source.id, site: portal.site_url } : null;
  byId('source-portal-options').hidden = !portal;
  byId('source-portal').hidden = !portal;
  byId('source-clean-pinyin').checked = Boolean(portal?.clean_pinyin);
  clearFormError(byId('portal-signin-error'));
  clearFormError(byId('portal-refusals-error'));
  byId('portal-password').value = '';
  byId('portal-cookie').value = '';
  if (!portal) return;
  byId('source-portal').dataset.siteUrl = portal.site_url;
  const known = signins.get(portal.site_url);
  if (known?.user) byId('portal-user').value = known.user;
  showSignin(portal.site_url);
  loadRefusals(source.id);
  loadSignin(shown);
}

/** Asks the back end whether a sign-in is kept for the shown portal, and shows it. */
async function loadSignin(portal) {
  let answer;
  try {
    answer = await api.portals.signIn(portal.site);
  } catch {
    return; // What was shown stays; signing in still works.
  }
  if (shown !== portal) return;
  if (answer.signed_in) {
    signins.set(portal.site, { user: answer.user, kept: answer.kept, note: null });
    if (answer.user && !byId('portal-user').value) byId('portal-user').value = answer.user;
  } else if (!signins.get(portal.site)?.signedOut) {
    signins.set(portal.site, { none: true });
  }
  showSignin(portal.site);
}

/** What the portal parts change about `source`, as sources_update wants it. */
export function sourcePortalChanges(source) {
  if (source.kind !== 'portal' || !source.portal) return {};
  const clean = byId('source-clean-pinyin').checked;
  return clean === Boolean(source.portal.clean_pinyin) ? {} : { clean_pinyin: clean };
}

async function signIn(how, button) {
  const portal = shown;
  if (!portal) return;
  const error = byId('portal-signin-error');
  clearFormError(error);
  button.disabled = true;
  byId('source-portal').setAttribute('aria-busy', 'true');
  try {
    const answer = await api.portals.login(portal.site, how);
    signins.set(answer.site_url || portal.site, { user: answer.user, kept: answer.kept, note: answer.note });
    if (answer.site_url && answer.site_url !== portal.site) signins.set(portal.site, signins.get(answer.site_url));
    byId('portal-password').value = '';
    byId('portal-cookie').value = '';
    if (shown === portal) showSignin(portal.site);
    if (answer.sent?.length) {
      const line = byId('portal-signin-state');
      const sent = answer.sent.length === 1 ? t('portal.signin.sentOne')
        : t('portal.signin.sent', { count: formatCount(answer.sent.length) });
      line.textContent += ` ${sent}`;
      line.dataset.sent = String(answer.sent.length);
      emit('reactions-sent', answer.sent);
    }
  } catch (err) {
    if (shown === portal) showFormError(error, err);
  } finally {
    button.disabled = false;
    byId('source-portal').setAttribute('aria-busy', 'false');
  }
}

async function signOut() {
  const portal = shown;
  if (!portal) return;
  clearFormError(byId('portal-signin-error'));
  try {
    const answer = await api.portals.logout(portal.site);
    signins.set(portal.site, { signedOut: true, had: Boolean(answer?.signed_out) });
    if (shown === portal) showSignin(portal.site);
  } catch (err) {
    if (shown === portal) showFormError(byId('portal-signin-error'), err);
  }
}

export function initSourcePortal() {
  byId('portal-signin-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const user = byId('portal-user').value.trim();
    const password = byId('portal-password').value;
    if (!user || !password) {
      showFormError(byId('portal-signin-error'), localError(t('portal.signin.missing')));
      byId(user ? 'portal-password' : 'portal-user').focus();
      return;
    }
    signIn({ user, password }, byId('portal-login'));
  });
  byId('portal-cookie-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const cookie = byId('portal-cookie').value.trim();
    if (!cookie) {
      showFormError(byId('portal-signin-error'), localError(t('portal.signin.missingCookie')));
      byId('portal-cookie').focus();
      return;
    }
    signIn({ cookie }, byId('portal-login-cookie'));
  });
  byId('portal-logout').addEventListener('click', signOut);
  openLinksOutside(byId('portal-refusals'));
}
