import { describe, expect, it } from 'vitest';
import type { DirectoryRoom } from '../../../../../shared/api/schemas.js';
import {
  buildDocTree,
  docEntries,
  subtreeIds,
} from '../../../../../client/src/features/docs/tree/doc-tree.js';

function room(id: string, extra: Partial<DirectoryRoom> = {}): DirectoryRoom {
  return {
    id,
    kind: 'doc',
    title: id,
    ownerId: 'u1',
    level: 'write',
    canManage: true,
    createdAt: 1,
    parentId: null,
    trashedAt: null,
    favourite: false,
    ...extra,
  };
}

describe('doc tree', () => {
  it('[TREE6] nests docs, sorts by title, puts orphans at the top, and ignores other kinds and the scratchpad', () => {
    const tree = buildDocTree(
      docEntries(
        [
          room('b'),
          room('a'),
          room('a1', { parentId: 'a', title: 'Z child' }),
          room('a2', { parentId: 'a', title: 'A child' }),
          room('orphan', { parentId: 'unreadable' }),
          room('chat', { kind: 'channel' }),
          room('scratchpad'),
        ],
        [],
      ),
    );
    expect(tree.roots.map((n) => n.doc.id)).toEqual(['a', 'b', 'orphan']);
    expect(tree.roots[0]?.children.map((n) => n.doc.id)).toEqual(['a2', 'a1']);
    expect(tree.byId.has('chat')).toBe(false);
    // The Home scratchpad is plain text, not a rich doc.
    expect(tree.byId.has('scratchpad')).toBe(false);
  });

  it('[TREE7] a trashed doc hides its sub-docs; favourites show only what is visible', () => {
    const tree = buildDocTree(
      docEntries(
        [
          room('p', { trashedAt: 5 }),
          room('c', { parentId: 'p', favourite: true }),
          room('f', { favourite: true }),
        ],
        [],
      ),
    );
    expect(tree.roots.map((n) => n.doc.id)).toEqual(['f']);
    expect(tree.trash.map((d) => d.id)).toEqual(['p']);
    expect(tree.favourites.map((d) => d.id)).toEqual(['f']);
  });

  it('[TREE8] docs created offline join the tree as local until the directory lists them', () => {
    const local = [{ id: 'new', title: 'Offline', parentId: 'a' }];
    const before = buildDocTree(docEntries([room('a')], local));
    expect(before.roots[0]?.children[0]?.doc).toMatchObject({ id: 'new', local: true });
    const after = buildDocTree(docEntries([room('a'), room('new', { parentId: 'a' })], local));
    expect(after.byId.get('new')?.local).toBe(false);
    expect(subtreeIds(after, 'a')).toEqual(new Set(['a', 'new']));
  });
});
