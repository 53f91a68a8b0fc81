// The five portal reactions (鮮花 握手 雷人 路過 雞蛋) under an article: one per article, changeable, cleared by
// pressing the chosen one again; portal articles also show the portal's own count for each.
import { byId, h, replaceChildren } from './dom.js';
import { formatCount } from './format.js';
import { t } from './i18n.js';

export const REACTIONS = ['flowers', 'handshake', 'shocking', 'passing', 'eggs'];

/** Draws the buttons for `article`; `onPick(reactionOrNull)` is called with the reaction to store. */
export function renderReactions(article, onPick) {
  const counts = article.portal?.reactions ?? null;
  replaceChildren(byId('reactions'), REACTIONS.map((reaction) => {
    const count = counts ? counts[reaction] : null;
    const button = h('button', {
      type: 'button',
      class: 'reaction',
      dataset: { reaction },
      'aria-pressed': String(article.reaction === reaction),
    },
    h('span', { class: 'label', text: t(`reaction.${reaction}`) }),
    count === null || count === undefined ? null
      : h('span', { class: 'count', text: t('portal.reactionCount', { count: formatCount(count) }) }));
    button.addEventListener('click', () => {
      const pressed = button.getAttribute('aria-pressed') === 'true';
      onPick(pressed ? null : reaction);
    });
    return button;
  }));
}

/** Marks the chosen reaction pressed (and only that one). */
export function showReaction(reaction) {
  for (const button of byId('reactions').querySelectorAll('button[data-reaction]')) {
    button.setAttribute('aria-pressed', String(button.dataset.reaction === reaction));
  }
}
