/**
 * Approval logs (shared/approvals, APPROVALS.md): how long a device takes to verify a
 * 30-entry request log (@noble/curves, as a browser runs it; node:crypto beside it as
 * the floor a native Ed25519 gives), and how many decisions a second the relay's
 * append path makes with signing, against the same loop without the signature and
 * raw Ed25519 signing, both in the same run.
 *
 *   node --import tsx bench/approvals.ts
 */
import {
  appendEntry,
  ed25519Signer,
  EMPTY_LOG,
  verifyLog,
  type ApprovalLog,
  type RelaySigner,
} from '../shared/approvals/log.js';
import type { Action } from '../shared/approvals/state.js';
import { nodeCheck, nodeSigner } from '../tests/support/node-ed25519.js';
import { fmt, markdownTable, ms, progress } from './lib/report.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const DECISIONS = Number(process.env.BENCH_DECISIONS ?? 2000);
const secret = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
const noble = ed25519Signer(secret);
const native = nodeSigner(secret);
const unsigned: RelaySigner = { publicKey: native.publicKey, sign: () => new Uint8Array(64) };
const at = new Date(Date.UTC(2025, 2, 10)).toISOString();

const PEOPLE = Array.from({ length: 14 }, (_, i) => `p${i}`);
const route = PEOPLE.map((id, i) => ({
  kind: 'approve' as const,
  stepId: `s${i}`,
  mode: 'sequential' as const,
  approvers: [{ id, via: [] }],
}));
const submit: Action = {
  kind: 'submit',
  templateId: 't',
  templateVersion: 1,
  form: { amount: { amount: 4500, currency: 'EUR' }, note: 'taxi' },
  route,
  orgVersion: 1,
};

/** submit, then 29 actions: each approver comments and approves, the submitter comments. */
function script(): [Action, string][] {
  const steps: [Action, string][] = [[submit, 'dev']];
  for (const id of PEOPLE)
    steps.push(
      [{ kind: 'comment', text: 'looks fine' }, id],
      [{ kind: 'approve', comment: 'ok' }, id],
    );
  steps.push([{ kind: 'comment', text: 'thanks' }, 'dev']);
  return steps;
}

function build(signer: RelaySigner, requestId: string): ApprovalLog {
  let log = EMPTY_LOG;
  for (const [action, actor] of script()) {
    const appended = appendEntry(log, { requestId, actor, at, action }, signer);
    if (!('ok' in appended))
      throw new Error(`${action.kind} by ${actor}: ${appended.refused.code}`);
    log = appended.ok.log;
  }
  return log;
}

const log = build(native, 'r0');
const wire: unknown[] = JSON.parse(JSON.stringify(log.entries)) as unknown[];
if (wire.length !== 30) throw new Error(`expected 30 entries, got ${wire.length}`);

function perLog(check?: typeof nodeCheck): number {
  const started = performance.now();
  for (let i = 0; i < ROUNDS; i++) {
    const result = check
      ? verifyLog(wire, native.publicKey, check)
      : verifyLog(wire, native.publicKey);
    if (!('ok' in result)) throw new Error('the bench log did not verify');
  }
  return (performance.now() - started) / ROUNDS;
}

/** Decisions per second through appendEntry, over many 30-entry requests. */
function decisionsPerSecond(signer: RelaySigner): number {
  const started = performance.now();
  let made = 0;
  for (let r = 0; made < DECISIONS; r++) made += build(signer, `r${r}`).entries.length;
  return made / ((performance.now() - started) / 1000);
}

function signsPerSecond(signer: RelaySigner): number {
  const message = new Uint8Array(51);
  const started = performance.now();
  for (let i = 0; i < DECISIONS; i++) signer.sign(message);
  return DECISIONS / ((performance.now() - started) / 1000);
}

perLog();
perLog(nodeCheck);
progress('verifying…');
const verifyNoble = perLog();
const verifyNative = perLog(nodeCheck);
progress('deciding…');
const rows = [
  ['relay decisions, node:crypto signing', decisionsPerSecond(native), signsPerSecond(native)],
  ['relay decisions, @noble/curves signing', decisionsPerSecond(noble), signsPerSecond(noble)],
  ['floor: the same loop, no signature', decisionsPerSecond(unsigned), NaN],
] as const;

console.log('### Approval logs\n');
console.log(
  markdownTable(
    ['device: verify a 30-entry log', 'per log'],
    [
      ['@noble/curves (browser and relay)', ms(verifyNoble)],
      ['node:crypto Ed25519 (floor: native)', ms(verifyNative)],
    ],
  ),
);
console.log('');
console.log(
  markdownTable(
    ['relay: append (state machine + hash + sign)', 'decisions/s', 'raw Ed25519 signs/s'],
    rows.map(([name, decisions, signs]) => [name, fmt(decisions), fmt(signs)]),
  ),
);
