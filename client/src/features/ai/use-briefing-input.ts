import { createMemo, mapArray, type Accessor } from 'solid-js';
import type { DirectoryRoom } from '../../../../shared/api/schemas.js';
import { useSession } from '../../auth/session-context.js';
import { useRoom } from '../../sync/registry-context.js';
import { yjsVersion } from '../../sync/yjs-signal.js';
import {
  bucketOf,
  bucketRoom,
  metaRoom,
  readBuckets,
  sortBucketsNewestFirst,
} from '../../workspace/chat/index.js';
import { useProjectDocs } from '../../workspace/project-docs.js';
import { useDingVerdicts, useDirectory } from '../../workspace/workspace-context.js';
import type { BriefingInput } from './model/briefing.js';
import {
  chatBriefingInput,
  docBriefingInput,
  projectTasks,
  type ChatRoomDocs,
  type FollowedDoc,
  type Gists,
} from './model/briefing-input.js';

type ChatPart = ReturnType<typeof chatBriefingInput>;

export interface BriefingData {
  input: BriefingInput;
  gists: Gists;
}

const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * The signed-in person's briefing input, from what this device holds, re-read after
 * any change. It opens what the chat sidebar and My tasks open (each conversation's
 * meta doc and newest month, every project) plus the history of followed docs, and
 * never writes to any of them, nor asks the relay anything: a DING is listed once
 * DingAlerts has had its permit verified. Null until someone is signed in.
 */
export function useBriefingInput(
  now: Accessor<number>,
  timeZone: Accessor<string>,
): Accessor<BriefingData | null> {
  const session = useSession();
  const dings = useDingVerdicts();
  const directory = useDirectory();
  const titleOf = (roomId: string) => directory.byId(roomId)?.title ?? '';
  const idsOf = (rooms: () => readonly DirectoryRoom[]) =>
    createMemo(() => rooms().map((room) => room.id), [], { equals: sameIds });
  const chatIds = idsOf(() => directory.ofKind('channel', 'dm'));
  const followedIds = idsOf(() =>
    directory
      .ofKind('doc')
      .filter((room) => room.favourite && room.trashedAt === null && room.id !== 'scratchpad'),
  );

  const rings = (roomId: string, messageId: string) => dings.verdict(roomId, messageId) === true;
  // One memo per conversation: a new message re-reads that conversation only.
  const rooms = mapArray(chatIds, (roomId): Accessor<ChatPart | null> => {
    const meta = useRoom(metaRoom(roomId));
    const metaVersion = yjsVersion(meta.doc);
    const newest = createMemo(
      () => (metaVersion(), sortBucketsNewestFirst(readBuckets(meta.doc))[0] ?? bucketOf(now())),
    );
    // Re-run when the newest month changes: the previous month's room is released.
    const month = createMemo(() => {
      const handle = useRoom(bucketRoom(roomId, newest()));
      return { doc: handle.doc, version: yjsVersion(handle.doc) };
    });
    return createMemo(() => {
      metaVersion();
      month().version();
      const me = session.me()?.user.id;
      if (!me) return null;
      const docs: ChatRoomDocs = {
        roomId,
        roomTitle: titleOf(roomId),
        meta: meta.doc,
        buckets: [month().doc],
      };
      return chatBriefingInput([docs], me, rings);
    });
  });

  const followed = mapArray(followedIds, (docId): Accessor<FollowedDoc> => {
    const history = useRoom(`${docId}:history`);
    const version = yjsVersion(history.doc);
    return () => (version(), { docId, title: titleOf(docId), history: history.doc });
  });

  const projects = useProjectDocs(() => directory.ofKind('board'));
  const taskVersion = yjsVersion(() => projects().map((p) => p.doc));

  const chat = createMemo((): ChatPart | null => {
    const parts = rooms().map((room) => room());
    if (!session.me() || parts.some((part) => part === null)) return null;
    const done = parts as ChatPart[];
    return {
      dings: done.flatMap((p) => p.dings),
      mentions: done.flatMap((p) => p.mentions),
      threads: done.flatMap((p) => p.threads),
      gists: new Map(done.flatMap((p) => [...p.gists])),
    };
  });
  const tasks = createMemo(() => (taskVersion(), projectTasks(projects())));
  return createMemo(() => {
    const me = session.me()?.user.id;
    const fromChat = chat();
    if (!me || !fromChat) return null;
    const { gists, ...messages } = fromChat;
    const docs = docBriefingInput(
      followed().map((doc) => doc()),
      me,
      now(),
      timeZone(),
    );
    return { input: { me, tasks: tasks(), docs, ...messages }, gists };
  });
}
