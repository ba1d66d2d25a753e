import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyFingerprint } from '../../../../shared/approvals/key-fingerprint.js';
import { appendEntry, EMPTY_LOG, type ApprovalLog } from '../../../../shared/approvals/log.js';
import {
  makeProofBundle,
  verifyProofBundle,
  type ProofBundle,
} from '../../../../shared/approvals/proof-bundle.js';
import type { Action, RequestState } from '../../../../shared/approvals/state.js';
import { Template } from '../../../../shared/approvals/template.js';
import {
  closingEntry,
  cycleTimes,
  percentile,
  requestsCsv,
  safeCell,
  type RequestRecord,
} from '../../../../sync-server/src/approvals/request-records.js';
import { verifyApproval } from '../../../../sync-server/src/approvals/verify-approval-command.js';
import { nodeSigner } from '../../../support/node-ed25519.js';
import { step, submit } from '../../shared/approvals/request-fixture.js';

const seed = (n: number) => Uint8Array.from({ length: 32 }, (_, i) => (i * 5 + n) % 256);
const relay = nodeSigner(seed(3));
const other = nodeSigner(seed(4));
const T0 = Date.UTC(2025, 2, 10, 9);
const HOUR = 3_600_000;

const template = Template.parse({
  id: 'expense',
  version: 1,
  name: 'Expense',
  fields: [
    { id: 'amount', label: 'Amount', type: 'money', required: true, currencies: ['EUR', 'JPY'] },
    { id: 'note', label: 'What for', type: 'text', required: false },
    { id: 'who', label: 'Client contact', type: 'person', required: false },
    {
      id: 'lines',
      label: 'Lines',
      type: 'table',
      required: false,
      columns: [
        { id: 'item', label: 'Item', type: 'text', required: true },
        { id: 'cost', label: 'Cost', type: 'money', required: true, currencies: ['EUR'] },
      ],
    },
  ],
  flow: [
    {
      kind: 'approve',
      id: 'mgr',
      name: 'Manager',
      mode: 'sequential',
      approvers: [{ kind: 'people', ids: ['mia'] }],
    },
  ],
});

/** A request's log, each action `hours` after the submit. */
function log(requestId: string, form: object, ...steps: [Action, string, number][]): ApprovalLog {
  let current = EMPTY_LOG;
  for (const [action, actor, hours] of [
    [submit([step('mgr', 'sequential', 'mia')], form), 'ann', 0] as const,
    ...steps,
  ]) {
    const at = new Date(T0 + hours * HOUR).toISOString();
    const appended = appendEntry(current, { requestId, actor, at, action }, relay);
    if (!('ok' in appended)) throw new Error(appended.refused.message);
    current = appended.ok.log;
  }
  return current;
}
const record = (l: ApprovalLog): RequestRecord => ({
  entries: l.entries,
  state: l.state as RequestState,
  template,
  templateName: 'Expense',
});

const form = {
  amount: { amount: 4500, currency: 'EUR' },
  note: '=HYPERLINK("http://evil.example","click")',
  who: 'mia',
  lines: [
    { item: 'Taxi', cost: { amount: 3000, currency: 'EUR' } },
    { item: '@train', cost: { amount: 1500, currency: 'EUR' } },
  ],
};
const approved = log(
  'r1',
  form,
  [{ kind: 'approve', comment: 'ok\nFAKE LINE' }, 'mia', 2],
  [{ kind: 'comment', text: 'paid' }, 'ann', 50],
);
const bundle = (l = approved, signer = relay) =>
  JSON.parse(
    JSON.stringify(
      makeProofBundle({
        requestId: 'r1',
        entries: l.entries,
        template,
        people: { ann: 'Ann', mia: 'Mia' },
        exportedAt: new Date(T0).toISOString(),
        signer,
      }),
    ),
  ) as Omit<ProofBundle, 'entries'> & { entries: Record<string, unknown>[] };

const dir = mkdtempSync(join(tmpdir(), 'verify-approval-'));
let files = 0;
const file = (content: unknown) => {
  const path = join(dir, `f${++files}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

describe('[APPR63] verify-approval', () => {
  it('[APPR62] a good bundle: every entry and the final state, exit 0', async () => {
    const out = await verifyApproval(file(bundle()), undefined);
    expect(out.code).toBe(0);
    expect(out.text).toContain(keyFingerprint(relay.publicKey));
    expect(out.text).toContain('compare it with `npm run admin -- approvals-key`');
    expect(out.text).toMatch(
      / {2}1 {2}2025-03-10T11:00:00.000Z {2}Mia \(mia\) {2}approve "ok\\nFAKE LINE"/,
    );
    expect(out.text).not.toContain('\nFAKE LINE');
    expect(out.text).toContain('Verified 3 entries: the request is approved');
    // The key as a fingerprint, a public key or a file holding GET /api/approvals/key's JSON.
    const publicKey = Buffer.from(relay.publicKey).toString('hex');
    for (const key of [keyFingerprint(relay.publicKey), publicKey, file({ publicKey })])
      expect((await verifyApproval(file(bundle()), key)).code).toBe(0);
  });

  it('[APPR62] a tampered entry is named with its reason, exit 1', async () => {
    const tampered = bundle();
    tampered.entries[1]!.body = { comment: 'approved, honest' };
    const out = await verifyApproval(file(tampered), undefined);
    expect(out.code).toBe(1);
    expect(out.text).toContain('  ok    0');
    expect(out.text).toContain(
      'FAILED at entry 1 (approve by Mia at 2025-03-10T11:00:00.000Z): hash',
    );
    // The relay's entries presented under another key: the first signature fails.
    const forged = bundle();
    forged.relayKey = bundle(approved, other).relayKey;
    expect((await verifyApproval(file(forged), undefined)).text).toContain(
      'FAILED at entry 0 (submit by Ann at 2025-03-10T09:00:00.000Z): signature',
    );
  });

  it('[APPR62] another key than the expected one, or a relabelled template, fails', async () => {
    const wrongKey = await verifyApproval(file(bundle()), keyFingerprint(other.publicKey));
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.text).toContain(
      `FAILED (key): signed by the key ${keyFingerprint(relay.publicKey)}`,
    );
    const relabelled = bundle();
    relabelled.template.fields[0]!.label = 'Amount (approved up to)';
    expect((await verifyApproval(file(relabelled), undefined)).text).toContain(
      'FAILED (template): the template is not the one the relay signed',
    );
    const lying = {
      ...bundle(),
      relayKey: { ...bundle().relayKey, fingerprint: '0000 0000 0000 0000 0000 0000 0000 0000' },
    };
    expect(verifyProofBundle(lying)).toMatchObject({ kind: 'badBundle', reason: 'fingerprint' });
  });

  it('[APPR63] garbage, another format or a bad --key: one line, exit 2', async () => {
    const cases: [string, string | undefined, RegExp][] = [
      [file('not json {'), undefined, /is not an approval proof bundle: it is not JSON/],
      [file({ hello: 1 }), undefined, /no "format" field/],
      [
        file({ ...bundle(), format: 'ws-approval-proof/v9' }),
        undefined,
        /"ws-approval-proof\/v9" is not ws-approval-proof\/v1/,
      ],
      [file({ ...bundle(), entries: 'x' }), undefined, /a damaged bundle/],
      [join(dir, 'missing.json'), undefined, /ENOENT/],
      [file(bundle()), 'abcd', /--key: "abcd" is not a fingerprint/],
    ];
    for (const [path, key, message] of cases) {
      const out = await verifyApproval(path, key);
      expect([out.code, out.text]).toEqual([2, expect.stringMatching(message)]);
      expect(out.text.split('\n')).toHaveLength(1);
    }
  });
});

describe('[APPR64] the CSV of requests', () => {
  const returned = log('r2', { amount: { amount: 500, currency: 'JPY' } }, [
    { kind: 'return', comment: 'receipt?' },
    'mia',
    1,
  ]);
  const names = {
    person: (id: string) => ({ ann: 'Ann', mia: 'Mia' })[id] ?? id,
    department: (id: string) => id,
  };
  it('[APPR67] flattens the form, summarises tables and defuses formulas', () => {
    const csv = requestsCsv([record(approved), record(returned)], names);
    const [header, first, second] = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\n');
    expect(header).toBe(
      'id,template,template version,submitter,submitted at,state,decided at,current step,approvers who decided,Amount,What for,Client contact,Lines',
    );
    expect(first).toBe(
      `r1,Expense,1,Ann,2025-03-10T09:00:00.000Z,approved,2025-03-10T11:00:00.000Z,,Mia (approved),45.00 EUR,"'=HYPERLINK(""http://evil.example"",""click"")",Mia,2 rows; Cost 45.00 EUR`,
    );
    expect(second).toBe(
      'r2,Expense,1,Ann,2025-03-10T09:00:00.000Z,returned,,,Mia (returned),500 JPY,,,',
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(['=1', '+1', '-1', '@x', '\tx', 'a=1'].map(safeCell)).toEqual([
      "'=1",
      "'+1",
      "'-1",
      "'@x",
      "'\tx",
      'a=1',
    ]);
  });

  it('[APPR65] [APPR66] cycle times per template: median and p90 of submit to decision', () => {
    const decidedAfter = (id: string, hours: number, kind: 'approve' | 'reject') =>
      record(
        log(id, {}, [{ kind }, 'mia', hours], [{ kind: 'comment', text: 'late' }, 'ann', 500]),
      );
    const records = [
      ...[1, 2, 3, 4].map((h, i) => decidedAfter(`a${i}`, h, 'approve')),
      decidedAfter('x', 10, 'reject'),
      record(log('w', {}, [{ kind: 'withdraw' }, 'ann', 1])),
      record(returned),
      record(log('p', {})),
    ];
    const items = records.map(({ entries, state }) => ({
      templateId: 'expense',
      templateName: 'Expense',
      status: state.status,
      submittedAt: state.submittedAt,
      decidedAt: closingEntry(entries, state.status)?.at ?? null,
    }));
    expect(items.map((i) => i.decidedAt?.slice(11, 13) ?? null)).toEqual([
      '10',
      '11',
      '12',
      '13',
      '19',
      '10',
      null,
      null,
    ]);
    expect(cycleTimes(items)).toEqual([
      {
        templateId: 'expense',
        templateName: 'Expense',
        requests: 8,
        open: 2,
        approved: 4,
        rejected: 1,
        withdrawn: 1,
        // Hours 1, 2, 3, 4, 10: median the third; p90 at rank 3.6, between 4 and 10.
        medianMs: 3 * HOUR,
        p90Ms: 7.6 * HOUR,
      },
    ]);
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([5, 7], 0.5)).toBe(6);
  });
});
