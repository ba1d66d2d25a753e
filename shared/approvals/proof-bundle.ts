import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { canonicalJson } from './canonical-json.js';
import { keyFingerprint } from './key-fingerprint.js';
import {
  nobleCheck,
  verifyLog,
  type Broken,
  type LogEntry,
  type RelaySigner,
  type SignatureCheck,
} from './log.js';
import type { RequestState } from './state.js';
import { Template } from './template.js';

/**
 * A request's proof bundle (APPROVALS.md [APPR60]–[APPR63]): one JSON file with the
 * signed log, the template version it was filed under and the relay's public key, so
 * anyone can check the whole history offline (`npm run admin -- verify-approval`).
 * The log signs itself entry by entry; the template is not in the log, so the relay
 * signs it too, bound to the request (`templateSig`), or its labels could be changed
 * under signed values. Names in `people` are for reading only and signed by nobody.
 */

export const PROOF_FORMAT = 'ws-approval-proof/v1';
const TEMPLATE_TAG = utf8ToBytes('ws-approval-template/v1\n');
const Hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));

export const ProofBundle = z
  .object({
    format: z.literal(PROOF_FORMAT),
    requestId: z.string().min(1).max(100),
    exportedAt: z.iso.datetime(),
    relayKey: z.object({
      algorithm: z.literal('Ed25519'),
      publicKey: Hex(32),
      fingerprint: z.string(),
    }),
    template: Template,
    templateSig: Hex(64),
    /** Checked entry by entry by verifyLog, so one bad entry is named rather than the file refused. */
    entries: z.array(z.unknown()),
    people: z.record(z.string(), z.string()),
  })
  .strict();
export type ProofBundle = z.infer<typeof ProofBundle>;

/** [APPR61] The bytes the relay signs for the template: the tag and a hash binding it to the request. */
function templateMessage(requestId: string, template: Template): Uint8Array {
  const digest = sha256(utf8ToBytes(canonicalJson({ requestId, template })));
  return concatBytes(TEMPLATE_TAG, digest);
}

export function makeProofBundle(input: {
  requestId: string;
  entries: readonly LogEntry[];
  template: Template;
  people: Record<string, string>;
  exportedAt: string;
  signer: RelaySigner;
}): ProofBundle {
  const { requestId, template, signer } = input;
  return {
    format: PROOF_FORMAT,
    requestId,
    exportedAt: input.exportedAt,
    relayKey: {
      algorithm: 'Ed25519',
      publicKey: bytesToHex(signer.publicKey),
      fingerprint: keyFingerprint(signer.publicKey),
    },
    template,
    templateSig: bytesToHex(signer.sign(templateMessage(requestId, template))),
    entries: [...input.entries],
    people: input.people,
  };
}

/** Why a bundle as a whole fails, before or beside its entries ([APPR62]). */
export type BundleReason = 'fingerprint' | 'key' | 'template' | 'request';

export type ProofCheck =
  | { kind: 'notBundle'; message: string }
  | { kind: 'badBundle'; bundle: ProofBundle; reason: BundleReason; message: string }
  | { kind: 'broken'; bundle: ProofBundle; broken: Broken }
  | { kind: 'ok'; bundle: ProofBundle; state: RequestState };

/**
 * [APPR62] Checks a bundle offline: its shape, the stated fingerprint against the key,
 * the key against the one the caller insists on (`expectedFingerprint`), every entry
 * ([APPR28]) and the template (the version entry 0 names, signed by the same key).
 */
export function verifyProofBundle(
  input: unknown,
  options: { expectedFingerprint?: string | undefined; check?: SignatureCheck } = {},
): ProofCheck {
  const format = (input as { format?: unknown } | null)?.format;
  if (typeof input !== 'object' || input === null || typeof format !== 'string')
    return { kind: 'notBundle', message: `not an approval proof bundle (no "format" field)` };
  if (format !== PROOF_FORMAT)
    return {
      kind: 'notBundle',
      message: `format "${format.slice(0, 60)}" is not ${PROOF_FORMAT}, the one this version reads`,
    };
  const parsed = ProofBundle.safeParse(input);
  if (!parsed.success)
    return {
      kind: 'notBundle',
      message: `a damaged bundle: ${parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.') || 'bundle'}: ${i.message}`)
        .join('; ')}`,
    };
  const bundle = parsed.data;
  const bad = (reason: BundleReason, message: string): ProofCheck => ({
    kind: 'badBundle',
    bundle,
    reason,
    message,
  });
  const publicKey = hexToBytes(bundle.relayKey.publicKey);
  if (keyFingerprint(publicKey) !== bundle.relayKey.fingerprint)
    return bad('fingerprint', 'the fingerprint written in the bundle is not its key’s');
  const expected = options.expectedFingerprint;
  // 128 bits of SHA-256 ([APPR31]): comparing fingerprints is comparing keys.
  if (expected !== undefined && compact(expected) !== compact(keyFingerprint(publicKey)))
    return bad(
      'key',
      `signed by the key ${keyFingerprint(publicKey)}, not the expected ${expected}`,
    );
  const check = options.check ?? nobleCheck;
  const verified = verifyLog(bundle.entries, publicKey, check);
  if ('broken' in verified) return { kind: 'broken', bundle, broken: verified.broken };
  const state = verified.ok;
  if (state.requestId !== bundle.requestId)
    return bad('request', `the log is of request ${state.requestId}, not ${bundle.requestId}`);
  const { template } = bundle;
  if (template.id !== state.templateId || template.version !== state.templateVersion)
    return bad(
      'template',
      `the template is ${template.id} v${template.version}; the request was filed under ${state.templateId} v${state.templateVersion}`,
    );
  let signed = false;
  try {
    signed = check(
      hexToBytes(bundle.templateSig),
      templateMessage(bundle.requestId, template),
      publicKey,
    );
  } catch {
    signed = false;
  }
  if (!signed) return bad('template', 'the template is not the one the relay signed');
  return { kind: 'ok', bundle, state };
}

const compact = (fingerprint: string) => fingerprint.replace(/\s+/g, '').toLowerCase();
