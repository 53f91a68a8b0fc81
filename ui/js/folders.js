// Folder paths as the UI handles them: typed as `a/b`, kept as ['a', 'b'] (what the back end stores), grouped into
// a tree for the sources pane with unread counts summed per folder. Pure: no DOM, no API.

/** `' 新聞 / 本地/ '` → ['新聞', '本地']; empty text → [] (the top level). */
export function parseFolder(text) {
  return String(text ?? '').split('/').map((name) => name.trim()).filter(Boolean);
}

/** ['新聞', '本地'] → '新聞/本地', the form the reader types. */
export function formatFolder(path) {
  return (path ?? []).join('/');
}

/** A key that tells paths apart even when a name itself contains '/' (as OPML files allow). */
export function folderKey(path) {
  return JSON.stringify(path ?? []);
}

/** Whether `path` is the source's folder or one of its ancestors. */
export function isInFolder(source, path) {
  const folder = source.folder ?? [];
  return folder.length >= path.length && path.every((name, i) => folder[i] === name);
}

function newFolder(name, path) {
  return { name, path, sources: [], folders: new Map(), unread: 0 };
}

/**
 * Groups sources by folder: {sources, folders} at the top, each folder {name, path, sources, folders, unread}
 * where `unread` sums every source beneath it. Sources keep the back end's order; folders sort by name.
 */
export function buildTree(sources) {
  const root = newFolder('', []);
  for (const source of sources) {
    let node = root;
    for (const name of source.folder ?? []) {
      if (!node.folders.has(name)) node.folders.set(name, newFolder(name, [...node.path, name]));
      node = node.folders.get(name);
      node.unread += source.unread || 0;
    }
    node.sources.push(source);
  }
  return root;
}

/** A folder's subfolders, sorted by name in the reader's language. */
export function subfolders(node) {
  return [...node.folders.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Every folder path in the library, for suggestions when typing one. */
export function allFolderPaths(sources) {
  const seen = new Map();
  for (const source of sources) {
    const folder = source.folder ?? [];
    for (let depth = 1; depth <= folder.length; depth++) {
      const path = folder.slice(0, depth);
      seen.set(folderKey(path), path);
    }
  }
  return [...seen.values()].map(formatFolder).sort((a, b) => a.localeCompare(b));
}
