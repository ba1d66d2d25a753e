import { createResource, type Accessor } from 'solid-js';
import type { OrgChart } from '../../../../shared/org/org-chart.js';
import { useApi, useSession } from '../../auth/session-context.js';

export interface OrgChartView {
  chart: Accessor<OrgChart | undefined>;
  loading: Accessor<boolean>;
  error: Accessor<string | null>;
  /** Runs a change whose answer is the new chart, and shows that chart. */
  apply(change: Promise<OrgChart>): Promise<void>;
  refetch(): void;
}

/** The org chart from the relay, for non-guests (a guest is never asked for it). */
export function useOrgChart(): OrgChartView {
  const api = useApi();
  const session = useSession();
  const [chart, { mutate, refetch }] = createResource(
    () => (session.me() && session.me()?.user.role !== 'guest' ? true : null),
    () => api.org.chart(),
  );
  return {
    chart: () => (chart.error ? undefined : chart()),
    loading: () => chart.loading,
    error: () =>
      chart.error instanceof Error
        ? chart.error.message
        : chart.error
          ? 'The organisation could not be loaded.'
          : null,
    async apply(change) {
      mutate(await change);
    },
    refetch: () => void refetch(),
  };
}
