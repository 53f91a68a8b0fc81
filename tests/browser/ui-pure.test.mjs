// The UI's pure modules under plain node (no browser, no back end): folder paths and trees, the merge of
// per-source article lists that a folder's view shows, what a drop on the window carries, retention numbers,
// and a portal's category tree.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeNewestFirst } from '../../ui/js/article-merge.js';
import { droppedLink, linkFromPaths } from '../../ui/js/dropped-url.js';
import { buildTree, formatFolder, isInFolder, parseFolder, subfolders } from '../../ui/js/folders.js';
import { formatKeep, parseKeep } from '../../ui/js/keep.js';
import { categoryTree, tickState } from '../../ui/js/portal-categories.js';

const article = (id, published) => ({ id, published });

describe('folder paths', () => {
  it('reads a typed path without empty names or stray spaces', () => {
    assert.deepEqual(parseFolder(' 新聞 / 本地/ '), ['新聞', '本地']);
    assert.deepEqual(parseFolder('//'), []);
    assert.deepEqual(parseFolder(''), []);
    assert.equal(formatFolder(['新聞', '本地']), '新聞/本地');
  });

  it('counts a source in its folder and every folder above it, and in no sibling', () => {
    const source = { folder: ['新聞', '本地'] };
    assert.ok(isInFolder(source, ['新聞']));
    assert.ok(isInFolder(source, ['新聞', '本地']));
    assert.ok(!isInFolder(source, ['新聞', '國際']));
    assert.ok(!isInFolder({ folder: [] }, ['新聞']));
  });

  it('sums unread counts up the tree and keeps top-level sources outside any folder', () => {
    const tree = buildTree([
      { id: 1, unread: 2, folder: [] },
      { id: 2, unread: 3, folder: ['新聞', '本地'] },
      { id: 3, unread: 4, folder: ['新聞'] },
      { id: 4, unread: 1, folder: ['Tech'] },
    ]);
    assert.deepEqual(tree.sources.map((s) => s.id), [1]);
    const news = tree.folders.get('新聞');
    assert.equal(news.unread, 7);
    assert.deepEqual(news.sources.map((s) => s.id), [3]);
    assert.equal(news.folders.get('本地').unread, 3);
    assert.deepEqual(subfolders(tree).map((f) => f.name), ['Tech', '新聞']);
  });
});

describe('merging per-source article lists', () => {
  it('interleaves lists newest first across time zones', () => {
    const a = [article(1, '2026-11-20T20:00:00+08:00'), article(2, '2026-11-20T09:00:00+08:00')];
    const b = [article(3, '2026-11-20T13:00:00Z'), article(4, '2026-11-19T00:00:00Z')];
    assert.deepEqual(mergeNewestFirst([a, b]).map((x) => x.id), [3, 1, 2, 4]);
  });

  it('keeps an undated article where its own source put it', () => {
    const a = [article(1, '2026-11-20T12:00:00Z'), article(2, null), article(3, '2026-11-18T12:00:00Z')];
    const b = [article(4, '2026-11-19T12:00:00Z')];
    assert.deepEqual(mergeNewestFirst([a, b]).map((x) => x.id), [1, 2, 4, 3]);
  });

  it('stops at the limit and copes with empty lists', () => {
    const a = [article(1, '2026-01-03T00:00:00Z'), article(2, '2026-01-01T00:00:00Z')];
    const b = [article(3, '2026-01-02T00:00:00Z')];
    assert.deepEqual(mergeNewestFirst([a, [], b], 2).map((x) => x.id), [1, 3]);
    assert.deepEqual(mergeNewestFirst([]), []);
  });
});

/** A drop's DataTransfer as droppedLink reads it. */
const drop = (data) => ({ types: Object.keys(data), getData: (type) => data[type] ?? '' });

describe('what a drop on the window carries', () => {
  it('takes the first address of a uri-list before the plain text', () => {
    const url = 'https://news.example/a.html';
    assert.deepEqual(droppedLink(drop({ 'text/uri-list': `# from a browser\r\n${url}\r\nhttps://other.example/`,
      'text/plain': 'a title' })), { url });
    assert.deepEqual(droppedLink(drop({ 'text/plain': `  ${url}\n` })), { url });
  });

  it('tells other text and files from links, and only http(s) is a link', () => {
    assert.deepEqual(droppedLink(drop({ 'text/plain': 'two words' })), { text: 'two words' });
    assert.deepEqual(droppedLink(drop({ 'text/uri-list': 'file:///etc/passwd' })), { text: 'file:///etc/passwd' });
    assert.deepEqual(droppedLink(drop({ 'text/plain': 'javascript:alert(1)' })), { text: 'javascript:alert(1)' });
    assert.equal(droppedLink(drop({ 'text/plain': '字'.repeat(200) })).text.length, 80);
    assert.deepEqual(droppedLink(drop({ Files: '' })), { files: true });
    assert.equal(droppedLink(drop({})), null);
  });

  it('finds a link among the desktop shell\'s dropped paths', () => {
    assert.deepEqual(linkFromPaths(['/home/me/a.txt', 'https://news.example/b']), { url: 'https://news.example/b' });
    assert.deepEqual(linkFromPaths(['/home/me/a.txt']), { files: true });
    assert.equal(linkFromPaths(undefined), null);
  });
});

describe('retention numbers', () => {
  it('reads whole numbers from 0, and empty as the library default only where asked', () => {
    assert.equal(parseKeep(' 30 '), 30);
    assert.equal(parseKeep('0'), 0);
    assert.equal(parseKeep('', { emptyIsDefault: true }), null);
    assert.equal(parseKeep(''), undefined);
    for (const bad of ['-5', '2.5', '1e3', 'abc', '12345678']) assert.equal(parseKeep(bad), undefined, bad);
    assert.equal(parseKeep('', { emptyIsDefault: true, badInput: true }), undefined, 'a field the browser could not read');
    assert.equal(formatKeep(null), '');
    assert.equal(formatKeep(0), '0');
  });
});

describe('a portal\'s category tree', () => {
  const cat = (catid, name, parent, depth) => ({ catid, name, parent, depth });
  const shape = (nodes) => nodes.map((n) => [n.category.name, shape(n.children)]);

  it('puts each sub-category under its parent, in the order given', () => {
    const tree = categoryTree([cat(1, '城事資訊', null, 0), cat(2, '安源區政府', 1, 1), cat(3, '湘東區', 1, 1),
      cat(4, '生活', null, 0), cat(5, '美食', 4, 1), cat(6, '小吃', 5, 2)]);
    assert.deepEqual(shape(tree), [['城事資訊', [['安源區政府', []], ['湘東區', []]]], ['生活', [['美食', [['小吃', []]]]]]]);
  });

  it('keeps a category whose parent is not listed at the top, and copes with nothing', () => {
    assert.deepEqual(shape(categoryTree([cat(2, '安源區政府', 1, 1), cat(7, '自己', 7, 0)])), [['安源區政府', []], ['自己', []]]);
    assert.deepEqual(categoryTree(undefined), []);
  });

  it('tells the tick-all box whether all, none or some are ticked', () => {
    assert.equal(tickState(5, 5), 'all');
    assert.equal(tickState(0, 5), 'none');
    assert.equal(tickState(2, 5), 'mixed');
    assert.equal(tickState(0, 0), 'none');
  });
});
