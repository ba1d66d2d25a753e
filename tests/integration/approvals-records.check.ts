import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { expect } from 'vitest';
import { z } from 'zod';
import { AuditEntry } from '../../shared/api/schemas.js';
import { CycleTimeList } from '../../shared/api/approval-records.js';
import {
  ActionResult,
  RequestDetail,
  RequestList,
  type RelayKey,
} from '../../shared/api/approvals.js';
import { verifyProofBundle } from '../../shared/approvals/proof-bundle.js';
import { percentile } from '../../sync-server/src/approvals/request-records.js';
import { verifyApproval } from '../../sync-server/src/approvals/verify-approval-command.js';
import type { ApiClient } from '../support/api-client.js';

type Who = { id: string; api: ApiClient };

async function download(who: ApiClient, path: string) {
  const answer = await who.download(path);
  return {
    status: answer.status,
    disposition: answer.headers.get('content-disposition') ?? '',
    type: answer.headers.get('content-type') ?? '',
    bytes: answer.body,
  };
}
const csvLines = (bytes: Uint8Array) =>
  strFromU8(bytes)
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\n');

/**
 * The records of the approvals scenario (APPROVALS.md [APPR60]–[APPR68]), run on the
 * requests it left: `approvedId` (Ann's, approved by Mia and Fay, Cid CC'd),
 * `pendingId` (returned by Mia, resubmitted), three `Purchase` requests of `quickId`
 * decided in a race. Answers a proof bundle file the caller may check further.
 */
export async function checkRecords(c: {
  admin: ApiClient;
  ann: Who;
  mia: Who;
  cid: Who;
  zed: Who;
  gus: Who;
  approvedId: string;
  pendingId: string;
  expenseId: string;
  quickId: string;
  key: RelayKey;
}): Promise<string> {
  // [APPR60] the bundle for people on the request (Cid only CC'd), 404 for anyone else.
  const proof = await download(c.ann.api, `/approvals/requests/${c.approvedId}/proof`);
  expect([proof.status, proof.disposition]).toEqual([
    200,
    `attachment; filename="approval-${c.approvedId}.json"`,
  ]);
  expect((await download(c.cid.api, `/approvals/requests/${c.approvedId}/proof`)).status).toBe(200);
  for (const [who, id] of [
    [c.zed.api, c.approvedId],
    [c.gus.api, c.approvedId],
    [c.ann.api, 'no-such-request'],
  ] as const)
    expect((await download(who, `/approvals/requests/${id}/proof`)).status).toBe(404);
  const file = join(mkdtempSync(join(tmpdir(), 'proof-')), 'proof.json');
  writeFileSync(file, proof.bytes);
  // [APPR63] it verifies offline, against the key the relay serves.
  const verified = await verifyApproval(file, c.key.fingerprint);
  expect(verified.code, verified.text).toBe(0);
  expect(verified.text).toContain('Verified 5 entries: the request is approved');
  expect(verified.text).toMatch(/Mia \([^)]+\) {2}approve "fine"/);

  // [APPR67] what a submitter types is never a formula in the export.
  const injected = await c.ann.api.ok(ActionResult, 'POST', '/approvals/requests', {
    actionId: randomUUID(),
    templateId: c.expenseId,
    form: { amount: { amount: 5_000, currency: 'EUR' }, note: '=2+3' },
  });
  // [APPR64] members get what they submitted or decided; guests nothing.
  const csv = async (who: ApiClient, query = '') => {
    const answer = await download(who, `/approvals/export.csv${query}`);
    expect([answer.status, answer.type]).toEqual([200, 'text/csv; charset=utf-8']);
    return csvLines(answer.bytes);
  };
  const ann = await csv(c.ann.api);
  expect(ann[0]).toMatch(
    /^id,template,template version,submitter,submitted at,state,decided at,current step,approvers who decided,Expense: Amount,Expense: What for$/,
  );
  expect(ann).toHaveLength(7);
  const injectedRow = ann.find((line) => line.startsWith(injected.request.id))!;
  expect(injectedRow).toMatch(/,pending,,mgr,,50\.00 EUR,'=2\+3$/);
  expect(ann.find((line) => line.startsWith(c.approvedId))).toMatch(
    /,approved,[^,]+,,Mia \(approved\); Fay \(approved\),450\.00 EUR,client visit$/,
  );
  const mia = (await csv(c.mia.api)).map((line) => line.split(',')[0]);
  expect(mia).toEqual(expect.arrayContaining([c.approvedId, c.pendingId]));
  expect(mia).not.toContain(injected.request.id);
  expect(await csv(c.zed.api)).toHaveLength(1);
  expect((await download(c.gus.api, '/approvals/export.csv')).status).toBe(403);
  expect(await csv(c.admin, `?templateId=${c.quickId}`)).toHaveLength(4);
  const today = injected.request.submittedAt.slice(0, 10);
  expect(await csv(c.admin, `?from=${today}&to=${today}`)).toHaveLength(7);
  expect(await csv(c.admin, '?from=2999-01-01')).toHaveLength(1);
  expect((await download(c.admin, '/approvals/export.csv?from=2025-02-30')).status).toBe(400);

  const audit = await c.admin.ok(z.array(AuditEntry), 'GET', '/audit');
  expect(
    audit.find((e) => e.action === 'approvals.export' && e.actorId === c.zed.id)?.details,
  ).toEqual({
    format: 'csv',
    scope: 'own',
    requests: 0,
  });

  // [APPR68] the admins' ZIP: the CSV and a bundle per request, each verifying.
  expect((await download(c.ann.api, '/approvals/export.zip')).status).toBe(403);
  const zip = unzipSync(
    (await download(c.admin, `/approvals/export.zip?templateId=${c.quickId}`)).bytes,
  );
  const proofs = Object.keys(zip).filter((name) => name.startsWith('proofs/'));
  expect(Object.keys(zip)).toContain('requests.csv');
  expect(proofs).toHaveLength(3);
  for (const name of proofs)
    expect(verifyProofBundle(JSON.parse(strFromU8(zip[name]!)))).toMatchObject({ kind: 'ok' });

  // [APPR66] cycle times per template from the logs; admins only.
  expect((await c.ann.api.call('GET', '/approvals/cycle-times')).status).toBe(403);
  const figures = await c.admin.ok(CycleTimeList, 'GET', '/approvals/cycle-times');
  const submitted = await c.ann.api.ok(RequestList, 'GET', '/approvals/requests?box=submitted');
  const durations: number[] = [];
  for (const r of submitted.requests.filter((r) => r.templateId === c.quickId)) {
    const detail = await c.ann.api.ok(RequestDetail, 'GET', `/approvals/requests/${r.id}`);
    durations.push(Date.parse(detail.entries[1]!.at) - Date.parse(detail.entries[0]!.at));
  }
  durations.sort((a, b) => a - b);
  const expense = await c.ann.api.ok(RequestDetail, 'GET', `/approvals/requests/${c.approvedId}`);
  const expenseTime = Date.parse(expense.entries[3]!.at) - Date.parse(expense.entries[0]!.at);
  expect(figures.templates.map((t) => ({ ...t, templateId: undefined }))).toEqual([
    {
      templateName: 'Expense',
      requests: 3,
      open: 2,
      approved: 1,
      rejected: 0,
      withdrawn: 0,
      medianMs: expenseTime,
      p90Ms: expenseTime,
    },
    {
      templateName: 'Purchase',
      requests: 3,
      open: 0,
      approved: 3,
      rejected: 0,
      withdrawn: 0,
      medianMs: durations[1],
      p90Ms: percentile(durations, 0.9),
    },
  ]);
  return file;
}
