import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importIcs } from '../../shared/calendar/ics-import.js';
import { readDocJson } from '../../shared/model/docs/doc-json.js';
import { jsonToMarkdown } from '../../shared/model/docs/markdown.js';
import { EXPORT_ROOMS_HEADER } from '../../shared/model/export/export-layout.js';
import { DiskBlobStore, type BlobStore } from '../../sync-server/src/files/blob-store.js';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import { admin } from '../support/admin-cli.js';
import {
  PNG,
  PDF,
  SCRIPT_MESSAGE,
  SEEDED_COUNTS,
  seedExportWorkspace,
  type ExportSeed,
} from '../support/export-seed.js';
import { unpackExport, type UnpackedExport } from '../support/export-zip-reader.js';
import { startTestRelay, type TestRelay } from '../support/test-relay.js';
import { invitePerson, type Person } from '../support/workspace-people.js';

/**
 * The disk blob store, with a latch on reads: while `held`, an export waits at its
 * first file, so a test can ask for a second export while the first runs.
 */
class LatchedBlobs implements BlobStore {
  private latch: Promise<void> | null = null;
  private open: () => void = () => {};
  constructor(private readonly inner: BlobStore) {}
  hold(): void {
    this.latch = new Promise((resolve) => (this.open = resolve));
  }
  release(): void {
    this.latch = null;
    this.open();
  }
  put(hash: string, bytes: Uint8Array) {
    return this.inner.put(hash, bytes);
  }
  async get(hash: string) {
    await this.latch;
    return this.inner.get(hash);
  }
  delete(hash: string) {
    return this.inner.delete(hash);
  }
}

let relay: TestRelay;
let seed: ExportSeed;
let dataDir: string;
let blobs: LatchedBlobs;

async function download(person: Person, path: string) {
  const response = await fetch(`${relay.httpUrl}/api${path}`, {
    headers: { cookie: person.api.sessionCookie ?? '' },
  });
  return response;
}

async function exportOf(person: Person, path = '/admin/export'): Promise<UnpackedExport> {
  const response = await download(person, path);
  expect(response.status).toBe(200);
  return unpackExport(new Uint8Array(await response.arrayBuffer()));
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'export-'));
  blobs = new LatchedBlobs(new DiskBlobStore(join(dataDir, 'files')));
  relay = await startTestRelay({
    persistence: new SqlitePersistence({ file: join(dataDir, 'relay.sqlite') }),
    identityFile: join(dataDir, 'identity.sqlite'),
    blobs,
  });
  seed = await seedExportWorkspace(relay);
});

afterAll(async () => {
  seed?.close();
  await relay?.stop();
});

describe('admin export', () => {
  let zip: UnpackedExport;
  let response: Response;
  beforeAll(async () => {
    response = await download(seed.owner, '/admin/export');
    zip = unpackExport(new Uint8Array(await response.clone().arrayBuffer()));
  });

  it('[EXPORT1] streams a ZIP download that announces its rooms and holds a manifest of every entry', () => {
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="workspace-export-/,
    );
    expect(response.headers.get(EXPORT_ROOMS_HEADER)).toBe('8');
    expect(zip.manifest).toMatchObject({
      format: 1,
      workspace: 'Test',
      scope: 'admin',
      skipped: [],
      missingFiles: [],
    });
    expect(zip.manifest.counts).toEqual(SEEDED_COUNTS);
    expect(zip.corrupt()).toEqual([]);
    expect(zip.manifest.entries.map((e) => e.path).sort()).toEqual(
      Object.keys(zip.files)
        .filter((p) => p !== 'manifest.json')
        .sort(),
    );
    const readme = zip.text('README.html');
    for (const title of ['Handbook', 'General', 'Leadership', 'Roadmap', 'Secret plan'])
      expect(readme).toContain(title);
  });

  it("[EXPORT3] writes every doc as the converter's Markdown, nested under its parent, with its image beside it", () => {
    const image = zip.find(/^docs\/files\/.*diagram\.png$/);
    expect(zip.files[image]).toEqual(PNG);
    const handbook = seed.docs.get(seed.rooms.handbook)!;
    const expected = jsonToMarkdown(
      // The image's link, made relative to the Markdown file.
      rewriteFileLinksSync(readDocJson(handbook), image.slice('docs/'.length)),
    );
    expect(zip.text('docs/Handbook.md')).toBe(expected);
    expect(expected).toMatch(/\| Ann +\| Lead +\|/);
    expect(expected).toContain(`](${image.slice('docs/'.length)})`);
    expect(zip.text('docs/Handbook/Onboarding   first week.md')).toBe(
      jsonToMarkdown(readDocJson(seed.docs.get(seed.rooms.onboarding)!)),
    );
    expect(zip.text('docs/Secret plan.md')).toContain('Nobody but the owner');
  });

  it('[EXPORT4] writes every message with its thread, reactions, edit, deletion, read pointers and attachments', () => {
    const general = zip.json<{
      channel: { topic: string };
      readPointers: Record<string, string>;
      messages: {
        id: string;
        text: string;
        parentId: string | null;
        editedAt: string | null;
        deleted: boolean;
        reactions: { emoji: string; users: string[] }[];
        attachments: string[];
      }[];
    }>('chat/General/messages.json');
    expect(general.channel.topic).toBe('Everything, all at once');
    expect(Object.keys(general.readPointers)).toEqual([seed.member.id]);
    expect(general.messages.map((m) => m.id)).toEqual(['g1', 'g2', 'g3', 'g4', 'g5', 'g6', 'g7']);
    const byId = new Map(general.messages.map((m) => [m.id, m]));
    expect(byId.get('g2')?.parentId).toBe('g1');
    expect(byId.get('g1')?.reactions).toEqual([
      { emoji: '👍', users: [seed.member.id, seed.owner.id].sort() },
    ]);
    expect(byId.get('g4')).toMatchObject({ text: 'Fixed text', deleted: false });
    expect(byId.get('g4')?.editedAt).not.toBeNull();
    expect(byId.get('g5')).toMatchObject({ text: '', deleted: true });
    expect(byId.get('g6')?.text).toBe(SCRIPT_MESSAGE);
    const [photo] = byId.get('g3')!.attachments;
    const [report] = byId.get('g7')!.attachments;
    expect(zip.files[`chat/General/${photo}`]).toEqual(PNG);
    expect(zip.files[`chat/General/${report}`]).toEqual(PDF);
    expect(
      zip.json<{ messages: unknown[] }>('chat/Leadership/messages.json').messages,
    ).toHaveLength(1);

    const page = zip.text('chat/General/index.html');
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<b>bold</b>');
    expect(page).toContain('&#60;script&#62;alert(&#34;export&#34;)&#60;/script&#62;');
    expect(page).toContain('This message was deleted.');
    expect(page).toContain(`href="${report}"`);
    expect(page).toMatch(/<div class="thread">.*Hi! A reply in a thread/s);
  });

  it('[EXPORT5] writes each project as JSON with every field and as CSV', () => {
    const project = zip.json<{ tasks: Record<string, unknown>[]; columns: unknown[] }>(
      'tasks/Roadmap.json',
    );
    expect(project.tasks.map((t) => t['id']).sort()).toEqual(['t-done', 't-launch', 't-sub']);
    const launch = project.tasks.find((t) => t['id'] === 't-launch')!;
    expect(launch).toMatchObject({
      title: 'Launch',
      description: 'Ship it\nto everyone',
      assignees: [seed.member.id],
      labels: ['big', 'q4'],
      priority: 'high',
      due: { date: '2026-12-01', time: '17:30', timeZone: 'Europe/Berlin' },
      start: { date: '2026-11-01', timeZone: 'Europe/Berlin' },
      reminders: [60],
      subtasks: { done: 0, total: 1 },
      checklist: [{ id: 'c1', text: 'Write the notes', done: false }],
      links: [{ id: 'l1', link: { kind: 'doc', room: seed.rooms.handbook } }],
      source: { kind: 'chat', room: seed.rooms.general, messageId: 'g1' },
    });
    expect(project.tasks.find((t) => t['id'] === 't-sub')).toMatchObject({ parentId: 't-launch' });
    expect(project.tasks.find((t) => t['id'] === 't-done')?.['completedAt']).not.toBeNull();
    const csv = zip.text('tasks/Roadmap.csv');
    expect(csv.split('\n')[0]).toContain('id,title,column,parent,completed');
    expect(csv).toContain('2026-12-01 17:30 Europe/Berlin');
    expect(csv).toContain('Tell the press,To do,Launch');
  });

  it('[CAL21] writes each calendar as an .ics file that reads back to the same events', () => {
    const ics = zip.text('calendars/Team calendar.ics');
    expect(ics).toContain('X-WR-CALNAME:Team calendar');
    const back = importIcs(ics, {
      fallbackZone: 'UTC',
      personByEmail: () => undefined,
      importer: seed.owner.id,
    });
    expect(back.errors).toEqual([]);
    expect(back.events).toHaveLength(1);
    expect(back.events[0]).toMatchObject({
      title: 'Stand-up',
      time: { start: '2026-11-02T09:30', end: '2026-11-02T09:45', timeZone: 'Europe/Berlin' },
      rrule: 'FREQ=WEEKLY;BYDAY=MO,WE',
      exdates: ['2026-11-04T09:30'],
    });
  });

  it('[EXPORT2] people, groups and rooms come with their access rules; the export is audited', async () => {
    const rooms = zip.json<{ id: string; access: { workspace: string } }[]>('rooms.json');
    expect(rooms.find((r) => r.id === seed.rooms.secret)?.access.workspace).toBe('none');
    expect(
      zip
        .json<{ email: string }[]>('people.json')
        .map((p) => p.email)
        .sort(),
    ).toEqual([seed.owner.email, seed.member.email].sort());
    const audit = await seed.owner.api.call<{ action: string; actorId: string }[]>('GET', '/audit');
    expect(audit.body.some((e) => e.action === 'export.admin' && e.actorId === seed.owner.id)).toBe(
      true,
    );
  });
});

/** rewriteFileLinks with one fixed replacement, for the expected Markdown. */
function rewriteFileLinksSync(json: ReturnType<typeof readDocJson>, path: string) {
  const walk = (node: typeof json): typeof json => ({
    ...node,
    ...(node.attrs && typeof node.attrs['src'] === 'string' && node.attrs['src'].startsWith('/api/')
      ? { attrs: { ...node.attrs, src: path } }
      : {}),
    ...(node.content && { content: node.content.map(walk) }),
  });
  return walk(json);
}

describe('personal export', () => {
  it('[EXPORT2] holds exactly the rooms the person can read, and no more', async () => {
    const response = await download(seed.member, '/export');
    expect(response.headers.get(EXPORT_ROOMS_HEADER)).toBe('6');
    const zip = unpackExport(new Uint8Array(await response.arrayBuffer()));
    expect(zip.manifest.scope).toBe('personal');
    expect(zip.manifest.counts).toMatchObject({
      rooms: 6,
      docs: 3,
      channels: 1,
      messages: 7,
      projects: 1,
      tasks: 3,
    });
    const all = Object.keys(zip.files).join('\n');
    expect(all).not.toMatch(/Secret plan|Leadership/);
    const everything = Object.values(zip.files)
      .map((b) => Buffer.from(b).toString('utf8'))
      .join('\n');
    expect(everything).not.toContain('Only leaders read this');
    expect(everything).not.toContain('Nobody but the owner');
    expect(everything).not.toContain(seed.rooms.secret);
    const ids = zip.json<{ id: string }[]>('rooms.json').map((r) => r.id);
    // Everything but the closed doc and channel: the five seeded open rooms and the scratchpad.
    expect(ids).toHaveLength(6);
    expect(ids).toEqual(
      expect.arrayContaining([
        seed.rooms.handbook,
        seed.rooms.onboarding,
        seed.rooms.general,
        seed.rooms.roadmap,
        seed.rooms.team,
      ]),
    );
    expect(ids).not.toContain(seed.rooms.secret);
    expect(ids).not.toContain(seed.rooms.leadership);
  });

  it("[EXPORT2] a guest sees no one else's email and only the rooms shared with them", async () => {
    const guest = await invitePerson(relay, seed.owner, 'guest');
    await seed.owner.api.call('PUT', `/rooms/${seed.rooms.general}/access`, {
      workspace: 'write',
      groups: [],
      users: [{ id: guest.id, level: 'read' }],
    });
    const zip = await exportOf(guest, '/export');
    expect(zip.json<{ id: string }[]>('rooms.json').map((r) => r.id)).toEqual([seed.rooms.general]);
    expect(zip.json<{ email: string }[]>('people.json').map((p) => p.email)).toEqual([guest.email]);
    const everything = Object.values(zip.files)
      .map((b) => Buffer.from(b).toString('utf8'))
      .join('\n');
    expect(everything).not.toContain(seed.owner.email);
    expect(everything).not.toContain(seed.member.email);
  });

  it('[EXPORT1] a member asking for the admin export gets 403', async () => {
    expect((await download(seed.member, '/admin/export')).status).toBe(403);
  });
});

describe('one export at a time', () => {
  it('[EXPORT7] a second admin export while one runs gets 429 with Retry-After; a personal one still runs', async () => {
    blobs.hold();
    const first = await download(seed.owner, '/admin/export');
    expect(first.status).toBe(200);
    const second = await download(seed.owner, '/admin/export');
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0);
    const personal = await download(seed.member, '/export');
    expect(personal.status).toBe(200);
    expect((await download(seed.member, '/export')).status).toBe(429);
    blobs.release();
    expect(unpackExport(new Uint8Array(await first.arrayBuffer())).manifest.counts.docs).toBe(4);
    await personal.arrayBuffer();
    const third = await exportOf(seed.owner);
    expect(third.manifest.counts.messages).toBe(8);
  });
});

describe('command line', () => {
  it('[EXPORT9] `export FILE` writes the same export beside the running relay; --person narrows it', async () => {
    const file = join(dataDir, 'out.zip');
    const { stdout } = await admin(dataDir, 'export', file);
    expect(stdout).toContain('4 docs');
    const zip = unpackExport(new Uint8Array(readFileSync(file)));
    const http = await exportOf(seed.owner);
    expect(zip.manifest.counts).toEqual(http.manifest.counts);
    expect(zip.manifest.exportedBy).toBeNull();
    expect(zip.text('docs/Handbook.md')).toBe(http.text('docs/Handbook.md'));
    expect(zip.corrupt()).toEqual([]);
    expect(existsSync(`${file}.partial`)).toBe(false);

    const mine = join(dataDir, 'mine.zip');
    await admin(dataDir, 'export', mine, '--person', seed.member.email);
    expect(unpackExport(new Uint8Array(readFileSync(mine))).manifest.counts.rooms).toBe(6);
  });

  it('[EXPORT9] an unknown --person is refused and writes nothing', async () => {
    const file = join(dataDir, 'nobody.zip');
    await expect(admin(dataDir, 'export', file, '--person', 'nobody@test.example')).rejects.toThrow(
      /no user with email nobody@test.example/,
    );
    expect(existsSync(file)).toBe(false);
  });
});

describe('damaged rooms', () => {
  it('[EXPORT6] a quarantined room is listed as skipped and everything else is exported', async () => {
    const part = `${seed.rooms.leadership}:m2026-11`;
    await relay.persistence.quarantine({ room: part, reason: 'test damage', at: Date.now() });
    try {
      const zip = await exportOf(seed.owner);
      expect(zip.manifest.skipped).toEqual([
        { room: seed.rooms.leadership, title: 'Leadership', reason: 'quarantined: test damage' },
      ]);
      expect(zip.text('skipped/Leadership.txt')).toContain('test damage');
      expect(zip.manifest.counts).toMatchObject({ skipped: 1, channels: 1, docs: 4, tasks: 3 });
    } finally {
      await relay.persistence.release(part);
    }
  });
});
