import type { DirectoryRoom } from '../../../../../shared/api/schemas.js';

/** The Home scratchpad's room (SCRATCHPAD_ROOM in home/Scratchpad.tsx, which tests cannot load). */
const SCRATCHPAD_ROOM = 'scratchpad';

/** A doc as the list shows it: from the directory, or created here and not yet on the relay. */
export interface DocEntry {
  id: string;
  title: string;
  parentId: string | null;
  favourite: boolean;
  trashedAt: number | null;
  canWrite: boolean;
  /** Created on this device and not yet registered with the relay. */
  local: boolean;
}

export interface DocNode {
  doc: DocEntry;
  children: DocNode[];
}

export interface DocTree {
  roots: DocNode[];
  favourites: DocEntry[];
  /** Docs put in the trash themselves (their sub-docs go with them). */
  trash: DocEntry[];
  byId: Map<string, DocEntry>;
}

export function docEntries(
  directory: readonly DirectoryRoom[],
  local: readonly { id: string; title: string; parentId: string | null }[],
): DocEntry[] {
  const listed = directory
    // The Home scratchpad is a doc room holding plain text (Y.Text), not a rich doc.
    .filter((room) => room.kind === 'doc' && room.id !== SCRATCHPAD_ROOM)
    .map((room) => ({
      id: room.id,
      title: room.title,
      parentId: room.parentId,
      favourite: room.favourite,
      trashedAt: room.trashedAt,
      canWrite: room.level === 'write',
      local: false,
    }));
  const ids = new Set(listed.map((d) => d.id));
  const pending = local
    .filter((doc) => !ids.has(doc.id))
    .map((doc) => ({ ...doc, favourite: false, trashedAt: null, canWrite: true, local: true }));
  return [...listed, ...pending];
}

const byTitle = (a: DocNode, b: DocNode) =>
  a.doc.title.localeCompare(b.doc.title, undefined, { sensitivity: 'base' }) ||
  (a.doc.id < b.doc.id ? -1 : 1);

/**
 * The doc list as a tree. A doc whose parent is not listed (unreadable for this
 * person, or gone) sits at the top level; a doc in the trash hides its sub-docs.
 */
export function buildDocTree(entries: readonly DocEntry[]): DocTree {
  const byId = new Map(entries.map((doc) => [doc.id, doc]));
  const nodes = new Map(entries.map((doc) => [doc.id, { doc, children: [] as DocNode[] }]));
  const roots: DocNode[] = [];
  for (const node of nodes.values()) {
    if (node.doc.trashedAt !== null) continue;
    const parent = node.doc.parentId ? nodes.get(node.doc.parentId) : undefined;
    if (parent && parent.doc.id !== node.doc.id) parent.children.push(node);
    else roots.push(node);
  }
  const visible = new Set<string>();
  const walk = (list: DocNode[]) => {
    list.sort(byTitle);
    for (const node of list) {
      visible.add(node.doc.id);
      walk(node.children);
    }
  };
  walk(roots);
  return {
    roots,
    favourites: entries.filter((doc) => doc.favourite && visible.has(doc.id)),
    trash: entries.filter((doc) => doc.trashedAt !== null),
    byId,
  };
}

/** The doc and every doc below it, so a move cannot put a doc under its own sub-doc. */
export function subtreeIds(tree: DocTree, id: string): Set<string> {
  const ids = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const doc of tree.byId.values()) {
      if (doc.parentId && ids.has(doc.parentId) && !ids.has(doc.id)) {
        ids.add(doc.id);
        grew = true;
      }
    }
  }
  return ids;
}
