import { createResource, type Resource } from 'solid-js';
import type { UserSummary } from '../../../../shared/api/schemas.js';
import { useApi } from '../../auth/session-context.js';

/** The workspace's active people (empty for guests, who may not list them). */
export function usePeople(): Resource<UserSummary[]> {
  const api = useApi();
  const [people] = createResource(async () =>
    (await api.users().catch(() => [])).filter((user) => user.active),
  );
  return people;
}

/** "Ann Lee" → "AL". */
export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}
