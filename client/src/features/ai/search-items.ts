/**
 * What workspace search looks through: every message, doc block and task this
 * device holds, as plain text with a link. Read-only; nothing here is sent anywhere.
 */
import type * as Y from 'yjs';
import type { DirectoryRoom } from '../../../../shared/api/schemas.js';
import { bucketRoom, metaRoom, readBuckets, readMessages } from '../../workspace/chat/index.js';
import { docBlocks } from '../../workspace/docs/doc-blocks.js';
import { readDocJson } from '../../../../shared/model/docs/doc-json.js';
import { readAllTasks } from '../../../../shared/model/tasks/read-task.js';
import type { KeywordItem } from './model/index.js';

export interface SearchItem extends KeywordItem {
  roomId: string;
  /** Id within the room (message id, `block-3`, task id): the vector store's key. */
  localId: string;
  /** The channel, doc or project it is in. */
  place: string;
  href: string;
  author?: string;
  at?: number;
}

/** Opens (or returns the open) Y.Doc of a room name. */
export type Hold = (roomName: string) => Y.Doc;

export function searchItems(rooms: readonly DirectoryRoom[], hold: Hold): SearchItem[] {
  const out: SearchItem[] = [];
  for (const room of rooms) {
    if (room.trashedAt !== null) continue;
    if (room.kind === 'channel' || room.kind === 'dm') {
      const place = room.kind === 'channel' ? `#${room.title}` : room.title;
      for (const bucket of readBuckets(hold(metaRoom(room.id)))) {
        for (const m of readMessages(hold(bucketRoom(room.id, bucket)))) {
          if (m.deleted || m.text.trim() === '') continue;
          out.push({
            id: `${room.id}/${m.id}`,
            roomId: room.id,
            localId: m.id,
            kind: 'message',
            text: m.text,
            place,
            href: `/chat/${encodeURIComponent(room.id)}?message=${encodeURIComponent(m.id)}`,
            author: m.author,
            at: m.createdAt,
          });
        }
      }
    } else if (room.kind === 'doc') {
      for (const block of docBlocks(readDocJson(hold(room.id)))) {
        out.push({
          id: `${room.id}/${block.id}`,
          roomId: room.id,
          localId: block.id,
          kind: 'doc',
          title: room.title,
          text: block.text,
          place: room.title,
          href: `/docs/${encodeURIComponent(room.id)}`,
        });
      }
    } else if (room.kind === 'board') {
      for (const task of readAllTasks(hold(room.id))) {
        out.push({
          id: `${room.id}/${task.id}`,
          roomId: room.id,
          localId: task.id,
          kind: 'task',
          title: task.title,
          text: [task.title, task.description].filter(Boolean).join('\n'),
          place: room.title,
          href: `/tasks/${encodeURIComponent(room.id)}?task=${encodeURIComponent(task.id)}`,
        });
      }
    }
  }
  return out;
}
