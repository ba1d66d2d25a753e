/**
 * The relay's approval decisions per second over HTTP (embedded mode, SQLite files):
 * a member submits, the owner approves, one at a time, each append read, judged,
 * signed with node:crypto and written with its request row, people, receipt and
 * notices in one transaction. Beside it, in the same run, the same relay answering
 * the nav count (`GET /api/approvals/count`): the floor of an authenticated API call.
 *
 *   node --import tsx bench/approvals-relay.ts
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActionResult, TemplateRecord } from '../shared/api/approvals.js';
import { SqlitePersistence } from '../sync-server/src/persistence/sqlite-persistence.js';
import { startTestRelay } from '../tests/support/test-relay.js';
import { invitePerson, signInOwner } from '../tests/support/workspace-people.js';
import { fmt, markdownTable } from './lib/report.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);

const dir = mkdtempSync(join(tmpdir(), 'bench-approvals-'));
const relay = await startTestRelay({
  persistence: new SqlitePersistence({ file: join(dir, 'relay.sqlite') }),
});
try {
  const owner = await signInOwner(relay);
  const member = await invitePerson(relay, owner);
  const template = await owner.api.ok(TemplateRecord, 'POST', '/approvals/templates', {
    name: 'Bench',
    fields: [{ id: 'note', label: 'Note', type: 'text', required: true }],
    flow: [
      { kind: 'approve', id: 's', mode: 'any', approvers: [{ kind: 'people', ids: [owner.id] }] },
    ],
  });
  const submitted: string[] = [];
  let started = performance.now();
  for (let i = 0; i < REQUESTS; i++) {
    const result = await member.api.ok(ActionResult, 'POST', '/approvals/requests', {
      actionId: randomUUID(),
      templateId: template.template.id,
      form: { note: `request ${i}` },
    });
    submitted.push(result.request.id);
  }
  const submitMs = performance.now() - started;
  started = performance.now();
  for (const id of submitted)
    await owner.api.ok(ActionResult, 'POST', `/approvals/requests/${id}/actions`, {
      actionId: randomUUID(),
      action: { kind: 'approve' },
    });
  const approveMs = performance.now() - started;
  started = performance.now();
  for (let i = 0; i < REQUESTS; i++) await owner.api.call('GET', '/approvals/count');
  const countMs = performance.now() - started;
  const perSecond = (ms: number) => fmt((REQUESTS * 1000) / ms);
  console.log(`### Approvals on the relay (HTTP, embedded, ${REQUESTS} requests, one at a time)\n`);
  console.log(
    markdownTable(
      ['operation', 'per second'],
      [
        ['submit (route resolved, entry 0 signed)', perSecond(submitMs)],
        ['approve (log replayed, judged, signed)', perSecond(approveMs)],
        ['floor: GET /api/approvals/count', perSecond(countMs)],
      ],
    ),
  );
} finally {
  await relay.stop();
}
