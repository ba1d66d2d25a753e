import { hexToBytes } from '@noble/hashes/utils.js';
import { createEffect, createMemo, createSignal, on } from 'solid-js';
import type { RequestDetail } from '../../../../shared/api/approvals.js';
import { verifyLog, type Broken } from '../../../../shared/approvals/log.js';
import type { RequestState } from '../../../../shared/approvals/state.js';
import { ApiFailure } from '../../auth/api-failure.js';
import { useApi, useSession } from '../../auth/session-context.js';
import { useApprovals } from '../../workspace/approvals/approvals-context.js';
import { fingerprintOf } from '../../workspace/approvals/relay-key.js';
import { pastFromDetail } from '../../workspace/approvals/request-history.js';
import { useRequestHistory } from '../../workspace/approvals/use-request-history.js';

export type Verified =
  | { kind: 'waiting' }
  | { kind: 'ok'; state: RequestState; fingerprint: string }
  | { kind: 'broken'; broken: Broken; fingerprint: string }
  | { kind: 'keyChanged'; pinned: string; offered: string; publicKey: string }
  | { kind: 'noKey'; message: string };

/**
 * One request from the relay and what its log proves ([APPR29], [APPR50]): the state
 * shown comes only from verifyLog with the key pinned on this device, never from the
 * relay's summary. The last detail read stays on screen while the relay is away, so a
 * decision can still be taken (and queued) offline.
 */
export function useRequestDetail(id: () => string) {
  const api = useApi();
  const approvals = useApprovals();
  const [detail, setDetail] = createSignal<RequestDetail | undefined>(undefined);
  const [error, setError] = createSignal<{ offline: boolean; message: string } | null>(null);
  const session = useSession();
  const history = useRequestHistory();
  const load = () =>
    api.approvals.request(id()).then(
      (next) => {
        setDetail(next);
        setError(null);
        // [APPR76] One's own request, remembered for the new-request help.
        if (next.request.submitterId === session.me()?.user.id)
          history.remember([pastFromDetail(next)]);
      },
      (failure: unknown) =>
        setError({
          offline: failure instanceof ApiFailure && failure.offline,
          message: failure instanceof Error ? failure.message : 'The request could not be loaded.',
        }),
    );
  createEffect(on([id, approvals.changes], () => void load()));

  const verified = createMemo((): Verified => {
    const d = detail();
    const key = approvals.key();
    if (!d || key.kind === 'loading') return { kind: 'waiting' };
    if (key.kind === 'unavailable') return { kind: 'noKey', message: key.message };
    if (key.kind === 'changed') {
      return {
        kind: 'keyChanged',
        pinned: fingerprintOf(key.pinned.publicKey),
        offered: fingerprintOf(key.offered),
        publicKey: key.offered,
      };
    }
    const fingerprint = fingerprintOf(key.key.publicKey);
    const result = verifyLog(d.entries, hexToBytes(key.key.publicKey));
    if ('broken' in result) return { kind: 'broken', broken: result.broken, fingerprint };
    if (result.ok.requestId !== id()) {
      const broken: Broken = {
        seq: 0,
        reason: 'request',
        message: 'the log is of another request',
      };
      return { kind: 'broken', broken, fingerprint };
    }
    return { kind: 'ok', state: result.ok, fingerprint };
  });
  return { detail, error, verified, reload: () => void load() };
}
