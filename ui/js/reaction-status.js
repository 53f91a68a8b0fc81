// The portal's answer to the reader's reaction on a portal article (#reaction-status): waiting (and why),
// done, already reacted, or refused, with the portal's own message; and "Send now" while it waits.
//
// Reacting already sends: articles_set_reaction starts the back end's send of the queued reaction. A
// reactions_send of our own at the same moment would send the reaction a second time (both read the queue
// before either is answered) and the portal answers the second "already reacted", which may be the answer
// kept. So after reacting the reader's answer is read back from the article until the back end's send has
// answered; reactions_send is called only when the reader asks (Send now) while the reaction waits.
import { api } from './api.js';
import { byId } from './dom.js';
import { t } from './i18n.js';
import { showError } from './notice.js';
import { on, sameId, state } from './state.js';

const POLL_MS = 250;
/** How long a reaction's first answer is awaited (a portal that does not answer is a network timeout). */
const WAIT_MS = 60_000;
let generation = 0;

/** The article whose reaction this window is sending (or waiting for the back end to send) now, and whether
 *  the reader asked for it (Send now: a reaction that waited for a reason is being sent again). */
let sendingId = null;
let asked = false;

function describe(status, sending) {
  const reaction = t(`reaction.${status.reaction}`);
  const key = sending ? 'portal.reaction.sending' : `portal.reaction.${status.state}`;
  const text = t(key, { reaction });
  return status.message && !sending ? t('portal.reaction.withMessage', { text, message: status.message }) : text;
}

/** Shows the answer kept on `article` (hidden for articles that are not a portal's or have none). */
export function showReactionStatus(article) {
  const box = byId('reaction-status');
  const status = article?.portal?.reaction_status ?? null;
  box.hidden = !status;
  byId('reaction-send').hidden = status?.state !== 'waiting';
  if (!status) {
    delete box.dataset.state;
    delete box.dataset.reaction;
    byId('reaction-status-text').textContent = '';
    return;
  }
  // Waiting with no reason yet is "sending" only while a send is under way; stored so, it just waits.
  const sending = status.state === 'waiting' && (asked || !status.message) && sameId(sendingId, article.id);
  box.dataset.state = status.state;
  box.dataset.reaction = status.reaction;
  box.dataset.sending = String(sending);
  byId('reaction-status-text').textContent = describe(status, sending);
}

/** Reads the open article's answer again; false when another article was opened meanwhile. */
async function refresh(id, mine) {
  let article;
  try {
    article = await api.articles.get(id);
  } catch (err) {
    console.warn('reaction answer', err);
    return false;
  }
  if (mine !== generation || !sameId(state.current?.id, id) || !state.current.portal) return false;
  state.current.portal.reaction_status = article.portal?.reaction_status ?? null;
  showReactionStatus(state.current);
  return true;
}

/** After the reader reacted to portal article `id`: shows the answer once the back end's send has one. */
export async function followReaction(id) {
  const mine = ++generation;
  const deadline = Date.now() + WAIT_MS;
  sendingId = id;
  asked = false;
  try {
    while (await refresh(id, mine)) {
      const status = state.current.portal.reaction_status;
      // Still "waiting" without a why: the send has not answered yet.
      if (!status || status.state !== 'waiting' || status.message || Date.now() > deadline) return;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    if (mine === generation) {
      sendingId = null;
      if (sameId(state.current?.id, id)) showReactionStatus(state.current);
    }
  }
}

/** Send now: every queued reaction goes to its portal (those with a sign-in); the open one shows its answer. */
async function sendNow() {
  const article = state.current;
  if (!article?.portal) return;
  const mine = ++generation;
  const button = byId('reaction-send');
  button.disabled = true;
  sendingId = article.id;
  asked = true;
  showReactionStatus(article);
  try {
    await api.reactions.send();
  } catch (err) {
    showError(err);
  } finally {
    button.disabled = false;
  }
  if (mine === generation) {
    sendingId = null;
    asked = false;
  }
  if (!(await refresh(article.id, mine)) && sameId(state.current?.id, article.id)) showReactionStatus(state.current);
}

/** Reads the open portal article's answer again after something may have sent it (a sync, a sign-in). */
export function refreshReactionStatus() {
  const article = state.current;
  // The same generation: a reaction being followed keeps being followed.
  if (article?.portal) refresh(article.id, generation);
}

export function initReactionStatus() {
  byId('reaction-send').addEventListener('click', sendNow);
  // A sync ends by sending the queued reactions of portals that answered; signing in sends them too.
  on('synced', refreshReactionStatus);
  on('reactions-sent', refreshReactionStatus);
}
