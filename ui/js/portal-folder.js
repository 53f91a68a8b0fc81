// Keeps a portal's categories together: a category followed later goes into the folder its portal's other
// categories are in (the reader may have renamed or moved it).
//
// Workaround as well: the back end names a portal's folder after the portal's name as the pasted page gives it
// (src/parse/portal/mod.rs, site_name), and on a list or article page that is the home link's title, 首頁
// ("home"), not the link's text, the portal's name; only the home page gives the name. So categories of one
// portal followed from different pages would land in different folders.
import { api } from './api.js';
import { folderKey } from './folders.js';

/** The folder the portal at `siteUrl` already uses, judged by `sources` other than `except` (ids); or null. */
function portalFolder(sources, siteUrl, except) {
  const sibling = sources.find((source) => source.kind === 'portal' && source.portal?.site_url === siteUrl
    && !except.has(String(source.id)));
  return sibling ? sibling.folder ?? [] : null;
}

/**
 * Moves each of `added` (portal sources just followed) that is not in its portal's folder into it, judged by
 * `before` (the sources listed before they were followed). Resolves to whether any moved.
 */
export async function joinPortalFolder(before, added) {
  const fresh = new Set(added.map((source) => String(source.id)));
  let moved = false;
  for (const source of added) {
    if (source.kind !== 'portal' || !source.portal) continue;
    const folder = portalFolder(before, source.portal.site_url, fresh);
    if (!folder || folderKey(folder) === folderKey(source.folder)) continue;
    await api.sources.update(source.id, { folder });
    source.folder = folder;
    moved = true;
  }
  return moved;
}
