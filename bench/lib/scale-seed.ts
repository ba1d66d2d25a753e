/**
 * A workspace of channels, docs and projects for bench/workspace-scale.ts, created
 * through the relay's API and written through the client's real v2 transport
 * (WorkspaceConnection + openMuxRoomSync in Node, tests/support/mux-client.ts) with
 * the app's own models (chat, docs, tasks), so the relay stores and announces every
 * part exactly as it would for people using the app.
 */
import type * as Y from 'yjs';
import { DirectoryRoom, type RoomKind } from '../../shared/api/schemas.js';
import {
  addMessage,
  bucketOf,
  bucketRoom,
  encodeHlc,
  markRead,
  metaRoom,
  noteBucket,
  tickHlc,
  type Hlc,
} from '../../client/src/workspace/chat/index.js';
import { writeDocJson } from '../../client/src/workspace/docs/write-doc.js';
import { createProject, createTask } from '../../client/src/workspace/tasks/index.js';
import type { ApiClient } from '../../tests/support/api-client.js';
import type { MuxClient } from '../../tests/support/mux-client.js';
import { waitFor } from '../../tests/support/wait-for.js';

/** Who writes the channels' history: not the measured person, so it counts as unread. */
export const WRITER = 'bench-writer';
const PARALLEL = 32;

export interface ScaleCounts {
  channels: number;
  docs: number;
  projects: number;
  /** Messages per channel, all in the current month. */
  messages: number;
  /** Channels the measured person has not read (the rest are read up to the end). */
  unread: number;
}

export interface SeededScale {
  channels: string[];
  /** Channel id -> unread count the sidebar must show for the measured person. */
  unread: Map<string, number>;
}

/** Runs `task` over `items`, `limit` at a time. */
export async function inParallel<T>(items: T[], limit: number, task: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Opens `part` on the connection, waits until it is synced, applies `edit`, waits
 * until the relay confirmed it, closes it. Returns the bytes of the Yjs updates
 * the edit produced (what has to reach other devices).
 */
export async function writePart(
  client: MuxClient,
  part: string,
  edit: (doc: Y.Doc) => void,
): Promise<number> {
  const sync = client.open(part);
  await waitFor(() => sync.status().kind === 'synced', { timeout: 60_000, what: `${part} synced` });
  let bytes = 0;
  const count = (update: Uint8Array) => void (bytes += update.byteLength);
  sync.doc.on('update', count);
  edit(sync.doc);
  sync.doc.off('update', count);
  await client.settled(part);
  client.close(part);
  return bytes;
}

const range = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(5, '0')}`);

async function createRooms(api: ApiClient, ids: string[], kind: RoomKind, title: string) {
  await inParallel(ids, 8, async (id) => {
    await api.ok(DirectoryRoom, 'POST', '/rooms', {
      id,
      kind,
      title: `${title} ${id}`,
      access: { workspace: 'write', groups: [], users: [] },
    });
  });
}

/** One channel: `messages` from WRITER a minute apart, read or not by `me`. */
function channelEdits(messages: number, me: string, read: boolean, now: number) {
  const bucket = bucketOf(now);
  let hlc: Hlc | null = null;
  const inputs = Array.from({ length: messages }, (_, i) => {
    const createdAt = now - (messages - i) * 60_000;
    hlc = tickHlc(hlc, createdAt, 'writer');
    return {
      id: `m${i}`,
      key: encodeHlc(hlc),
      author: WRITER,
      text: `message ${i} of the day`,
      createdAt,
    };
  });
  const lastKey = inputs.at(-1)?.key;
  return {
    bucket,
    meta: (doc: Y.Doc) => {
      noteBucket(doc, bucket);
      if (read && lastKey) markRead(doc, me, lastKey);
    },
    history: (doc: Y.Doc) => {
      for (const input of inputs) addMessage(doc, input);
    },
  };
}

export async function seedScale(
  api: ApiClient,
  client: MuxClient,
  me: string,
  counts: ScaleCounts,
  progress: (line: string) => void,
): Promise<SeededScale> {
  const channels = range(counts.channels, 'ch');
  const docs = range(counts.docs, 'doc');
  const projects = range(counts.projects, 'pj');
  await createRooms(api, channels, 'channel', 'Channel');
  await createRooms(api, docs, 'doc', 'Doc');
  await createRooms(api, projects, 'board', 'Project');
  progress(`created ${channels.length + docs.length + projects.length} rooms`);

  const now = Date.now();
  const unread = new Map<string, number>();
  const writes: Array<[string, (doc: Y.Doc) => void]> = [];
  channels.forEach((id, i) => {
    const read = i >= counts.unread;
    if (!read) unread.set(id, counts.messages);
    const edits = channelEdits(counts.messages, me, read, now);
    writes.push([metaRoom(id), edits.meta], [bucketRoom(id, edits.bucket), edits.history]);
  });
  for (const id of docs) {
    const content = [1, 2, 3].map((n) => ({
      type: 'paragraph',
      content: [{ type: 'text', text: `Paragraph ${n} of ${id}: notes, decisions, next steps.` }],
    }));
    writes.push([id, (doc) => writeDocJson(doc, { type: 'doc', content })]);
  }
  projects.forEach((id, p) => {
    writes.push([
      id,
      (doc) => {
        const ctx = { by: WRITER, now };
        createProject(doc, { name: `Project ${id}` }, ctx);
        for (let t = 0; t < 4; t += 1) {
          createTask(
            doc,
            {
              id: `t${t}`,
              title: `Task ${t} of ${id}`,
              columnId: 'todo',
              assignees: (p + t) % 3 === 0 ? [me] : [WRITER],
            },
            ctx,
          );
        }
      },
    ]);
  });
  let done = 0;
  await inParallel(writes, PARALLEL, async ([part, edit]) => {
    await writePart(client, part, edit);
    if (++done % 500 === 0) progress(`wrote ${done} of ${writes.length} parts`);
  });
  return { channels, unread };
}

/** One new message from WRITER in each channel's current month; returns the update bytes. */
export async function postInEach(client: MuxClient, channels: string[]): Promise<number> {
  let bytes = 0;
  const now = Date.now();
  await inParallel(channels, PARALLEL, async (id) => {
    bytes += await writePart(client, bucketRoom(id, bucketOf(now)), (doc) =>
      addMessage(doc, {
        id: 'late',
        key: encodeHlc(tickHlc(null, now, 'late')),
        author: WRITER,
        text: 'one more thing',
        createdAt: now,
      }),
    );
  });
  return bytes;
}
