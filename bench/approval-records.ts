/**
 * Approval records (APPROVALS.md [APPR60]–[APPR68]) on the relay's CPU: for N
 * requests of 10 entries, the CSV export and the cycle times, beside the floor they
 * stand on (replaying the stored logs, which the relay does for every export), and
 * checking one 30-entry proof bundle as `verify-approval` does. Database reads are
 * not in these figures (one query per request log).
 *
 *   node --import tsx bench/approval-records.ts
 */
import { appendEntry, EMPTY_LOG, replayLog, type LogEntry } from '../shared/approvals/log.js';
import { makeProofBundle, verifyProofBundle } from '../shared/approvals/proof-bundle.js';
import type { Action, RequestState } from '../shared/approvals/state.js';
import { Template } from '../shared/approvals/template.js';
import {
  closingEntry,
  cycleTimes,
  requestsCsv,
  type RequestRecord,
} from '../sync-server/src/approvals/request-records.js';
import { nodeCheck, nodeSigner } from '../tests/support/node-ed25519.js';
import { fmt, markdownTable, ms, progress } from './lib/report.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 5000);
const signer = nodeSigner(Uint8Array.from({ length: 32 }, (_, i) => i + 7));
const template = Template.parse({
  id: 't',
  version: 1,
  name: 'Expense',
  fields: [
    { id: 'amount', label: 'Amount', type: 'money', required: true, currencies: ['EUR'] },
    { id: 'note', label: 'What for', type: 'text', required: false },
  ],
  flow: [],
});
const people = Array.from({ length: 4 }, (_, i) => `p${i}`);

function log(requestId: string, n: number, entries: number): LogEntry[] {
  const route = people.map((id, i) => ({
    kind: 'approve' as const,
    stepId: `s${i}`,
    mode: 'sequential' as const,
    approvers: [{ id, via: [] }],
  }));
  const form = { amount: { amount: 1000 + n, currency: 'EUR' }, note: `=trip ${n}` };
  const steps: [Action, string][] = [
    [{ kind: 'submit', templateId: 't', templateVersion: 1, form, route, orgVersion: 1 }, 'dev'],
  ];
  for (let i = 0; steps.length < entries - people.length; i++)
    steps.push([{ kind: 'comment', text: `note ${i}` }, 'dev']);
  for (const id of people) steps.push([{ kind: 'approve' }, id]);
  let current = EMPTY_LOG;
  for (const [i, [action, actor]] of steps.entries()) {
    const at = new Date(Date.UTC(2025, 0, 1) + n * 60_000 + i * 3_600_000).toISOString();
    const appended = appendEntry(current, { requestId, actor, at, action }, signer);
    if (!('ok' in appended)) throw new Error(appended.refused.message);
    current = appended.ok.log;
  }
  return [...current.entries];
}

progress('building logs…');
const stored = Array.from({ length: REQUESTS }, (_, n) =>
  log(`r${n}`, n, 10).map((e) => JSON.stringify(e)),
);
const names = { person: (id: string) => id, department: (id: string) => id };

function replayAll(): RequestRecord[] {
  return stored.map((rows) => {
    const replayed = replayLog(rows.map((r) => JSON.parse(r) as unknown));
    if ('broken' in replayed) throw new Error('bench log broken');
    const { entries, state } = replayed.ok;
    return { entries, state: state as RequestState, template, templateName: 'Expense' };
  });
}
const timed = (fn: () => unknown) => {
  const started = performance.now();
  fn();
  return performance.now() - started;
};

replayAll();
progress('measuring…');
const replay = timed(replayAll);
const records = replayAll();
const csv = timed(() => requestsCsv(records, names));
// As the relay does it: the stored JSON of closed requests parsed, no replay.
const cycles = timed(() =>
  cycleTimes(
    stored.map((rows, n) => {
      const entries = rows.map((r) => JSON.parse(r) as LogEntry);
      return {
        templateId: 't',
        templateName: 'Expense',
        status: 'approved',
        submittedAt: entries[0]!.at,
        decidedAt: closingEntry(entries, 'approved')?.at ?? `${n}`,
      };
    }),
  ),
);
const bundle = JSON.parse(
  JSON.stringify(
    makeProofBundle({
      requestId: 'b',
      entries: log('b', 0, 30),
      template,
      people: {},
      exportedAt: new Date().toISOString(),
      signer,
    }),
  ),
) as unknown;
const ROUNDS = 50;
const verify =
  timed(() => {
    for (let i = 0; i < ROUNDS; i++)
      if (verifyProofBundle(bundle, { check: nodeCheck }).kind !== 'ok')
        throw new Error('bundle did not verify');
  }) / ROUNDS;

console.log(`### Approval records (${fmt(REQUESTS)} requests of 10 entries)\n`);
console.log(
  markdownTable(
    ['step', 'time', 'per request'],
    [
      ['floor: replay the stored logs', ms(replay), ms(replay / REQUESTS)],
      ['CSV from the replayed logs', ms(csv), ms(csv / REQUESTS)],
      [
        'cycle times from the stored logs (parsed, not replayed)',
        ms(cycles),
        ms(cycles / REQUESTS),
      ],
      ['verify one 30-entry proof bundle (node:crypto)', ms(verify), ''],
    ],
  ),
);
