import { createEffect, createResource, For, on, Show } from 'solid-js';
import type { Notice } from '../../../../shared/api/approvals.js';
import { useApi } from '../../auth/session-context.js';
import { useApprovals } from '../../workspace/approvals/approvals-context.js';

const REASON: Record<Notice['reason'], string> = {
  toApprove: 'is waiting for your decision',
  approved: 'was approved',
  rejected: 'was rejected',
  returned: 'was returned',
  cc: 'was copied to you',
  urged: 'was urged',
};

/**
 * The relay's notices of requests that moved in a way that concerns this person
 * ([APPR40]): shown once on the Approvals page, then marked read.
 */
export function NoticesList() {
  const api = useApi();
  const approvals = useApprovals();
  const [list] = createResource(approvals.changes, () => api.approvals.notices());
  const unread = () => (list.error ? [] : (list()?.notices.filter((n) => !n.read) ?? []));
  createEffect(
    on(unread, (shown) => {
      if (shown.length) void api.approvals.markNoticesRead(shown.map((n) => n.id)).catch(() => {});
    }),
  );
  const name = (id: string) => list()?.people[id] ?? 'Someone';
  return (
    <Show when={unread().length > 0}>
      <section class="card stack" aria-labelledby="appr-notices-title">
        <h2 id="appr-notices-title">Updates</h2>
        <ul class="item-list" aria-label="Updates">
          <For each={unread()}>
            {(notice) => (
              <li class="item">
                <p>
                  <a href={`/approvals/${encodeURIComponent(notice.requestId)}`}>
                    {notice.templateName}
                  </a>{' '}
                  {REASON[notice.reason]} ({name(notice.actorId)},{' '}
                  <time dateTime={notice.at}>{new Date(notice.at).toLocaleString()}</time>)
                </p>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
