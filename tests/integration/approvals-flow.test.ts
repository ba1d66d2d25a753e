import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hexToBytes } from '@noble/hashes/utils.js';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ActionResult,
  ApprovalCount,
  RelayKey,
  RequestDetail,
  RequestList,
  RoutePreview,
  TemplateRecord,
} from '../../shared/api/approvals.js';
import { DING_RATE, Notification } from '../../shared/api/schemas.js';
import { verifyLog } from '../../shared/approvals/log.js';
import { OrgChart } from '../../shared/org/org-chart.js';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import { admin as adminCli, adminOnDatabase } from '../support/admin-cli.js';
import type { ApiClient } from '../support/api-client.js';
import { act, joinAs, type Person } from '../support/approval-people.js';
import { startScaledPair } from '../support/scaled-pair.js';
import { startTestRelay } from '../support/test-relay.js';
import { MemoryBlobStore } from '../../sync-server/src/files/blob-store.js';
import { awkwardCases } from './approvals-awkward.js';
import { attachmentCases } from './approvals-files.js';
import { signInOwner } from '../support/workspace-people.js';
import { checkRecords } from './approvals-records.check.js';

/**
 * Approvals through real relays, in both modes: one embedded relay, and two scaled
 * relays on one PostgreSQL and Redis, where people act through either relay and two
 * approvers of an `any` step race through different relays.
 */
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

async function scenario(
  admin: ApiClient,
  [one, two]: [string, string],
): Promise<{ key: RelayKey; proofFile: string }> {
  const ann = await joinAs(one, admin, 'member', 'Ann');
  const mia = await joinAs(two, admin, 'member', 'Mia');
  const fay = await joinAs(one, admin, 'member', 'Fay');
  const cid = await joinAs(two, admin, 'member', 'Cid');
  const zed = await joinAs(one, admin, 'member', 'Zed');
  const gus = await joinAs(two, admin, 'guest', 'Gus');
  await admin.ok(OrgChart, 'PUT', `/org/people/${ann.id}/manager`, { managerId: mia.id });

  const expense = await admin.ok(TemplateRecord, 'POST', '/approvals/templates', {
    name: 'Expense',
    fields: [
      { id: 'amount', label: 'Amount', type: 'money', required: true, currencies: ['EUR'] },
      { id: 'note', label: 'What for', type: 'text', required: false },
    ],
    flow: [
      {
        kind: 'approve',
        id: 'mgr',
        mode: 'sequential',
        approvers: [{ kind: 'manager', levels: 1, chain: false }],
      },
      {
        kind: 'approve',
        id: 'fin',
        mode: 'all',
        approvers: [{ kind: 'people', ids: [fay.id] }],
        when: { kind: 'compare', field: 'amount', op: 'gt', value: 10_000 },
      },
      { kind: 'cc', id: 'cc', recipients: [{ kind: 'people', ids: [cid.id] }] },
    ],
  });
  const templateId = expense.template.id;
  expect(expense.template.version).toBe(1);
  const form = { amount: { amount: 45_000, currency: 'EUR' }, note: 'client visit' };

  // [APPR34] the preview is the exact route, with names, and writes nothing.
  const preview = await ann.api.ok(RoutePreview, 'POST', '/approvals/preview', {
    templateId,
    form,
  });
  expect(
    preview.route.map((s) => (s.kind === 'approve' ? s.approvers.map((a) => a.id) : s.recipients)),
  ).toEqual([[mia.id], [fay.id], [cid.id]]);
  expect(preview.people[fay.id]).toBe('Fay');
  const submittedBox = () => ann.api.ok(RequestList, 'GET', '/approvals/requests?box=submitted');
  expect((await submittedBox()).requests).toEqual([]);

  // [APPR35] the same action id twice appends once and answers the same entry.
  const actionId = randomUUID();
  const submitted = await ann.api.ok(ActionResult, 'POST', '/approvals/requests', {
    actionId,
    templateId,
    form,
  });
  const again = await ann
    .via(two)
    .ok(ActionResult, 'POST', '/approvals/requests', { actionId, templateId, form });
  expect(again.replayed).toBe(true);
  expect(again.entry.hash).toBe(submitted.entry.hash);
  expect((await submittedBox()).requests.map((r) => r.id)).toEqual([submitted.request.id]);
  const id = submitted.request.id;

  // [APPR36] boxes and the badge count come from the relay's state of the log.
  expect(await mia.api.ok(ApprovalCount, 'GET', '/approvals/count')).toEqual({ toApprove: 1 });
  expect(await fay.api.ok(ApprovalCount, 'GET', '/approvals/count')).toEqual({ toApprove: 0 });
  // [APPR37] the submitter urges the current approver.
  expect((await act(ann.api, id, { kind: 'urge' })).status).toBe(200);

  // [APPR22] not her turn yet; [APPR32] a body naming another actor changes nothing.
  expect((await act(fay.api, id, { kind: 'approve' })).body.code).toBe('not_your_turn');
  const miaApproval = await mia.api.call('POST', `/approvals/requests/${id}/actions`, {
    actionId: randomUUID(),
    actor: fay.id,
    action: { kind: 'approve', comment: 'fine' },
  });
  expect(miaApproval.status).toBe(200);
  expect(ActionResult.parse(miaApproval.body).entry.actor).toBe(mia.id);

  // [APPR18] withdraw after a decision is refused; [APPR38] people not on it learn nothing.
  const withdraw = await act(ann.via(two), id, { kind: 'withdraw' });
  expect([withdraw.status, withdraw.body.code]).toEqual([409, 'too_late_to_withdraw']);
  for (const outsider of [zed.api, gus.api]) {
    expect((await outsider.call('GET', `/approvals/requests/${id}`)).status).toBe(404);
    expect((await act(outsider, id, { kind: 'comment', text: 'hi' })).status).toBe(404);
  }

  // [APPR33] a new template version never changes a submitted request.
  const edited = await admin.ok(TemplateRecord, 'PUT', `/approvals/templates/${templateId}`, {
    name: 'Expense claim',
    fields: expense.template.fields,
    flow: [expense.template.flow[0]],
    baseVersion: 1,
  });
  expect(edited.template.version).toBe(2);
  const stale = await admin.call('PUT', `/approvals/templates/${templateId}`, {
    ...edited.template,
    baseVersion: 1,
  });
  expect(stale.status).toBe(409);

  await fay.via(two).ok(ActionResult, 'POST', `/approvals/requests/${id}/actions`, {
    actionId: randomUUID(),
    action: { kind: 'approve' },
  });
  const detail = await ann.api.ok(RequestDetail, 'GET', `/approvals/requests/${id}`);
  expect(detail.template.version).toBe(1);
  expect(detail.request.status).toBe('approved');
  expect(detail.entries.map((e) => [e.kind, e.actor])).toEqual([
    ['submit', ann.id],
    ['urge', ann.id],
    ['approve', mia.id],
    ['approve', fay.id],
  ]);
  const cc = await cid.via(one).ok(RequestList, 'GET', '/approvals/requests?box=cc');
  expect(cc.requests.map((r) => r.id)).toEqual([id]);
  const approvedByFay = await fay.api.ok(RequestList, 'GET', '/approvals/requests?box=approved');
  expect(approvedByFay.requests.map((r) => r.status)).toEqual(['approved']);

  // [APPR70] a comment tells the submitter (no one waits on a decided request).
  await act(mia.via(two), id, { kind: 'comment', text: 'paid next week' });
  // [APPR40] [APPR70] each person was told what concerns them in their notifications,
  // never of their own actions; people not on the request were told nothing.
  const inbox = (who: Person) => who.api.ok(z.array(Notification), 'GET', '/notifications');
  const told = async (who: Person) =>
    (await inbox(who))
      .flatMap((n) => (n.kind === 'approval' && n.requestId === id ? [n.reason] : []))
      .reverse();
  expect(await told(mia)).toEqual(['toApprove', 'urged']);
  expect(await told(fay)).toEqual(['toApprove']);
  expect(await told(ann)).toEqual(['approved', 'commented']);
  expect(await told(cid)).toEqual(['cc']);
  for (const outsider of [zed, gus]) expect(await inbox(outsider)).toEqual([]);
  const [newest] = (await inbox(ann)).filter((n) => n.kind === 'approval');
  expect(newest).toMatchObject({ reason: 'commented', actorName: 'Mia', read: false });
  await ann.via(two).ok(z.object({}), 'POST', '/notifications/read', { ids: [newest!.id] });
  expect((await inbox(ann)).find((n) => n.id === newest!.id)?.read).toBe(true);
  // Someone else's id marks nothing of theirs.
  const [cidNotice] = await inbox(cid);
  await ann.api.ok(z.object({}), 'POST', '/notifications/read', { ids: [cidNotice!.id] });
  expect((await inbox(cid))[0]?.read).toBe(false);

  // [APPR32] a resubmit's route is resolved again by the relay, from the pinned version.
  const small = await ann.api.ok(ActionResult, 'POST', '/approvals/requests', {
    actionId: randomUUID(),
    templateId,
    form: { amount: { amount: 5_000, currency: 'EUR' } },
  });
  expect(small.request.templateVersion).toBe(2);
  const v1 = await admin.ok(TemplateRecord, 'PUT', `/approvals/templates/${templateId}`, {
    ...expense.template,
    baseVersion: 2,
  });
  expect(v1.template.version).toBe(3);
  const toGuest = await act(mia.api, small.request.id, { kind: 'transfer', to: gus.id });
  expect([toGuest.status, toGuest.body.code]).toEqual([409, 'bad_target']);
  await mia.api.ok(ActionResult, 'POST', `/approvals/requests/${small.request.id}/actions`, {
    actionId: randomUUID(),
    action: { kind: 'return', comment: 'add the note' },
  });
  const resubmitted = await ann.api.ok(
    ActionResult,
    'POST',
    `/approvals/requests/${small.request.id}/actions`,
    {
      actionId: randomUUID(),
      action: {
        kind: 'resubmit',
        form: { amount: { amount: 20_000, currency: 'EUR' }, note: 'taxi' },
      },
    },
  );
  expect(resubmitted.request.templateVersion).toBe(2);
  // Version 3 would add the finance step above 10,000; version 2 has the manager only.
  expect(resubmitted.entry.body.route).toHaveLength(1);
  expect(resubmitted.request.currentApprovers).toEqual([mia.id]);
  const bad = await act(ann.api, small.request.id, { kind: 'resubmit', form: { amount: 'lots' } });
  expect([bad.status, bad.body.code]).toEqual([400, 'invalid_input']);

  // [APPR30] one key on every relay; [APPR28] the log verifies with it.
  const key = await ann.api.ok(RelayKey, 'GET', '/approvals/key');
  expect(await ann.via(two).ok(RelayKey, 'GET', '/approvals/key')).toEqual(key);
  const verified = verifyLog(detail.entries, hexToBytes(key.publicKey));
  expect('ok' in verified && verified.ok.status).toBe('approved');

  // [APPR27] two approvers of an `any` step through two relays: exactly one decides.
  const quick = await admin.ok(TemplateRecord, 'POST', '/approvals/templates', {
    name: 'Purchase',
    fields: [],
    flow: [
      {
        kind: 'approve',
        id: 'any',
        mode: 'any',
        approvers: [{ kind: 'people', ids: [mia.id, fay.id] }],
      },
    ],
  });
  for (let round = 0; round < 3; round++) {
    const race = await ann.api.ok(ActionResult, 'POST', '/approvals/requests', {
      actionId: randomUUID(),
      templateId: quick.template.id,
      form: {},
    });
    const answers = await Promise.all([
      act(mia.via(one), race.request.id, { kind: 'approve' }),
      act(fay.via(two), race.request.id, { kind: 'approve' }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)?.body.code).toBe('already_decided');
    const raced = await ann.api.ok(RequestDetail, 'GET', `/approvals/requests/${race.request.id}`);
    expect(raced.entries.map((e) => e.kind)).toEqual(['submit', 'approve']);
    expect(raced.request.status).toBe('approved');
  }

  // [APPR71] urges the log refuses or replays spend no DING; the budget still holds.
  for (let i = 0; i < DING_RATE.max; i++)
    expect((await act(ann.api, id, { kind: 'urge' })).body.code).toBe('not_pending');
  const urgeId = randomUUID();
  expect((await act(ann.api, small.request.id, { kind: 'urge' }, urgeId)).status).toBe(200);
  expect((await act(ann.via(two), small.request.id, { kind: 'urge' }, urgeId)).status).toBe(200);
  expect((await act(ann.api, small.request.id, { kind: 'urge' })).status).toBe(200);
  const over = await act(ann.via(two), small.request.id, { kind: 'urge' });
  expect([over.status, over.body.code]).toEqual([429, 'rate_limited']);
  const urges = await ann.api.ok(RequestDetail, 'GET', `/approvals/requests/${small.request.id}`);
  expect(urges.entries.filter((e) => e.kind === 'urge')).toHaveLength(2);
  const proofFile = await checkRecords({
    admin,
    ann,
    mia,
    cid,
    zed,
    gus,
    approvedId: id,
    pendingId: small.request.id,
    expenseId: templateId,
    quickId: quick.template.id,
    key,
  });
  return { key, proofFile };
}

describe('[APPR26] approvals through the relay', () => {
  it('[APPR27] [APPR60] [APPR80] embedded: a three-person flow, receipts, refusals, pinned versions, the race, records, awkward cases, moved places', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'approvals-'));
    const blobs = new MemoryBlobStore();
    const relay = await startTestRelay({
      persistence: new SqlitePersistence({ file: join(dir, 'relay.sqlite') }),
      blobs,
    });
    cleanup.push(() => relay.stop());
    const owner = await signInOwner(relay);
    const { key, proofFile } = await scenario(owner.api, [relay.httpUrl, relay.httpUrl]);
    await awkwardCases(owner.api, [relay.httpUrl, relay.httpUrl]);
    await attachmentCases(owner.api, [relay.httpUrl, relay.httpUrl], blobs);
    // [APPR63] the operator's command checks a downloaded bundle with no relay or database.
    const { stdout } = await adminCli(
      mkdtempSync(join(tmpdir(), 'no-data-')),
      'verify-approval',
      proofFile,
      '--key',
      key.fingerprint,
    );
    expect(stdout).toContain(`Relay key fingerprint ${key.fingerprint} (the expected key)`);
    expect(stdout).toContain('the request is approved');
  });

  it('[APPR30] scaled: the same through two relays on one PostgreSQL, one key', async () => {
    const { admin, urls, databaseUrl } = await startScaledPair(cleanup, 'approvals-scaled-');
    const { key } = await scenario(admin, urls);
    await awkwardCases(admin, urls);
    await attachmentCases(admin, urls);
    // [APPR31] the operator's command prints the key the relays serve.
    const { stdout } = await adminOnDatabase(databaseUrl, 'approvals-key');
    expect(stdout).toContain(key.publicKey);
    expect(stdout).toContain(key.fingerprint);
  }, 120_000);
});
