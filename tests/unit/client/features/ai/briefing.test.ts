import { describe, expect, it } from 'vitest';
import {
  AiInputError,
  briefingHeadline,
  rankBriefing,
  type BriefingInput,
} from '../../../../../client/src/features/ai/model/index.js';
import {
  completeTask,
  createTask,
  readAllTasks,
  type CreateTaskInput,
  type ProjectTask,
} from '../../../../../client/src/workspace/tasks/index.js';
import { ctx, newProject } from '../../workspace/tasks/helpers.js';

const NOW = new Date(Date.UTC(2026, 2, 4, 11, 0)); // Wednesday 4 March 2026, 12:00 in Berlin
const BERLIN = 'Europe/Berlin';
const HOUR = 3_600_000;
const at = (hoursAgo: number) => NOW.getTime() - hoursAgo * HOUR;

function tasks(...inputs: Array<Omit<CreateTaskInput, 'assignees'> & { assignees?: string[] }>) {
  const doc = newProject(1, 'Launch');
  for (const input of inputs) createTask(doc, { assignees: ['me'], ...input }, ctx());
  return {
    doc,
    read: (): ProjectTask[] =>
      readAllTasks(doc).map((task) => ({ projectId: 'launch', projectName: 'Launch', task })),
  };
}
const due = (date: string, time?: string, timeZone = BERLIN) => ({
  date,
  timeZone,
  ...(time === undefined ? {} : { time }),
});

function input(parts: Partial<BriefingInput>): BriefingInput {
  return { me: 'me', tasks: [], dings: [], mentions: [], threads: [], docs: [], ...parts };
}
const ding = (messageId: string, hoursAgo: number, acked: string[] = [], recipients = ['me']) => ({
  roomId: 'ops',
  roomTitle: 'Ops',
  ding: {
    messageId,
    sender: 'boss',
    recipients,
    createdAt: at(hoursAgo),
    preview: `alert ${messageId}`,
    acks: new Map(acked.map((u) => [u, at(0)])),
  },
});
const mention = (
  messageId: string,
  hoursAgo: number,
  extra: Partial<BriefingInput['mentions'][number]> = {},
) => ({
  roomId: 'general',
  roomTitle: 'General',
  messageId,
  author: 'ann',
  text: `@me look at ${messageId}`,
  createdAt: at(hoursAgo),
  answered: false,
  ...extra,
});
const thread = (
  rootId: string,
  hoursAgo: number,
  extra: Partial<BriefingInput['threads'][number]> = {},
) => ({
  roomId: 'design',
  roomTitle: 'Design',
  rootId,
  rootText: `thread ${rootId}`,
  rootAuthor: 'me',
  participants: ['ann'],
  newReplies: 2,
  lastReplyAt: at(hoursAgo),
  ...extra,
});
const doc = (
  docId: string,
  hoursAgo: number,
  extra: Partial<BriefingInput['docs'][number]> = {},
) => ({
  docId,
  title: `Doc ${docId}`,
  changedAt: at(hoursAgo),
  changedBy: ['ann'],
  following: true,
  ...extra,
});
const ids = (items: { id: string }[]) => items.map((i) => i.id);

describe('daily briefing ranking', () => {
  it('[B1] puts unacknowledged DINGs to me first, newest first', () => {
    const items = rankBriefing(
      input({
        dings: [
          ding('old', 5),
          ding('new', 1),
          ding('acked', 0.5, ['me']),
          ding('not-me', 0.2, [], ['you']),
        ],
        mentions: [mention('m1', 0.1)],
      }),
      NOW,
      { timeZone: BERLIN },
    );
    expect(ids(items)).toEqual(['ding:ops:new', 'ding:ops:old', 'mention:general:m1']);
    expect(items[0]).toMatchObject({
      kind: 'ding',
      title: 'alert new',
      detail: 'Urgent alert from boss in Ops',
      href: '/chat/ops?message=new',
    });
  });

  it("[B2] lists overdue tasks by priority, then the most overdue first; done and others' tasks left out", () => {
    const { doc: project, read } = tasks(
      { id: 'low-3d', title: 'Low, three days late', priority: 'low', due: due('2026-03-01') },
      { id: 'urgent-1d', title: 'Urgent, a day late', priority: 'urgent', due: due('2026-03-03') },
      { id: 'high-2d', title: 'High, two days late', priority: 'high', due: due('2026-03-02') },
      { id: 'high-1d', title: 'High, a day late', priority: 'high', due: due('2026-03-03') },
      { id: 'done', title: 'Done', priority: 'urgent', due: due('2026-03-01') },
      {
        id: 'theirs',
        title: 'Theirs',
        priority: 'urgent',
        due: due('2026-03-01'),
        assignees: ['you'],
      },
    );
    completeTask(project, 'done', ctx());
    const items = rankBriefing(input({ tasks: read() }), NOW, { timeZone: BERLIN });
    expect(ids(items)).toEqual([
      'task:launch:urgent-1d',
      'task:launch:high-2d',
      'task:launch:high-1d',
      'task:launch:low-3d',
    ]);
    expect(items.every((i) => i.kind === 'overdue')).toBe(true);
    expect(items[1]).toMatchObject({
      detail: 'Launch · 2 days overdue · high priority',
      href: '/tasks/launch?task=high-2d',
    });
    expect(items[0]?.detail).toBe('Launch · 1 day overdue · urgent priority');
  });

  it('[B3] lists tasks due today by priority, then time; a time already passed is overdue', () => {
    const { read } = tasks(
      { id: 'all-day', title: 'All day', due: due('2026-03-04') },
      { id: 'evening', title: 'Evening', due: due('2026-03-04', '18:00') },
      { id: 'afternoon', title: 'Afternoon', due: due('2026-03-04', '14:00') },
      {
        id: 'urgent-evening',
        title: 'Urgent',
        priority: 'urgent',
        due: due('2026-03-04', '19:00'),
      },
      { id: 'morning', title: 'Morning', due: due('2026-03-04', '09:00') },
      { id: 'tomorrow', title: 'Tomorrow', due: due('2026-03-05') },
    );
    const items = rankBriefing(input({ tasks: read() }), NOW, { timeZone: BERLIN });
    expect(items.map((i) => [i.kind, i.id.replace('task:launch:', '')])).toEqual([
      ['overdue', 'morning'],
      ['due-today', 'urgent-evening'],
      ['due-today', 'afternoon'],
      ['due-today', 'evening'],
      ['due-today', 'all-day'],
    ]);
    expect(items[0]?.detail).toBe('Launch · was due at 09:00 today');
    expect(items[2]?.detail).toBe('Launch · due today at 14:00');
    expect(items[4]?.detail).toBe('Launch · due today');
  });

  it('[B3] decides "today" in the viewer\'s time zone', () => {
    // 20:00 UTC on 4 March is 04:00 on 5 March in Shanghai.
    const evening = new Date(Date.UTC(2026, 2, 4, 20, 0));
    const { read } = tasks({
      id: 'standup',
      title: 'Prepare the standup',
      due: due('2026-03-05', '10:00', 'Asia/Shanghai'),
    });
    const shanghai = rankBriefing(input({ tasks: read() }), evening, { timeZone: 'Asia/Shanghai' });
    expect(shanghai.map((i) => [i.kind, i.detail])).toEqual([
      ['due-today', 'Launch · due today at 10:00'],
    ]);
    expect(rankBriefing(input({ tasks: read() }), evening, { timeZone: 'UTC' })).toEqual([]);
  });

  it('[B4] lists unanswered mentions newest first; answered, my own and DING-ed ones left out', () => {
    const items = rankBriefing(
      input({
        mentions: [
          mention('older', 3, { roomId: 'a' }),
          mention('newer', 1, { roomId: 'b' }),
          mention('answered', 0.5, { answered: true }),
          mention('mine', 0.5, { author: 'me' }),
          mention('rings', 0.5, { roomId: 'ops' }),
        ],
        dings: [ding('rings', 0.5)],
      }),
      NOW,
      { timeZone: BERLIN },
    );
    expect(ids(items)).toEqual(['ding:ops:rings', 'mention:b:newer', 'mention:a:older']);
    expect(items[1]).toMatchObject({
      title: 'ann mentioned you in General',
      detail: '@me look at newer',
      href: '/chat/b?message=newer',
    });
  });

  it('[B5] lists threads I started or took part in that have new replies, latest first', () => {
    const items = rankBriefing(
      input({
        threads: [
          thread('started', 3, { roomId: 'r1', newReplies: 1 }),
          thread('took-part', 1, { roomId: 'r2', rootAuthor: 'ann', participants: ['me', 'bob'] }),
          thread('others', 0.5, { rootAuthor: 'ann', participants: ['bob'] }),
          thread('quiet', 0.5, { newReplies: 0 }),
        ],
      }),
      NOW,
      { timeZone: BERLIN },
    );
    expect(ids(items)).toEqual(['thread:r2:took-part', 'thread:r1:started']);
    expect(items[1]).toMatchObject({
      detail: '1 new reply in Design',
      href: '/chat/r1?message=started',
    });
    expect(items[0]?.detail).toBe('2 new replies in Design');
  });

  it("[B6] lists followed docs changed by others since the start of yesterday, in the viewer's zone", () => {
    // Start of yesterday (3 March) is 2 March 23:00 UTC in Berlin, 2 March 16:00 UTC in Shanghai.
    const items = (timeZone: string) =>
      ids(
        rankBriefing(
          input({
            docs: [
              doc('fresh', 2, { changedBy: ['ann', 'me'], summary: 'new pricing table' }),
              doc('yesterday-berlin', 30),
              doc('before-berlin-yesterday', 37), // 2 March 22:00 UTC
              doc('by-me', 1, { changedBy: ['me'] }),
              doc('not-followed', 1, { following: false }),
            ],
          }),
          NOW,
          { timeZone },
        ),
      );
    expect(items(BERLIN)).toEqual(['doc:fresh', 'doc:yesterday-berlin']);
    expect(items('Asia/Shanghai')).toEqual([
      'doc:fresh',
      'doc:yesterday-berlin',
      'doc:before-berlin-yesterday',
    ]);
    const [fresh] = rankBriefing(
      input({
        docs: [doc('fresh', 2, { changedBy: ['ann', 'me'], summary: 'new pricing table' })],
      }),
      NOW,
      { timeZone: BERLIN },
    );
    expect(fresh).toMatchObject({
      detail: 'Changed by ann and me: new pricing table',
      href: '/docs/fresh',
    });
  });

  it('ranks the kinds in order: DINGs, overdue, due today, mentions, threads, docs', () => {
    const { read } = tasks(
      { id: 'late', title: 'Late', due: due('2026-03-02') },
      { id: 'today', title: 'Today', due: due('2026-03-04') },
    );
    const items = rankBriefing(
      input({
        tasks: read(),
        docs: [doc('d', 0.1)],
        threads: [thread('t', 0.1)],
        mentions: [mention('m', 0.1)],
        dings: [ding('x', 20)],
      }),
      NOW,
      { timeZone: BERLIN },
    );
    expect(items.map((i) => i.kind)).toEqual([
      'ding',
      'overdue',
      'due-today',
      'mention',
      'thread',
      'doc',
    ]);
    const scores = items.map((i) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('[B7] lets old mentions, threads and docs decay below fresher kinds, but not DINGs', () => {
    const items = rankBriefing(
      input({
        mentions: [mention('week-old', 7 * 24)],
        threads: [thread('fresh', 1)],
        dings: [ding('old-ding', 10 * 24)],
      }),
      NOW,
      { timeZone: BERLIN },
    );
    expect(ids(items)).toEqual([
      'ding:ops:old-ding',
      'thread:design:fresh',
      'mention:general:week-old',
    ]);
    const fresh = rankBriefing(
      input({ mentions: [mention('new', 2 * 24)], threads: [thread('fresh', 1)] }),
      NOW,
      {
        timeZone: BERLIN,
      },
    );
    expect(ids(fresh)).toEqual(['mention:general:new', 'thread:design:fresh']);
    const longer = rankBriefing(
      input({ mentions: [mention('week-old', 7 * 24)], threads: [thread('fresh', 1)] }),
      NOW,
      { timeZone: BERLIN, staleAfterDays: 10 },
    );
    expect(ids(longer)).toEqual(['mention:general:week-old', 'thread:design:fresh']);
  });

  it('[B8] caps each kind and each room, so a noisy channel cannot fill the briefing', () => {
    const noisy = Array.from({ length: 20 }, (_, i) =>
      mention(`n${i}`, i * 0.1, { roomId: 'noisy' }),
    );
    const quiet = [
      mention('q1', 5, { roomId: 'q' }),
      mention('q2', 6, { roomId: 'q' }),
      mention('r1', 7, { roomId: 'r' }),
    ];
    const threads = Array.from({ length: 6 }, (_, i) => thread(`t${i}`, i, { roomId: `room${i}` }));
    const items = rankBriefing(input({ mentions: [...noisy, ...quiet], threads }), NOW, {
      timeZone: BERLIN,
    });
    expect(ids(items)).toEqual([
      'mention:noisy:n0',
      'mention:noisy:n1',
      'mention:q:q1',
      'mention:q:q2',
      'thread:room0:t0',
      'thread:room1:t1',
      'thread:room2:t2',
      'thread:room3:t3',
    ]);
    const small = rankBriefing(input({ mentions: [...noisy, ...quiet], threads }), NOW, {
      timeZone: BERLIN,
      limit: 3,
      perKind: 10,
      perRoom: 1,
    });
    expect(ids(small)).toEqual(['mention:noisy:n0', 'mention:q:q1', 'mention:r:r1']);
    expect(rankBriefing(input({ mentions: noisy }), NOW, { timeZone: BERLIN })).toHaveLength(2);
  });

  it('shows names through nameOf and keeps details to one line', () => {
    const [item] = rankBriefing(
      input({ mentions: [mention('m', 1, { text: `line one\nline two ${'x'.repeat(300)}` })] }),
      NOW,
      { timeZone: BERLIN, nameOf: (id) => (id === 'ann' ? 'Ann Lee' : id) },
    );
    expect(item?.title).toBe('Ann Lee mentioned you in General');
    expect(item?.detail).not.toContain('\n');
    expect(item?.detail.length).toBeLessThanOrEqual(120);
  });

  it('rejects an unknown time zone and a bad limit', () => {
    expect(() => rankBriefing(input({}), NOW, { timeZone: 'Mars/Olympus' })).toThrow(AiInputError);
    expect(() => rankBriefing(input({}), NOW, { timeZone: BERLIN, limit: -1 })).toThrow(/limit/);
  });
});

describe('[B9] approvals waiting for me', () => {
  const request = (requestId: string, templateName: string, hoursAgo: number) => ({
    requestId,
    templateName,
    submitterId: 'ann',
    submittedAt: at(hoursAgo),
  });
  const approvals = {
    waiting: 60,
    requests: [
      request('r1', 'Taxi', 2),
      request('r2', 'Laptop', 80),
      request('r3', 'Hotel', 30),
      request('r4', 'Lunch', 50),
    ],
  };

  it('one line: how many wait and the oldest titles, after overdue tasks, before mentions', () => {
    const items = rankBriefing(
      input({ approvals, mentions: [mention('m1', 1)], dings: [ding('d1', 1)] }),
      NOW,
      { timeZone: BERLIN, nameOf: (id) => (id === 'ann' ? 'Ann Lee' : id) },
    );
    expect(items.map((i) => i.kind)).toEqual(['ding', 'approval', 'mention']);
    expect(items[1]).toMatchObject({
      title: '60 approvals wait for you',
      detail:
        'Oldest: Laptop from Ann Lee; Lunch from Ann Lee; Hotel from Ann Lee (the oldest waits 3 days)',
      href: '/approvals?box=toApprove',
      count: 60,
    });
    expect(briefingHeadline(items)).toBe('1 urgent alert, 60 approvals waiting, 1 mention');
  });

  it('one request links to it; none waiting (or never listed) adds no line', () => {
    const one = rankBriefing(
      input({ approvals: { waiting: 1, requests: [request('r9', 'Taxi', 1)] } }),
      NOW,
      { timeZone: BERLIN },
    );
    expect(one.map((i) => [i.title, i.detail, i.href])).toEqual([
      ['1 approval waits for you', 'Oldest: Taxi from ann', '/approvals/r9'],
    ]);
    const none = { timeZone: BERLIN };
    expect(rankBriefing(input({ approvals: { waiting: 0, requests: [] } }), NOW, none)).toEqual([]);
    expect(rankBriefing(input({}), NOW, none)).toEqual([]);
  });
});

describe('briefingHeadline', () => {
  it('counts the items in plain English, singular and plural', () => {
    const kinds = [
      'ding',
      'ding',
      'overdue',
      'mention',
      'mention',
      'mention',
      'due-today',
      'doc',
    ] as const;
    expect(briefingHeadline(kinds.map((kind) => ({ kind })))).toBe(
      '2 urgent alerts, 1 overdue task, 1 task due today, 3 mentions, 1 changed doc',
    );
    expect(
      briefingHeadline([
        { kind: 'thread' },
        { kind: 'thread' },
        { kind: 'due-today' },
        { kind: 'due-today' },
      ]),
    ).toBe('2 tasks due today, 2 threads with new replies');
    expect(briefingHeadline([])).toBe('Nothing needs you today.');
  });
});

describe('meetings in the briefing', () => {
  it("[CAL78] lists today's meetings that are not over, earliest first, after urgent alerts", () => {
    const meeting = (eventId: string, startHoursFromNow: number, url: string | null = null) => ({
      calendarId: 'team',
      eventId,
      title: `Meeting ${eventId}`,
      start: NOW.getTime() + startHoursFromNow * HOUR,
      end: NOW.getTime() + (startHoursFromNow + 1) * HOUR,
      when: 'HH:mm',
      meetingUrl: url,
    });
    const items = rankBriefing(
      input({
        dings: [ding('m1', 1)],
        meetings: [
          meeting('late', 3),
          meeting('over', -2),
          meeting('soon', 1, 'https://meet.example/x'),
        ],
      }),
      NOW,
      { timeZone: BERLIN },
    );
    expect(items.map((i) => (i.kind === 'meeting' ? i.title : i.kind))).toEqual([
      'ding',
      'Meeting soon',
      'Meeting late',
    ]);
    expect(items[1]).toMatchObject({
      href: '/calendar/team',
      detail: 'HH:mm · has a meeting link',
    });
    expect(briefingHeadline(items)).toContain('2 meetings today');
  });
});
