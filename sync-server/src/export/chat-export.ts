import { readMessages, type Message } from '../../../shared/model/chat/messages.js';
import { readPointers, readTopic } from '../../../shared/model/chat/read-meta.js';
import { splitThreads } from '../../../shared/model/chat/threads.js';
import { EXPORT_FORMAT_VERSION } from '../../../shared/model/export/export-layout.js';
import { RoomAttachments, fileUrls } from './attachments.js';
import {
  loadPart,
  nameOf,
  UnreadableRoom,
  type ExportContext,
  type ExportRoom,
} from './export-context.js';
import { escapeHtml, htmlPage } from './html.js';

const BUCKET = /^m\d{4}-\d{2}$/;

/** The month parts of a channel that storage holds, oldest first (not only those its meta lists). */
async function bucketsOf(ctx: ExportContext, room: ExportRoom): Promise<string[]> {
  const heads = await ctx.persistence.headsOf([room.id]);
  return heads
    .map((h) => h.room)
    .filter((name) => BUCKET.test(name.slice(room.id.length + 1)))
    .sort();
}

/** Each month's messages in order, one month in memory at a time. */
async function* months(ctx: ExportContext, parts: readonly string[]): AsyncGenerator<Message[]> {
  for (const part of parts) {
    const doc = await loadPart(ctx.persistence, part);
    try {
      yield readMessages(doc);
    } finally {
      doc.destroy();
    }
  }
}

function messageJson(ctx: ExportContext, m: Message, files: (string | null)[]) {
  return {
    id: m.id,
    key: m.key,
    author: m.author,
    authorName: nameOf(ctx, m.author),
    text: m.text,
    createdAt: new Date(m.createdAt).toISOString(),
    parentId: m.parentId,
    editedAt: m.editedAt === null ? null : new Date(m.editedAt).toISOString(),
    deleted: m.deleted,
    mentions: m.mentions,
    reactions: m.reactions,
    attachments: files.filter((f): f is string => f !== null),
  };
}

function messageHtml(ctx: ExportContext, m: Message, files: ReadonlyMap<string, string | null>) {
  const when = new Date(m.createdAt).toISOString().replace('T', ' ').slice(0, 16);
  const edited = m.editedAt !== null && !m.deleted ? ' (edited)' : '';
  const text = m.deleted
    ? '<p class="deleted">This message was deleted.</p>'
    : `<pre>${escapeHtml(m.text)}</pre>`;
  const links = fileUrls(m.text)
    .map((url) => files.get(url))
    .filter((f): f is string => typeof f === 'string')
    .map((f) => `<a href="${escapeHtml(encodeURI(f))}">${escapeHtml(f.slice(6))}</a>`);
  const reactions = m.reactions.map(
    (r) => `${escapeHtml(r.emoji)} ${r.users.map((u) => escapeHtml(nameOf(ctx, u))).join(', ')}`,
  );
  return `<div class="msg" id="m-${escapeHtml(m.id)}"><div class="meta"><b>${escapeHtml(nameOf(ctx, m.author))}</b> ${when} UTC${edited}</div>${text}${
    links.length ? `<div>📎 ${links.join(' · ')}</div>` : ''
  }${reactions.length ? `<div class="meta">${reactions.join(' · ')}</div>` : ''}</div>`;
}

/**
 * A channel or DM: `chat/<title>/messages.json` (every message with its thread, edits,
 * deletion, reactions and attachments, plus the read pointers), the same as a readable
 * `index.html`, and the attached files in `files/` [EXPORT4]. Months are read one at a
 * time, twice (once per file): a channel of any length stays in bounded memory.
 */
export async function exportChannel(ctx: ExportContext, room: ExportRoom, folder: string) {
  const parts = await bucketsOf(ctx, room);
  // A damaged month found before anything is written skips the room whole [EXPORT6].
  for (const part of [`${room.id}:meta`, ...parts]) {
    const quarantined = await ctx.persistence.quarantineOf(part);
    if (quarantined) throw new UnreadableRoom(`quarantined: ${quarantined.reason}`);
  }
  const meta = await loadPart(ctx.persistence, `${room.id}:meta`);
  const topic = readTopic(meta);
  const pointers = Object.fromEntries(readPointers(meta));
  meta.destroy();
  const attachments = new RoomAttachments(ctx, folder, room.id);
  const placed = new Map<string, string | null>();

  const path = `${folder}/messages.json`;
  const json = ctx.zip.open(path);
  const header = {
    format: EXPORT_FORMAT_VERSION,
    channel: { id: room.id, kind: room.kind, title: room.title, topic },
    readPointers: pointers,
  };
  await json.push(`${JSON.stringify(header).slice(0, -1)},"messages":[\n`);
  let first = true;
  let damaged: UnreadableRoom | null = null;
  try {
    for await (const messages of months(ctx, parts)) {
      const lines: string[] = [];
      for (const m of messages) {
        const files: (string | null)[] = [];
        for (const url of fileUrls(m.text)) {
          if (!placed.has(url)) placed.set(url, await attachments.place(url));
          files.push(placed.get(url) ?? null);
        }
        lines.push(JSON.stringify(messageJson(ctx, m, files)));
      }
      ctx.counts.messages += messages.length;
      if (lines.length > 0) await json.push(`${first ? '' : ',\n'}${lines.join(',\n')}`);
      first &&= lines.length === 0;
    }
  } catch (error) {
    // A month that fails only now still ends the file properly (its entry is open),
    // and the room is then listed as skipped with the reason.
    if (!(error instanceof UnreadableRoom)) throw error;
    damaged = error;
  }
  await json.push('\n]}\n');
  await json.end();
  await attachments.flush();
  if (damaged) throw new UnreadableRoom(`exported only in part: ${damaged.message}`);

  const html = ctx.zip.open(`${folder}/index.html`);
  const [head, tail] = htmlPage(room.title, '\u0000').split('\u0000') as [string, string];
  await html.push(
    `${head}<h1>${escapeHtml(room.title)}</h1>${topic ? `<p>${escapeHtml(topic)}</p>` : ''}`,
  );
  for await (const messages of months(ctx, parts)) {
    const { top, replies } = splitThreads(messages);
    const chunk = top.map((m) => {
      const thread = (replies.get(m.id) ?? []).map((r) => messageHtml(ctx, r, placed));
      return `${messageHtml(ctx, m, placed)}${thread.length ? `<div class="thread">${thread.join('')}</div>` : ''}`;
    });
    await html.push(chunk.join('\n'));
  }
  await html.push(tail);
  await html.end();
  ctx.counts.channels += 1;
  return path;
}
