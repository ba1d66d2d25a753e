import type { LogEntry } from '../../../shared/approvals/log.js';
import { currentApprovers, type RequestState } from '../../../shared/approvals/state.js';
import type { NoticeReason } from '../auth/identity/identity-store.js';

/**
 * [APPR40] [APPR70] Whom an appended entry concerns now, from the states before and
 * after it: the submitter when the request is decided or returned, approvers who may
 * decide now and could not before (`transferred` when a transfer made them so), people
 * newly CC'd, the current approvers when urged, the submitter and the current
 * approvers when someone comments. Never the actor: they know what they did.
 */
export function requestNotices(
  before: RequestState | null,
  after: RequestState,
  entry: Pick<LogEntry, 'kind' | 'actor'>,
): { userId: string; reason: NoticeReason }[] {
  const notices: { userId: string; reason: NoticeReason }[] = [];
  const tell = (ids: Iterable<string>, reason: NoticeReason) => {
    for (const userId of ids)
      if (userId !== entry.actor && !notices.some((n) => n.userId === userId))
        notices.push({ userId, reason });
  };
  const statusNow = after.status;
  if (
    before?.status !== statusNow &&
    (statusNow === 'approved' || statusNow === 'rejected' || statusNow === 'returned')
  )
    tell([after.submitterId], statusNow);
  if (entry.kind === 'urge') tell(currentApprovers(after), 'urged');
  const waitingBefore = new Set(before ? currentApprovers(before) : []);
  tell(
    currentApprovers(after).filter((id) => !waitingBefore.has(id)),
    entry.kind === 'transfer' ? 'transferred' : 'toApprove',
  );
  const ccBefore = new Set(before?.cc ?? []);
  tell(
    after.cc.filter((id) => !ccBefore.has(id)),
    'cc',
  );
  if (entry.kind === 'comment') tell([after.submitterId, ...currentApprovers(after)], 'commented');
  return notices;
}
