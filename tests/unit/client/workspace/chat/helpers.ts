import * as Y from 'yjs';
import {
  addMessage,
  ChatModelError,
  decodeHlc,
  observeHlc,
  encodeHlc,
  tickHlc,
  type Hlc,
} from '../../../../../client/src/workspace/chat/index.js';

/** Two-way sync of every doc with every other (like a relay that delivered everything). */
export function syncAll(...docs: Y.Doc[]): void {
  for (const from of docs) {
    for (const to of docs) {
      if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
    }
  }
}

export function newDoc(clientID: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  return doc;
}

/** A device writing messages with its own HLC. */
export class Writer {
  last: Hlc | null = null;
  constructor(
    readonly doc: Y.Doc,
    readonly node: string,
    readonly author: string,
  ) {}

  /** Sees keys already in the doc (as the app does when a bucket loads). */
  observe(keys: readonly string[], now: number): void {
    for (const key of keys) {
      const remote = decodeHlc(key);
      if (remote) this.last = observeHlc(this.last, remote, now);
    }
  }

  say(id: string, text: string, now: number, parentId: string | null = null): string {
    this.last = tickHlc(this.last, now, this.node);
    const key = encodeHlc(this.last);
    addMessage(this.doc, { id, key, author: this.author, text, createdAt: now, parentId });
    return key;
  }
}

/** The ChatModelError code `run` throws, or undefined when it does not throw. */
export function codeOf(run: () => void): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ChatModelError) return error.code;
    throw error;
  }
  return undefined;
}
