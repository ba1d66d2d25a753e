import * as Y from 'yjs';
import { z } from 'zod';
import { parseInput } from './errors.js';
import { COLUMN, columnsRoot, projectMeta, type YRecord } from './layout.js';
import type { EditContext } from './schemas.js';

export const CreateProjectInput = z.object({ name: z.string().trim().min(1).max(200) });
export type CreateProjectInput = z.input<typeof CreateProjectInput>;

/** Layout version written into the project map, for future migrations. */
export const PROJECT_LAYOUT_VERSION = 1;

/**
 * The default columns. Their ids and keys are fixed rather than generated, so two
 * devices that both initialise the same (still empty) project offline merge into
 * the same three columns instead of six.
 */
export const DEFAULT_COLUMNS = [
  { id: 'todo', name: 'To do', key: 'a0', done: false },
  { id: 'doing', name: 'In progress', key: 'a1', done: false },
  { id: 'done', name: 'Done', key: 'a2', done: true },
] as const;

/** Names a new project and gives it the default columns if it has none yet. */
export function createProject(doc: Y.Doc, input: CreateProjectInput, ctx: EditContext): void {
  const { name } = parseInput(CreateProjectInput, input);
  doc.transact(() => {
    const meta = projectMeta(doc);
    meta.set('name', name);
    if (!meta.has('createdAt')) {
      meta.set('createdAt', ctx.now);
      meta.set('createdBy', ctx.by);
    }
    meta.set('version', PROJECT_LAYOUT_VERSION);
    const columns = columnsRoot(doc);
    if (columns.size > 0) return;
    for (const column of DEFAULT_COLUMNS) {
      const map: YRecord = new Y.Map();
      map.set(COLUMN.name, column.name);
      map.set(COLUMN.key, column.key);
      map.set(COLUMN.done, column.done);
      columns.set(column.id, map);
    }
  }, ctx.origin);
}

/** The project's name, or '' before createProject ran on any replica. */
export function projectName(doc: Y.Doc): string {
  const name = projectMeta(doc).get('name');
  return typeof name === 'string' ? name : '';
}
