import { createMemo, mapArray, type Accessor } from 'solid-js';
import type * as Y from 'yjs';
import type { DirectoryRoom } from '../../../shared/api/schemas.js';
import { useRoom } from '../sync/registry-context.js';

export interface ProjectDoc {
  readonly projectId: string;
  readonly doc: Y.Doc;
}

/**
 * Keeps every listed project's document open (synced in the background) while the
 * caller lives; a project that leaves the list is released.
 */
export function useProjectDocs(
  projects: Accessor<readonly DirectoryRoom[]>,
): Accessor<ProjectDoc[]> {
  const ids = createMemo(() => projects().map((project) => project.id), undefined, {
    equals: (a, b) => a.length === b.length && a.every((id, i) => id === b[i]),
  });
  return mapArray(ids, (projectId) => ({ projectId, doc: useRoom(projectId).doc }));
}
