import { readFile } from 'node:fs/promises';
import { hexToBytes } from '@noble/hashes/utils.js';
import { keyFingerprint } from '../../../shared/approvals/key-fingerprint.js';
import type { LogEntry } from '../../../shared/approvals/log.js';
import { verifyProofBundle, type ProofBundle } from '../../../shared/approvals/proof-bundle.js';
import { nodeCheck } from './node-ed25519.js';

/** 0: the bundle verifies; 1: it does not (a named entry or part fails); 2: not a bundle or bad usage. */
export type VerifyOutcome = { code: 0 | 1 | 2; text: string };

/**
 * `npm run admin -- verify-approval FILE [--key FINGERPRINT|PUBLIC KEY|FILE]` ([APPR63]):
 * the pure verifier on a proof bundle, with no relay and no database. Without --key
 * it checks the bundle against the key inside it, and says that the fingerprint must
 * still be compared with the relay's (`approvals-key`).
 */
export async function verifyApproval(
  file: string | undefined,
  key: string | undefined,
): Promise<VerifyOutcome> {
  const usage = (text: string): VerifyOutcome => ({ code: 2, text });
  if (!file) return usage('usage: verify-approval <bundle.json> [--key <fingerprint|file>]');
  let expected: string | undefined;
  if (key !== undefined) {
    try {
      expected = await fingerprintOf(key);
    } catch (error) {
      return usage(`--key: ${(error as Error).message}`);
    }
  }
  let input: unknown;
  try {
    input = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'it is not JSON' : (error as Error).message;
    return usage(`${file} is not an approval proof bundle: ${reason}`);
  }
  const checked = verifyProofBundle(input, { expectedFingerprint: expected, check: nodeCheck });
  if (checked.kind === 'notBundle') return usage(`${file}: ${checked.message}`);
  const { bundle } = checked;
  const lines = header(bundle, expected);
  if (checked.kind === 'badBundle')
    return {
      code: 1,
      text: [...lines, `FAILED (${checked.reason}): ${checked.message}`].join('\n'),
    };
  if (checked.kind === 'broken') {
    const { seq, reason, message } = checked.broken;
    const ok = (bundle.entries as LogEntry[]).slice(0, seq);
    const bad = bundle.entries[seq] as Partial<LogEntry> | undefined;
    const what = bad && typeof bad === 'object' ? ` (${describe(bundle, bad)})` : '';
    return {
      code: 1,
      text: [
        ...lines,
        ...ok.map((e) => `  ok  ${line(bundle, e)}`),
        `FAILED at entry ${seq}${what}: ${reason}: ${message}`,
      ].join('\n'),
    };
  }
  const { state } = checked;
  return {
    code: 0,
    text: [
      ...lines,
      ...(bundle.entries as LogEntry[]).map((e) => `  ok  ${line(bundle, e)}`),
      `Verified ${bundle.entries.length} entries: the request is ${state.status} (last entry ${state.updatedAt}).`,
    ].join('\n'),
  };
}

function header(bundle: ProofBundle, expected: string | undefined): string[] {
  const fingerprint = keyFingerprint(hexToBytes(bundle.relayKey.publicKey));
  return [
    printable(
      `Request ${bundle.requestId}: ${bundle.template.name}, template version ${bundle.template.version}`,
    ),
    `Relay key fingerprint ${fingerprint}` +
      (expected !== undefined
        ? ' (the expected key)'
        : ' (compare it with `npm run admin -- approvals-key` on the relay, or pass --key)'),
    'Names are as the relay knew them at export; only ids are signed.',
  ];
}

function describe(bundle: ProofBundle, entry: Partial<LogEntry>): string {
  const who = typeof entry.actor === 'string' ? (bundle.people[entry.actor] ?? entry.actor) : '?';
  return printable(`${String(entry.kind)} by ${who} at ${String(entry.at)}`);
}

function line(bundle: ProofBundle, entry: LogEntry): string {
  const who = bundle.people[entry.actor];
  // JSON-quoted: a comment's line breaks or escape codes cannot fake lines of this report.
  const comment =
    typeof entry.body.comment === 'string' ? ` ${JSON.stringify(entry.body.comment)}` : '';
  return printable(
    `${String(entry.seq).padStart(3)}  ${entry.at}  ${who ? `${who} (${entry.actor})` : entry.actor}  ${entry.kind}${comment}`,
  );
}

/** Names and ids are text from the file: control characters would drive the terminal. */
const printable = (text: string) => text.replace(/\p{Cc}/gu, '?');

const FINGERPRINT = /^(?:[0-9a-f]{4}\s*){8}$/i;
const PUBLIC_KEY = /^[0-9a-f]{64}$/i;

/** --key: a fingerprint, a public key in hex, or a file holding either (or GET /api/approvals/key's JSON). */
async function fingerprintOf(value: string, depth = 0): Promise<string> {
  const text = value.trim();
  if (FINGERPRINT.test(text)) return text.toLowerCase();
  if (PUBLIC_KEY.test(text)) return keyFingerprint(hexToBytes(text.toLowerCase()));
  if (depth > 0) {
    try {
      const json = JSON.parse(text) as { publicKey?: unknown };
      if (typeof json.publicKey === 'string' && PUBLIC_KEY.test(json.publicKey))
        return keyFingerprint(hexToBytes(json.publicKey.toLowerCase()));
    } catch {
      // Not JSON either: said below.
    }
    throw new Error('the file holds no fingerprint or public key');
  }
  let content: string;
  try {
    content = await readFile(text, 'utf8');
  } catch {
    throw new Error(
      `"${value}" is not a fingerprint (8 groups of 4 hex digits), a 64-digit public key or a readable file`,
    );
  }
  return fingerprintOf(content, 1);
}
