import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { canonicalJson } from './canonical-json.js';
import { Action, ACTION_KINDS, applyAction, type Refusal, type RequestState } from './state.js';

/**
 * The signed, hash-chained log of one request (APPROVALS.md, "The log"). The relay
 * appends (appendEntry: state machine first, then hash and sign); a device verifies
 * the whole log offline with the relay's public key (verifyLog) and shows state only
 * from a log that verified.
 */

const Hex = (bytes: number) =>
  z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`), `${bytes} bytes in lower-case hex`);

export const LogEntry = z
  .object({
    seq: z.number().int().nonnegative(),
    requestId: z.string().min(1).max(100),
    kind: z.enum(ACTION_KINDS),
    actor: z.string().min(1),
    at: z.iso.datetime(),
    body: z.record(z.string(), z.json()),
    prevHash: Hex(32),
    hash: Hex(32),
    relaySig: Hex(64),
  })
  .strict();
export type LogEntry = z.infer<typeof LogEntry>;

/** [APPR24] entry 0's prevHash. */
export const GENESIS_HASH = '0'.repeat(64);
/** Domain tags, so these hashes and signatures can never be mistaken for another protocol's. */
const HASH_TAG = utf8ToBytes('ws-approval-entry/v1\n');
const SIG_TAG = utf8ToBytes('ws-approval-sig/v1\n');

/** [APPR24] SHA-256 over the tag and the canonical JSON of every field but hash and relaySig. */
export function entryHash(entry: Omit<LogEntry, 'hash' | 'relaySig'>): string {
  const { seq, requestId, kind, actor, at, body, prevHash } = entry;
  const json = canonicalJson({ seq, requestId, kind, actor, at, body, prevHash });
  return bytesToHex(sha256(concatBytes(HASH_TAG, utf8ToBytes(json))));
}

/** [APPR25] The bytes the relay signs: the tag, then the 32 bytes of the entry's hash. */
export function signedMessage(hash: string): Uint8Array {
  return concatBytes(SIG_TAG, hexToBytes(hash));
}

/** The relay's key, passed in (the relay may keep it in a file, a device never holds it). */
export interface RelaySigner {
  readonly publicKey: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
}

export function ed25519Signer(secretKey: Uint8Array): RelaySigner {
  return {
    publicKey: ed25519.getPublicKey(secretKey),
    sign: (message) => ed25519.sign(message, secretKey),
  };
}

/** A fresh 32-byte Ed25519 secret key from the platform's secure random source. */
export const newRelaySecretKey = (): Uint8Array => ed25519.utils.randomSecretKey();

/** A request's log with the state it leads to (null before the submit). */
export type ApprovalLog = {
  readonly entries: readonly LogEntry[];
  readonly state: RequestState | null;
};
export const EMPTY_LOG: ApprovalLog = { entries: [], state: null };

export type AppendInput = { requestId: string; actor: string; at: string; action: Action };

/**
 * The relay's side ([APPR26]): run the state machine on the action, and only if it
 * is allowed, hash and sign the next entry. Callers serialise appends per request
 * ([APPR27]); this function never sees two at once.
 */
export function appendEntry(
  log: ApprovalLog,
  input: AppendInput,
  signer: RelaySigner,
): { ok: { log: ApprovalLog; entry: LogEntry } } | { refused: Refusal } {
  const last = log.entries.at(-1);
  if (last && last.requestId !== input.requestId) {
    throw new Error(`appendEntry: log of ${last.requestId} given for ${input.requestId}`);
  }
  const parsed = Action.safeParse(input.action);
  if (!parsed.success)
    return { refused: { code: 'malformed', message: z.prettifyError(parsed.error) } };
  // The entry holds the action as JSON; the state is computed from that same JSON so
  // the relay's state equals what a device rebuilds from the entry.
  const { kind, ...rest } = parsed.data;
  const body = JSON.parse(JSON.stringify(rest)) as LogEntry['body'];
  const applied = applyAction(log.state, { kind, ...body } as Action, input.actor, input);
  if ('refused' in applied) return applied;
  const unsigned = {
    seq: log.entries.length,
    requestId: input.requestId,
    kind,
    actor: input.actor,
    at: input.at,
    body,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = entryHash(unsigned);
  const entry: LogEntry = {
    ...unsigned,
    hash,
    relaySig: bytesToHex(signer.sign(signedMessage(hash))),
  };
  return { ok: { log: { entries: [...log.entries, entry], state: applied.ok }, entry } };
}

export type BrokenReason =
  'empty' | 'malformed' | 'seq' | 'request' | 'chain' | 'hash' | 'signature' | 'refused';
export type Broken = { seq: number; reason: BrokenReason; message: string };

/**
 * The device's side ([APPR28]): check every entry in order and rebuild the state.
 * `seq` in a broken answer is the position of the first entry that fails.
 */
export function verifyLog(
  entries: readonly unknown[],
  relayPublicKey: Uint8Array,
  check: SignatureCheck = nobleCheck,
): { ok: RequestState } | { broken: Broken } {
  const replayed = replay(entries, { publicKey: relayPublicKey, check });
  return 'broken' in replayed ? replayed : { ok: replayed.ok.state };
}

/**
 * Rebuilds a log the relay read from its own store: every rule of verifyLog but the
 * signatures (the relay trusts its own rows and checking 30 signatures per decision
 * would dominate its cost). Tampered rows still break the hash chain.
 */
export function replayLog(entries: readonly unknown[]): { ok: ApprovalLog } | { broken: Broken } {
  return replay(entries, null);
}

function replay(
  entries: readonly unknown[],
  key: { publicKey: Uint8Array; check: SignatureCheck } | null,
): { ok: ApprovalLog & { state: RequestState } } | { broken: Broken } {
  const broken = (seq: number, reason: BrokenReason, message: string) => ({
    broken: { seq, reason, message },
  });
  if (entries.length === 0) return broken(0, 'empty', 'a log starts with its submit entry');
  let state: RequestState | null = null;
  const verified: LogEntry[] = [];
  for (const [i, raw] of entries.entries()) {
    const parsed = LogEntry.safeParse(raw);
    if (!parsed.success) return broken(i, 'malformed', z.prettifyError(parsed.error));
    const entry = parsed.data;
    const previous = verified[i - 1];
    if (entry.seq !== i) return broken(i, 'seq', `entry ${i} says seq ${entry.seq}`);
    if (previous && entry.requestId !== previous.requestId)
      return broken(i, 'request', 'entry of another request');
    if (entry.prevHash !== (previous?.hash ?? GENESIS_HASH))
      return broken(i, 'chain', "prevHash is not the previous entry's hash");
    if (entryHash(entry) !== entry.hash)
      return broken(i, 'hash', 'the entry does not match its hash');
    if (key && !validSignature(entry, key.publicKey, key.check))
      return broken(i, 'signature', 'not signed by this relay');
    // A `kind` inside the body would override the entry's own kind in the spread below,
    // so what a screen lists (entry.kind) and what the state machine ran could differ.
    if ('kind' in entry.body)
      return broken(i, 'malformed', 'the body must not carry a kind of its own');
    const action = Action.safeParse({ kind: entry.kind, ...entry.body });
    if (!action.success) return broken(i, 'malformed', z.prettifyError(action.error));
    const applied = applyAction(state, action.data, entry.actor, entry);
    if ('refused' in applied)
      return broken(i, 'refused', `${applied.refused.code}: ${applied.refused.message}`);
    state = applied.ok;
    verified.push(entry);
  }
  return { ok: { entries: verified, state: state as RequestState } };
}

/**
 * Checks one Ed25519 signature. The default is @noble/curves (runs everywhere); a
 * relay or a browser with native Ed25519 (node:crypto, WebCrypto) may pass a faster
 * one, which must be as strict (RFC 8032, no ZIP-215 leniency).
 */
export type SignatureCheck = (
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
) => boolean;

export const nobleCheck: SignatureCheck = (signature, message, publicKey) =>
  ed25519.verify(signature, message, publicKey, { zip215: false });

function validSignature(entry: LogEntry, publicKey: Uint8Array, check: SignatureCheck): boolean {
  try {
    return check(hexToBytes(entry.relaySig), signedMessage(entry.hash), publicKey);
  } catch {
    return false;
  }
}
