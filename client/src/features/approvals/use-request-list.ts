import { createResource } from 'solid-js';
import type { Box } from '../../../../shared/api/approvals.js';
import { useApi } from '../../auth/session-context.js';
import { useApprovals } from '../../workspace/approvals/approvals-context.js';
import { pastFromSummary } from '../../workspace/approvals/request-history.js';
import { useRequestHistory } from '../../workspace/approvals/use-request-history.js';

/** One box of requests from the relay, fetched again whenever a request may have moved. */
export function useRequestList(box: () => Box) {
  const api = useApi();
  const approvals = useApprovals();
  const history = useRequestHistory();
  const [list, { refetch }] = createResource(
    () => ({ box: box(), changes: approvals.changes() }),
    async ({ box }) => {
      const list = await api.approvals.list(box);
      // [APPR76] "Submitted by me" tells how long one's requests took to decide.
      if (box === 'submitted') history.remember(list.requests.map(pastFromSummary));
      return list;
    },
  );
  return {
    list: () => (list.error ? undefined : list.latest),
    error: () =>
      list.error ? (list.error instanceof Error ? list.error.message : 'Could not load.') : null,
    refetch: () => void refetch(),
  };
}
