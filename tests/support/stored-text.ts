import * as Y from 'yjs';
import type { Persistence } from '../../sync-server/src/persistence/persistence.js';

/** The text of Y.Text `name` in the document the updates describe. */
export function textOf(updates: Uint8Array[], name = 't'): string {
  const doc = new Y.Doc();
  doc.transact(() => updates.forEach((u) => Y.applyUpdate(doc, u)));
  return doc.getText(name).toString();
}

/** The text of Y.Text `name` as the relay has stored it for `room`. */
export async function storedText(
  persistence: Persistence,
  room: string,
  name = 't',
): Promise<string> {
  return textOf((await persistence.load(room)).updates, name);
}
