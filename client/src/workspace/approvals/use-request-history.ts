import { createSignal, type Accessor } from 'solid-js';
import type { PastRequest } from '../../../../shared/approvals/suggest.js';
import { useSession } from '../../auth/session-context.js';
import { readHistory, rememberRequests } from './request-history.js';

/** The signed-in person's past requests on this device ([APPR76]), and a way to add to them. */
export function useRequestHistory(): {
  list: Accessor<readonly PastRequest[]>;
  remember: (seen: readonly Partial<PastRequest>[]) => void;
} {
  const session = useSession();
  const [version, setVersion] = createSignal(0);
  const me = () => session.me()?.user.id ?? null;
  return {
    list: () => {
      version();
      const id = me();
      return id ? readHistory(localStorage, id) : [];
    },
    remember: (seen) => {
      const id = me();
      if (!id || seen.length === 0) return;
      rememberRequests(localStorage, id, seen);
      setVersion((n) => n + 1);
    },
  };
}
