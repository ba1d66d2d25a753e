/**
 * A workspace with one of everything an export must carry, written through a real
 * relay by real y-websocket clients with the app's own model functions: nested docs
 * with a heading, a list, a table and an uploaded image; a channel over two months
 * with a thread, reactions, an edit, a deletion, attachments and a message holding
 * HTML; a task project with every field; and a doc and a channel that a member
 * cannot read. It returns the docs as written, so tests compare the export with them.
 */
import type * as Y from 'yjs';
import {
  AccessToken,
  DirectoryRoom,
  type RoomAccess,
  type RoomKind,
  StoredFile,
} from '../../shared/api/schemas.js';
import { bucketOf, bucketRoom, metaRoom } from '../../shared/model/chat/buckets.js';
import { markdownToJson } from '../../shared/model/docs/markdown.js';
import { createEvent } from '../../shared/calendar/write-events.js';
import { createProject } from '../../shared/model/tasks/project.js';
import {
  addMessage,
  deleteMessage,
  editMessage,
  toggleReaction,
} from '../../client/src/workspace/chat/write-messages.js';
import { markRead, noteBucket, setTopic } from '../../client/src/workspace/chat/meta.js';
import { writeDocJson } from '../../client/src/workspace/docs/write-doc.js';
import { assign } from '../../client/src/workspace/tasks/assignees.js';
import { addChecklistItem } from '../../client/src/workspace/tasks/checklist.js';
import { completeTask } from '../../client/src/workspace/tasks/complete-task.js';
import { createTask } from '../../client/src/workspace/tasks/create-task.js';
import { addLink } from '../../client/src/workspace/tasks/links.js';
import { addSubtask } from '../../client/src/workspace/tasks/subtasks.js';
import { ApiClient } from './api-client.js';
import { createTestClient, type TestClient } from './test-client.js';
import { invitePerson, signInOwner, type Person } from './workspace-people.js';
import type { TestRelay } from './test-relay.js';

/** A tiny PNG's first bytes: enough for the relay's type sniffing. */
export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7, 7, 7]);
export const PDF = new TextEncoder().encode('%PDF-1.4\n% seeded attachment\n');
export const SCRIPT_MESSAGE = '<script>alert("export")</script> and <b>bold</b>';

/** What the seeded workspace holds, the same in both modes (the seven seeded rooms and the scratchpad every workspace starts with). */
export const SEEDED_COUNTS = {
  people: 2,
  groups: 0,
  rooms: 8,
  docs: 4,
  channels: 2,
  messages: 8,
  projects: 1,
  tasks: 3,
  files: 3,
  skipped: 0,
};

export interface ExportSeed {
  owner: Person;
  member: Person;
  rooms: Record<
    'handbook' | 'onboarding' | 'secret' | 'general' | 'leadership' | 'roadmap' | 'team',
    string
  >;
  /** Every Y.Doc written, by sync room name, as the clients hold them. */
  docs: Map<string, Y.Doc>;
  /** Message counts per channel room id. */
  messages: Record<string, number>;
  /** Every uploaded file's bytes, by file id. */
  files: Map<string, Uint8Array>;
  close(): void;
}

type Target = Pick<TestRelay, 'httpUrl' | 'wsUrl'>;

let seeded = 0;

async function room(
  owner: Person,
  kind: RoomKind,
  title: string,
  access: RoomAccess,
  parentId?: string,
) {
  const id = `${kind}-${++seeded}-${Date.now().toString(36)}`;
  await owner.api.ok(DirectoryRoom, 'POST', '/rooms', {
    id,
    kind,
    title,
    access,
    ...(parentId && { parentId }),
  });
  return id;
}

async function upload(
  target: Target,
  person: Person,
  roomId: string,
  bytes: Uint8Array,
  type: string,
  name: string,
) {
  const response = await fetch(`${target.httpUrl}/api/rooms/${roomId}/files`, {
    method: 'POST',
    headers: {
      'content-type': type,
      'x-file-name': encodeURIComponent(name),
      cookie: person.api.sessionCookie ?? '',
    },
    body: new Blob([new Uint8Array(bytes)]),
  });
  if (response.status !== 201)
    throw new Error(`upload failed: ${response.status} ${await response.text()}`);
  return StoredFile.parse(await response.json());
}

const OPEN: RoomAccess = { workspace: 'write', groups: [], users: [] };
const CLOSED: RoomAccess = { workspace: 'none', groups: [], users: [] };

/** Seeds the workspace through `target`, whose workspace and owner (SEED_OWNER) exist. */
export async function seedExportWorkspace(target: Target): Promise<ExportSeed> {
  const owner = await signInOwner(target);
  const member = await invitePerson(target, owner);
  const { token } = await owner.api.ok(AccessToken, 'POST', '/auth/token');
  const clients: TestClient[] = [];
  const docs = new Map<string, Y.Doc>();
  const open = async (name: string, write: (doc: Y.Doc) => void) => {
    const client = createTestClient(target.wsUrl, name, { token, confirm: true });
    clients.push(client);
    await client.synced();
    write(client.doc);
    await client.allConfirmed();
    docs.set(name, client.doc);
  };
  const files = new Map<string, Uint8Array>();

  const handbook = await room(owner, 'doc', 'Handbook', OPEN);
  const onboarding = await room(owner, 'doc', 'Onboarding / first week', OPEN, handbook);
  const secret = await room(owner, 'doc', 'Secret plan', CLOSED);
  const general = await room(owner, 'channel', 'General', OPEN);
  const leadership = await room(owner, 'channel', 'Leadership', CLOSED);
  const roadmap = await room(owner, 'board', 'Roadmap', OPEN);
  const team = await room(owner, 'calendar', 'Team calendar', OPEN);

  const image = await upload(target, owner, handbook, PNG, 'image/png', 'diagram.png');
  files.set(image.id, PNG);
  await open(handbook, (doc) =>
    writeDocJson(
      doc,
      markdownToJson(
        `# Handbook\n\nWelcome **all**.\n\n- one\n- two\n\n| Name | Role |\n| --- | --- |\n| Ann | Lead |\n\n![diagram](${image.url})\n`,
      ),
    ),
  );
  await open(onboarding, (doc) =>
    writeDocJson(doc, markdownToJson('## Day one\n\n1. Laptop\n2. Coffee\n')),
  );
  await open(secret, (doc) =>
    writeDocJson(doc, markdownToJson('Nobody but the owner reads this.')),
  );

  const photo = await upload(target, owner, general, PNG, 'image/png', 'photo.png');
  const report = await upload(target, owner, general, PDF, 'application/pdf', 'report.pdf');
  files.set(report.id, PDF);
  const october = Date.UTC(2026, 9, 15, 9, 0);
  const november = Date.UTC(2026, 10, 2, 9, 0);
  const say = (
    doc: Y.Doc,
    id: string,
    author: string,
    at: number,
    text: string,
    parentId: string | null = null,
  ) =>
    addMessage(doc, {
      id,
      key: `${String(at).padStart(15, '0')}-${id}`,
      author,
      text,
      createdAt: at,
      parentId,
    });
  await open(bucketRoom(general, bucketOf(october)), (doc) => {
    say(doc, 'g1', owner.id, october, 'Hello everyone');
    say(doc, 'g2', member.id, october + 60_000, 'Hi! A reply in a thread', 'g1');
    say(doc, 'g3', owner.id, october + 120_000, `Plan attached [📎 photo.png](${photo.url})`);
    toggleReaction(doc, { id: 'g1', userId: member.id, emoji: '👍' });
    toggleReaction(doc, { id: 'g1', userId: owner.id, emoji: '👍' });
  });
  await open(bucketRoom(general, bucketOf(november)), (doc) => {
    say(doc, 'g4', owner.id, november, 'Typo here');
    editMessage(doc, {
      id: 'g4',
      userId: owner.id,
      text: 'Fixed text',
      mentions: { users: [], channel: false },
      now: november + 1000,
    });
    say(doc, 'g5', member.id, november + 2000, 'Oops, wrong channel');
    deleteMessage(doc, { id: 'g5', userId: member.id, now: november + 3000 });
    say(doc, 'g6', member.id, november + 4000, SCRIPT_MESSAGE);
    say(doc, 'g7', owner.id, november + 5000, `Report: [📎 report.pdf](${report.url})`);
  });
  await open(metaRoom(general), (meta) => {
    setTopic(meta, 'Everything, all at once');
    noteBucket(meta, bucketOf(october));
    noteBucket(meta, bucketOf(november));
    markRead(meta, member.id, `${String(november).padStart(15, '0')}-g4`);
  });
  await open(bucketRoom(leadership, bucketOf(november)), (doc) => {
    say(doc, 'l1', owner.id, november, 'Only leaders read this');
  });

  await open(roadmap, (doc) => {
    const ctx = { by: owner.id, now: october };
    createProject(doc, { name: 'Roadmap' }, ctx);
    const launch = createTask(
      doc,
      {
        id: 't-launch',
        title: 'Launch',
        description: 'Ship it\nto everyone',
        labels: ['big', 'q4'],
        priority: 'high',
        start: { date: '2026-11-01', timeZone: 'Europe/Berlin' },
        due: { date: '2026-12-01', time: '17:30', timeZone: 'Europe/Berlin' },
        recurrence: null,
        reminders: [60],
        source: { kind: 'chat', room: general, messageId: 'g1' },
      },
      ctx,
    );
    assign(doc, launch, member.id, ctx);
    addChecklistItem(doc, launch, { id: 'c1', text: 'Write the notes' }, ctx);
    addLink(doc, launch, { id: 'l1', link: { kind: 'doc', room: handbook } }, ctx);
    addSubtask(doc, launch, { id: 't-sub', title: 'Tell the press' }, ctx);
    const done = createTask(doc, { id: 't-done', title: 'Kick-off' }, ctx);
    completeTask(doc, done, ctx);
  });

  await open(team, (doc) => {
    createEvent(
      doc,
      {
        id: 'standup',
        title: 'Stand-up',
        time: {
          kind: 'timed',
          start: '2026-11-02T09:30',
          end: '2026-11-02T09:45',
          timeZone: 'Europe/Berlin',
        },
        rrule: 'FREQ=WEEKLY;BYDAY=MO,WE',
        exdates: ['2026-11-04T09:30'],
        organizer: owner.id,
      },
      { by: owner.id, now: october },
    );
  });

  return {
    owner,
    member,
    rooms: { handbook, onboarding, secret, general, leadership, roadmap, team },
    docs,
    messages: { [general]: 7, [leadership]: 1 },
    files,
    close: () => clients.forEach((c) => c.destroy()),
  };
}

/** Signs `email` in with `password` on `target`, as a browser would. */
export async function signIn(target: Target, email: string, password: string): Promise<ApiClient> {
  const api = new ApiClient(target.httpUrl);
  await api.call('POST', '/auth/login', { email, password });
  return api;
}
