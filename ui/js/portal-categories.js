// A portal's category list (portal_categories: tree order, each with its parent's catid and its depth) as a
// tree the picker can draw, and what a ticked set of categories means. Pure: no DOM, no API.

/**
 * [{catid, name, parent, depth}] → [{category, children: [...]}]: each category under its parent; one whose
 * parent is not listed (an article page shows only its own branch) stands at the top. Order is kept.
 */
export function categoryTree(categories) {
  const nodes = new Map();
  for (const category of categories ?? []) nodes.set(String(category.catid), { category, children: [] });
  const roots = [];
  for (const node of nodes.values()) {
    const parent = node.category.parent == null ? null : nodes.get(String(node.category.parent));
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Whether a tick-all box shows all, none or some ('mixed') of `ticked` out of `total`. */
export function tickState(ticked, total) {
  if (total > 0 && ticked === total) return 'all';
  return ticked === 0 ? 'none' : 'mixed';
}
