// Browser test of Discuz! X portals as sources, against the test portal (tests/support/portal) and `jianbao
// serve`, both on 127.0.0.1: the portal's home page pasted into Add source shows its category tree and the
// ticked categories are followed into the portal's folder (a category list URL is followed at once); after a
// sync the seed article reads as its page shows it, field for field, pinyin removed; the category path and the
// publisher list their articles; a three-page article reads whole and 35 comments show; with the portal
// stopped and the page cut off from everything but the app, the articles read with their pictures; then on the
// restarted portal the reader signs in in the source dialog and reacts: the portal answers done, then already.
// Run: node --test tests/browser/
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openHarness, ROOT } from './harness.mjs';
import { blockOtherOrigins, framePictures, picturesSettled } from './offline-helpers.mjs';
import { articleUrl, portalServerBin, reactionCountOnPage, startPortalServer } from './portal-server.mjs';

const SEED_AID = 7264;
const SEED_TITLE = '萍鄉:創新賦能高質量發展';
const MULTIPAGE = '萍鄉週末去哪兒：城區公園逐個逛';
const MANY_COMMENTS = '湘東區老街改造方案公開徵求意見';
const PICTURES = '萍鄉米粉哪家強？記者探訪城區十家老店';
const RELATED = '萍鄉入選全國文明城市提名城市';
const REACTIONS = ['鮮花', '握手', '雷人', '路過', '雞蛋'];

let world, backend, page, ui, lib, portal;
/** The portal's sources by category name, once followed. */
const sources = new Map();
let blocked = null;

before(async () => {
  world = await openHarness('portal-test');
  ({ backend, page, ui, lib } = world);
  portal = await startPortalServer(portalServerBin(ROOT));
});

after(async () => {
  await world?.close();
  await portal?.stop();
});

/** Inline pinyin as the test portal prints it (`萍鄉(xiāng)`), removed as the back end removes it. */
const withoutPinyin = (text) => text.replace(/(\p{Script=Han})\(([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ][a-zü]*)\)/gu, '$1');

/** What the portal's own page of `aid` shows: title, date, publisher, 來自, 摘要 and the body's paragraphs. */
async function portalPage(aid) {
  const html = await (await fetch(articleUrl(portal.url, aid))).text();
  return page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'text/html');
    const meta = doc.querySelector('.vw .h p.xg1');
    const text = (el) => el?.textContent.replace(/\s+/g, ' ').trim() ?? null;
    return {
      title: text(doc.querySelector('.vw .h h1.ph')),
      date: /\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}/.exec(meta.textContent)?.[0],
      publisher: text(meta.querySelector('a[href*="mod=space"]')),
      from: /來自:\s*(\S+)/.exec(meta.textContent)?.[1],
      summary: text(doc.querySelector('.vw .s'))?.replace(/^摘要\s*:\s*/, ''),
      paragraphs: [...doc.querySelectorAll('#article_content p')].map(text).filter(Boolean),
      path: [...doc.querySelectorAll('#pt .z a')].map(text),
    };
  }, html);
}

/** What the reader shows of the open article, header to comments. */
function readerShows() {
  return page.evaluate(() => {
    const text = (el) => el?.textContent.replace(/\s+/g, ' ').trim() ?? null;
    const frame = document.querySelector('#reader-frame').contentDocument;
    const portalBox = document.querySelector('#reader-portal');
    return {
      title: text(document.querySelector('#reader-title')),
      meta: text(document.querySelector('#reader-meta')),
      path: text(document.querySelector('#portal-path')),
      categories: [...document.querySelectorAll('#portal-path button[data-category]')].map((b) => b.dataset.category),
      publisher: document.querySelector('#reader-portal button[data-publisher]')?.dataset.publisher ?? null,
      author: text(document.querySelector('#reader-portal .portal-author')),
      views: document.querySelector('#reader-portal .portal-views')?.dataset.count ?? null,
      comments: document.querySelector('#reader-portal .portal-comments')?.dataset.count ?? null,
      from: text(document.querySelector('#reader-portal .portal-source')),
      fromLink: document.querySelector('#reader-portal a.portal-source')?.getAttribute('href') ?? null,
      summary: document.querySelector('#reader-summary').hidden ? null : text(document.querySelector('#reader-summary .summary-text')),
      paragraphs: [...frame.querySelectorAll('.body p')].map(text).filter(Boolean),
      body: text(frame.body),
      reactions: [...document.querySelectorAll('#reactions button[data-reaction]')].map((b) => ({
        reaction: b.dataset.reaction,
        label: text(b.querySelector('.label')),
        count: text(b.querySelector('.count')),
        pressed: b.getAttribute('aria-pressed'),
      })),
      related: [...document.querySelectorAll('#portal-related li a')].map((a) => ({ title: text(a), href: a.getAttribute('href') })),
      commentItems: [...document.querySelectorAll('#portal-comments li.portal-comment')].map((li) => ({
        author: text(li.querySelector('.comment-author')),
        time: li.querySelector('.comment-time')?.getAttribute('datetime') ?? null,
        text: text(li.querySelector('.comment-text')),
      })),
      all: [document.querySelector('#reader-article').innerText, frame.body.innerText].join('\n'),
      portalHidden: portalBox.hidden,
    };
  });
}

/** Shows source `name` of the portal and opens its article `title`. */
async function openInSource(name, title) {
  await page.click(`${lib.row(sources.get(name).id)} .source-open`);
  await ui.waitUntil(`the list of ${name}`, (wanted) => document.querySelector('#list-heading').textContent === wanted, name);
  return ui.openArticle(title);
}

/** The answer the reader shows to its reaction, once it is `state`. */
function reactionAnswer(state) {
  return ui.waitUntil(`the portal's answer "${state}"`, (wanted) => {
    const box = document.querySelector('#reaction-status');
    // "waiting" while the send is still under way is not an answer yet.
    return !box.hidden && box.dataset.state === wanted && box.dataset.sending === 'false'
      ? { state: box.dataset.state, reaction: box.dataset.reaction, text: box.textContent.trim() } : null;
  }, state);
}

describe('Discuz! X portals in the web UI', { timeout: 300_000 }, () => {
  it('shows the categories of a pasted home page as a tree and follows the ticked ones into the portal\'s folder', async () => {
    await ui.addSource(portal.url);
    await ui.waitUntil('the category picker', () => !document.querySelector('#add-portal').hidden
      && document.querySelectorAll('#add-portal-tree input[data-catid]').length > 0);
    const tree = await page.evaluate(() => {
      const item = (catid) => document.querySelector(`#add-portal-tree li[data-catid="${catid}"]`);
      const parentOf = (catid) => item(catid)?.parentElement.closest('li[data-catid]')?.dataset.catid ?? null;
      return {
        names: [...document.querySelectorAll('#add-portal-tree li[data-catid]')].map((li) => li.querySelector('.portal-category-name').textContent),
        parents: Object.fromEntries([1, 2, 3, 4, 5].map((c) => [c, parentOf(c)])),
        indent: item(2).getBoundingClientRect().left - item(1).getBoundingClientRect().left,
        heading: document.querySelector('#add-portal-heading').textContent,
        followDisabled: document.querySelector('#add-follow').disabled,
      };
    });
    assert.deepEqual(tree.names, ['城事資訊', '安源區政府', '湘東區', '生活', '美食']);
    assert.deepEqual(tree.parents, { 1: null, 2: '1', 3: '1', 4: null, 5: '4' }, 'sub-categories are not under their parent');
    assert.ok(tree.indent > 8, `sub-categories are not indented: ${tree.indent}px`);
    assert.match(tree.heading, /萍鄉城事網/);
    assert.equal(tree.followDisabled, true, 'Follow works with nothing ticked');

    await page.click('#add-portal-all');
    const all = await page.evaluate(() => [...document.querySelectorAll('#add-portal-tree input[data-catid]')].every((b) => b.checked));
    assert.ok(all, 'ticking all left some unticked');
    await page.click('#add-portal-all');
    for (const catid of [2, 3, 4]) await page.check(`#add-portal-tree input[data-catid="${catid}"]`);
    assert.equal(await page.evaluate(() => document.querySelector('#add-portal-all').indeterminate), true);
    await page.click('#add-follow');
    await ui.waitUntil('the add form to close', () => document.querySelector('#add-form').hidden);

    const followed = (await lib.api('sources_list')).filter((s) => s.kind === 'portal');
    assert.deepEqual(followed.map((s) => s.portal.catid).sort(), [2, 3, 4]);
    const folder = followed[0].folder;
    assert.equal(folder.length, 1);
    assert.match(folder[0], /萍鄉城事網/);
    for (const source of followed) {
      assert.deepEqual(source.folder, folder);
      sources.set(source.title, source);
    }
    const inFolder = await ui.waitUntil('the categories in the portal\'s folder', (name) => {
      const li = document.querySelector(`#sources li[data-folder="${CSS.escape(name)}"]`);
      const titles = li && [...li.querySelectorAll('li[data-source-id] .title')].map((el) => el.textContent);
      return titles?.length === 3 ? titles : null;
    }, folder[0]);
    assert.deepEqual([...inFolder].sort(), ['安源區政府', '湘東區', '生活'].sort());
    assert.equal(await page.getAttribute('#list-heading', 'data-view'), 'folder');
  });

  it('follows a pasted category list at once, as any feed, into its portal\'s folder', async () => {
    const listUrl = new URL('portal.php?mod=list&catid=1', portal.url).href;
    const source = await lib.addSourceThroughForm(listUrl, ui.addSource);
    assert.equal(source.kind, 'portal');
    assert.equal(source.title, '城事資訊');
    assert.equal(await page.isHidden('#add-portal'), true, 'the picker showed for a category list');
    assert.deepEqual(source.folder, sources.get('安源區政府').folder, 'not in its portal\'s folder');
    await ui.waitUntil('城事資訊 in the portal\'s folder', ([name, id]) => document
      .querySelector(`#sources li[data-folder="${CSS.escape(name)}"] li[data-source-id="${id}"]`), [source.folder[0], source.id]);
    sources.set(source.title, source);
  });

  it('syncs the categories, and the seed article reads as its page shows it, pinyin removed', async () => {
    await page.click('#sync-all');
    await ui.waitUntil('the sync to end', () => document.querySelector('#sync-progress').dataset.state === 'done');
    const expected = await portalPage(SEED_AID);
    await openInSource('安源區政府', SEED_TITLE);
    const shown = await readerShows();

    assert.equal(withoutPinyin(expected.title), SEED_TITLE, 'the test portal changed its seed title');
    assert.equal(shown.title, SEED_TITLE);
    assert.equal(expected.date, '2020-11-27 15:34');
    assert.match(shown.meta, /2020-11-27 15:34 \(UTC\+8\)/);
    assert.equal(shown.publisher, expected.publisher);
    assert.equal(shown.publisher, 'admin');
    assert.equal(expected.from, '中國網');
    assert.equal(shown.from, '中國網');
    assert.equal(shown.fromLink, null, '來自 is a link though the page gives none');
    assert.equal(shown.summary, withoutPinyin(expected.summary));
    const top = expected.path.indexOf('城事資訊');
    assert.deepEqual(expected.path.slice(top, top + 2), ['城事資訊', '安源區政府'], `the page's breadcrumbs: ${expected.path}`);
    assert.deepEqual(shown.categories, ['城事資訊', '安源區政府']);
    assert.match(shown.path, /^門戶 › 城事資訊 › 安源區政府$/);
    assert.equal(shown.views, null, 'a view count the page does not show');
    assert.equal(shown.comments, '0');
    assert.equal(shown.author, null, 'a 原作者 the page does not show');
    assert.equal(expected.paragraphs.length, 12);
    assert.deepEqual(shown.paragraphs, expected.paragraphs.map(withoutPinyin), 'the body is not the page\'s paragraphs in order');
    assert.deepEqual(shown.reactions.map((r) => r.label), REACTIONS);
    assert.deepEqual(shown.reactions.map((r) => r.count), ['0', '0', '0', '0', '0']);
    assert.ok(shown.reactions.every((r) => r.pressed === 'false'));
    assert.doesNotMatch(shown.all, /\((?:xiāng|chuàng|zhì|fā)\)/, 'inline pinyin is left');
    assert.equal(await page.isHidden('#reaction-status'), true, 'an answer to a reaction never made');
    assert.deepEqual(shown.commentItems, []);
  });

  it('lists a category\'s articles from the category path and a publisher\'s from the publisher', async () => {
    await page.click('#portal-path button[data-category="城事資訊"]');
    await ui.waitUntil('the category 城事資訊', () => document.querySelector('#list-heading').dataset.view === 'category'
      && document.querySelectorAll('#articles li[data-article-id]').length > 0);
    const titles = () => page.evaluate(() => [...document.querySelectorAll('#articles li[data-article-id] .item-title')]
      .map((el) => el.textContent));
    const city = await titles();
    for (const title of [SEED_TITLE, MANY_COMMENTS, RELATED]) assert.ok(city.includes(title), `${title} not in 城事資訊: ${city}`);
    assert.ok(!city.includes(MULTIPAGE), '生活\'s article listed under 城事資訊');
    assert.match(await ui.text('#list-heading'), /城事資訊/);

    await ui.openArticle(SEED_TITLE);
    await page.click('#reader-portal button[data-publisher="admin"]');
    await ui.waitUntil('the publisher admin', () => document.querySelector('#list-heading').dataset.view === 'publisher');
    await ui.waitUntil('admin\'s articles', () => document.querySelectorAll('#articles li[data-article-id]').length > 3);
    const admin = await titles();
    assert.ok(admin.includes(SEED_TITLE) && admin.includes(MULTIPAGE), `admin's articles: ${admin}`);
    assert.ok(!admin.includes(RELATED), 'an article by author listed as admin\'s');
  });

  it('reads a three-page article whole, an article\'s 35 comments, and related articles, 原作者 and a linked 來自', async () => {
    await openInSource('生活', MULTIPAGE);
    const parks = await readerShows();
    const at = ['秋收起義廣場', '玉湖公園', '鵝湖公園', '第3站'].map((text) => parks.body.indexOf(text));
    assert.ok(at.every((i, n) => i >= 0 && (n === 0 || i > at[n - 1])), `not all three pages, in order: ${at} in ${parks.body}`);

    await openInSource('湘東區', MANY_COMMENTS);
    const talk = await readerShows();
    assert.equal(talk.comments, '35');
    assert.equal(talk.commentItems.length, 35, 'not every comment is shown');
    assert.equal(await page.getAttribute('#portal-comments', 'data-count'), '35');
    assert.match(await ui.text('#portal-comments-heading'), /35/);
    for (const item of talk.commentItems) {
      assert.ok(item.author && item.time && item.text, `a comment without author, time or text: ${JSON.stringify(item)}`);
    }
    assert.match(talk.commentItems[0].text, /\(35樓\)/, 'the newest comment is not first');
    assert.match(talk.commentItems[34].text, /\(1樓\)/);

    await openInSource('城事資訊', RELATED);
    const related = await readerShows();
    assert.equal(related.author, '原作者: 劉曉萍');
    assert.equal(related.from, '萍鄉日報');
    assert.equal(related.fromLink, 'http://www.pxrb.example/html/2020-11/25/content_88231.htm');
    assert.equal(related.publisher, 'author');
    assert.ok(Number(related.views) > 0, `no view count: ${related.views}`);
    assert.deepEqual(related.related.map((r) => r.href), [articleUrl(portal.url, SEED_AID), articleUrl(portal.url, 7259)]);
  });

  it('shows each comment\'s author as the portal names them', async () => {
    await openInSource('湘東區', MANY_COMMENTS);
    const authors = new Set((await readerShows()).commentItems.map((item) => item.author));
    assert.deepEqual([...authors].sort(), ['reader', '安源小胖', '游客', '湘東老表', '萍水相逢'].sort());
  });

  it('shows related articles\' titles without inline pinyin', async () => {
    await openInSource('城事資訊', RELATED);
    assert.equal((await readerShows()).related[0].title, SEED_TITLE);
  });

  it('shows the pinyin switch and the articles the portal refused in a category\'s settings', async () => {
    await lib.openSourceSettings(sources.get('湘東區').id);
    assert.equal(await page.isVisible('#source-portal'), true);
    assert.equal(await page.isChecked('#source-clean-pinyin'), true);
    await ui.waitUntil('the refused articles', () => document.querySelector('#portal-refusals').dataset.loaded === 'true');
    const refused = await page.evaluate(() => [...document.querySelectorAll('#portal-refusals li')].map((li) => ({
      aid: li.dataset.aid, refusal: li.dataset.refusal, text: li.textContent,
    })));
    assert.deepEqual(refused.map((r) => [r.aid, r.refusal]), [['7266', 'login_required']]);
    assert.match(refused[0].text, /Members only.*登錄/);

    await page.uncheck('#source-clean-pinyin');
    await lib.saveSourceSettings();
    assert.equal((await lib.sourceByUrl(sources.get('湘東區').url)).portal.clean_pinyin, false);
    await lib.openSourceSettings(sources.get('湘東區').id);
    assert.equal(await page.isChecked('#source-clean-pinyin'), false, 'the switch did not stay off');
    await page.check('#source-clean-pinyin');
    await lib.saveSourceSettings();
    assert.equal((await lib.sourceByUrl(sources.get('湘東區').url)).portal.clean_pinyin, true);
  });

  it('reads the portal\'s articles, pictures included, with the portal gone and nothing but the app reachable', async () => {
    await portal.stop();
    blocked = await blockOtherOrigins(page, backend.origin);
    await page.goto(`${backend.origin}/`);
    await ui.waitUntil('the app to start offline', () => document.body.dataset.ready === 'true');
    await openInSource('生活', PICTURES);
    await picturesSettled(ui);
    const pictures = await framePictures(page);
    assert.equal(pictures.images.length, 3, `pictures: ${JSON.stringify(pictures)}`);
    for (const img of pictures.images) {
      assert.ok(img.width > 0, `a picture did not load offline: ${JSON.stringify(img)}`);
      assert.equal(new URL(img.url).origin, backend.origin);
    }
    await openInSource('安源區政府', SEED_TITLE);
    assert.equal((await readerShows()).paragraphs.length, 12);
    await openInSource('湘東區', MANY_COMMENTS);
    assert.equal((await readerShows()).commentItems.length, 35);
    assert.deepEqual(blocked, [], 'the page asked for something outside the app');
  });

  it('signs in on the restarted portal in the source dialog; a reaction is done, the next already', async () => {
    await portal.restart();
    await lib.openSourceSettings(sources.get('安源區政府').id);
    await ui.waitUntil('the dialog to say there is no sign-in yet',
      () => /^Not signed in/.test(document.querySelector('#portal-signin-state').textContent));
    await page.fill('#portal-user', 'reader');
    await page.fill('#portal-password', 'secret');
    await page.click('#portal-login');
    const signedIn = await ui.waitUntil('the sign-in', () => {
      const line = document.querySelector('#portal-signin-state');
      const error = document.querySelector('#portal-signin-error');
      if (!error.hidden) return { error: error.textContent };
      return line.dataset.kept ? { kept: line.dataset.kept, user: line.dataset.user, text: line.textContent } : null;
    });
    assert.equal(signedIn.error, undefined, `the sign-in failed: ${signedIn.error}`);
    assert.equal(signedIn.user, 'reader');
    // No Secret Service runs beside the browser test: the sign-in is kept for this run, and the dialog says so.
    assert.match(signedIn.kept, /^(system|session)$/);
    assert.match(signedIn.text, signedIn.kept === 'system' ? /credential store/ : /only while Jianbao runs/);
    assert.equal(await page.inputValue('#portal-password'), '', 'the password stays in the form');
    await page.click('#source-cancel');

    assert.equal(await reactionCountOnPage(portal.url, SEED_AID, 'xianhua'), 0);
    await openInSource('安源區政府', SEED_TITLE);
    await page.click('#reactions button[data-reaction="flowers"]');
    const done = await reactionAnswer('done');
    assert.equal(done.reaction, 'flowers');
    assert.match(done.text, /鮮花/);
    assert.match(done.text, /參與表態完成了/, 'the portal\'s own message is not shown');
    assert.equal(await page.getAttribute('#reactions button[data-reaction="flowers"]', 'aria-pressed'), 'true');
    assert.equal(await reactionCountOnPage(portal.url, SEED_AID, 'xianhua'), 1, 'the portal did not count it once');

    await page.click('#reactions button[data-reaction="handshake"]');
    const already = await reactionAnswer('already');
    assert.match(already.text, /您已經表過態了/);
    assert.equal(await page.getAttribute('#reactions button[data-reaction="handshake"]', 'aria-pressed'), 'true');
    assert.equal(await reactionCountOnPage(portal.url, SEED_AID, 'woshou'), 0);

    await lib.openSourceSettings(sources.get('安源區政府').id);
    await page.click('#portal-logout');
    await ui.waitUntil('signed out', () => /Signed out/.test(document.querySelector('#portal-signin-state').textContent));
    await page.click('#source-cancel');
  });

  it('keeps a reaction made while signed out waiting, Send now included, and a sign-in sends it', async () => {
    const before = await reactionCountOnPage(portal.url, 7261, 'luguo');
    await openInSource('湘東區', MANY_COMMENTS);
    await page.click('#reactions button[data-reaction="passing"]');
    const waiting = await reactionAnswer('waiting');
    assert.match(waiting.text, /waits to be sent.*sign-in/, 'the answer does not say why it waits');
    await ui.waitUntil('Send now', () => !document.querySelector('#reaction-send').hidden);
    await page.click('#reaction-send');
    await ui.waitUntil('Send now to be done', () => !document.querySelector('#reaction-send').disabled
      && document.querySelector('#reaction-status').dataset.sending === 'false');
    assert.equal((await reactionAnswer('waiting')).reaction, 'passing');

    await lib.openSourceSettings(sources.get('湘東區').id);
    await page.fill('#portal-user', 'reader');
    await page.fill('#portal-password', 'secret');
    await page.click('#portal-login');
    await ui.waitUntil('the sign-in to send the waiting reaction', () => document
      .querySelector('#portal-signin-state').dataset.sent === '1');
    await page.click('#source-cancel');
    const done = await reactionAnswer('done');
    assert.equal(done.reaction, 'passing');
    assert.equal(await reactionCountOnPage(portal.url, 7261, 'luguo'), before + 1);
  });

  it('sent nothing outside the app and raised no error in the page', () => {
    assert.deepEqual(blocked, [], 'the page asked for something outside the app');
    assert.deepEqual(world.pageErrors, []);
  });
});
