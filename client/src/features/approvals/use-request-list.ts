import { createResource } from 'solid-js';
import type { Box } from '../../../../shared/api/approvals.js';
import { useApi } from '../../auth/session-context.js';
import { useApprovals } from '../../workspace/approvals/approvals-context.js';

/** One box of requests from the relay, fetched again whenever a request may have moved. */
export function useRequestList(box: () => Box) {
  const api = useApi();
  const approvals = useApprovals();
  const [list, { refetch }] = createResource(
    () => ({ box: box(), changes: approvals.changes() }),
    ({ box }) => api.approvals.list(box),
  );
  return {
    list: () => (list.error ? undefined : list.latest),
    error: () =>
      list.error ? (list.error instanceof Error ? list.error.message : 'Could not load.') : null,
    refetch: () => void refetch(),
  };
}
