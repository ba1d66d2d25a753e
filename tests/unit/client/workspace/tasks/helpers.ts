import * as Y from 'yjs';
import {
  createProject,
  type EditContext,
} from '../../../../../client/src/workspace/tasks/index.js';

/** A Y.Doc with a fixed clientID, so key suffixes and conflict winners are reproducible. */
export function newDoc(clientId: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  return doc;
}

/** A project doc with the default columns. */
export function newProject(clientId = 1, name = 'Launch'): Y.Doc {
  const doc = newDoc(clientId);
  createProject(doc, { name }, ctx());
  return doc;
}

export const T0 = Date.UTC(2026, 2, 2, 8, 0); // Monday 2 March 2026, 08:00 UTC

export function ctx(by = 'alice', now = T0): EditContext {
  return { by, now };
}

/** Sends everything `from` has that `to` lacks. */
export function send(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

/** Makes every doc hold every update, pairwise. */
export function syncAll(...docs: Y.Doc[]): void {
  for (const from of docs) for (const to of docs) if (from !== to) send(from, to);
}

/** A copy of `doc` as another device (clientId) that has received all of it. */
export function replica(doc: Y.Doc, clientId: number): Y.Doc {
  const copy = newDoc(clientId);
  send(doc, copy);
  return copy;
}
