import type * as Y from 'yjs';
import { parseInput } from '../../../../shared/model/tasks/errors.js';
import { ensureYMap, requireTask, TASK } from '../../../../shared/model/tasks/layout.js';
import { Id, Link, type EditContext } from '../../../../shared/model/tasks/schemas.js';

function linksOf(doc: Y.Doc, taskId: string): Y.Map<unknown> {
  return ensureYMap(requireTask(doc, taskId), TASK.links);
}

/** Links a task to a doc, a chat message, another task or a web address. */
export function addLink(
  doc: Y.Doc,
  taskId: string,
  input: { readonly id: string; readonly link: Link },
  ctx: EditContext,
): void {
  const id = parseInput(Id, input.id);
  const link = parseInput(Link, input.link);
  doc.transact(() => linksOf(doc, taskId).set(id, link), ctx.origin);
}

/** Removes the link `linkId` from a task. */
export function removeLink(doc: Y.Doc, taskId: string, linkId: string, ctx: EditContext): void {
  doc.transact(() => linksOf(doc, taskId).delete(linkId), ctx.origin);
}
